package chaincast.cli;

import chaincast.v1.CellOverride;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a what-if, {@code CELL:PARAM=VALUE[,PARAM=VALUE...]}, e.g. {@code
 * pharma@etdz:drift_mean=0.05,volatility=0.2}, into a {@link CellOverride}. Only the syntax is
 * checked here; ranges and ids are the server's to judge, so every client gets the same answer.
 */
final class WhatIf implements ITypeConverter<CellOverride> {
  static final String SYNTAX =
      "CELL:PARAM=VALUE[,PARAM=VALUE...] with PARAM one of base_value (亿元), drift_mean, drift_sd, volatility";

  @Override
  public CellOverride convert(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new TypeConversionException("'" + text + "' is not " + SYNTAX);
    }
    CellOverride.Builder b = CellOverride.newBuilder().setCellId(text.substring(0, colon).trim());
    for (String pair : text.substring(colon + 1).split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException(
            "'" + pair + "' in '" + text + "' is not PARAM=VALUE; expected " + SYNTAX);
      }
      String param = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      double value;
      try {
        value = Double.parseDouble(pair.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + pair.substring(eq + 1) + "' in '" + text + "' is not a number");
      }
      switch (param) {
        case "base_value" -> b.setBaseValue(value);
        case "drift_mean" -> b.setDriftMean(value);
        case "drift_sd" -> b.setDriftSd(value);
        case "volatility" -> b.setVolatility(value);
        default ->
            throw new TypeConversionException(
                "unknown parameter '" + param + "' in '" + text + "'; expected " + SYNTAX);
      }
    }
    return b.build();
  }
}
