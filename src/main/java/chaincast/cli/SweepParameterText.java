package chaincast.cli;

import chaincast.v1.SweepParameter;
import chaincast.v1.SweepQuantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parameters and values as the {@code sweep} and {@code goal-seek} commands write them: {@code
 * OWNER.PARAMETER} (e.g. {@code pharma@etdz.drift}) and values {@code LO:HI:N} (N evenly spaced,
 * both ends included) or {@code V1,V2,...}.
 */
final class SweepParameterText {
  private SweepParameterText() {}

  /** The parameter names accepted, e.g. in help and error messages. */
  static final String NAMES =
      "base_value (base), drift_mean (drift), drift_sd, volatility (vol) of a cell;"
          + " base_count, yearly_rate (rate), rate_shape of a count cell; change of a macro shock";

  /** Parses {@code OWNER.PARAMETER}; null with {@code problem[0]} set when it does not parse. */
  static SweepParameter parse(String text, String[] problem) {
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      problem[0] = "write OWNER.PARAMETER, e.g. pharma@etdz.drift, got '" + text + "'";
      return null;
    }
    String owner = text.substring(0, dot);
    SweepQuantity q = quantity(text.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (q == null) {
      problem[0] = "unknown parameter '" + text.substring(dot + 1) + "': one of " + NAMES;
      return null;
    }
    SweepParameter.Builder p = SweepParameter.newBuilder().setQuantity(q);
    switch (q) {
      case SWEEP_QUANTITY_BASE_COUNT, SWEEP_QUANTITY_YEARLY_RATE, SWEEP_QUANTITY_RATE_SHAPE ->
          p.setCountCellId(owner);
      case SWEEP_QUANTITY_MACRO_SHOCK_CHANGE -> p.setMacroShockId(owner);
      default -> p.setCellId(owner);
    }
    return p.build();
  }

  private static SweepQuantity quantity(String name) {
    return switch (name) {
      case "base", "base_value" -> SweepQuantity.SWEEP_QUANTITY_BASE_VALUE;
      case "drift", "drift_mean" -> SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN;
      case "drift_sd" -> SweepQuantity.SWEEP_QUANTITY_DRIFT_SD;
      case "vol", "volatility" -> SweepQuantity.SWEEP_QUANTITY_VOLATILITY;
      case "base_count" -> SweepQuantity.SWEEP_QUANTITY_BASE_COUNT;
      case "rate", "yearly_rate" -> SweepQuantity.SWEEP_QUANTITY_YEARLY_RATE;
      case "rate_shape" -> SweepQuantity.SWEEP_QUANTITY_RATE_SHAPE;
      case "change" -> SweepQuantity.SWEEP_QUANTITY_MACRO_SHOCK_CHANGE;
      default -> null;
    };
  }

  /** Parses {@code LO:HI:N} or {@code V1,V2,...}; throws IllegalArgumentException saying why. */
  static List<Double> values(String text) {
    List<Double> out = new ArrayList<>();
    try {
      if (text.contains(":")) {
        String[] p = text.split(":", -1);
        if (p.length != 3) {
          throw new IllegalArgumentException("write LO:HI:N, got '" + text + "'");
        }
        double lo = Double.parseDouble(p[0]);
        double hi = Double.parseDouble(p[1]);
        int n = Integer.parseInt(p[2]);
        if (n < 1 || n > 10_000) {
          throw new IllegalArgumentException("N must be 1 to 10000, got " + n);
        }
        for (int i = 0; i < n; i++) {
          out.add(n == 1 ? lo : lo + (hi - lo) * i / (n - 1));
        }
      } else {
        for (String v : text.split(",", -1)) {
          out.add(Double.parseDouble(v.trim()));
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number in '" + text + "'", e);
    }
    return out;
  }
}
