package chaincast.cli;

import chaincast.chart.OddsChart;
import chaincast.v1.Citation;
import chaincast.v1.Comparison;
import chaincast.v1.LocalizedName;
import chaincast.v1.Probability;
import chaincast.v1.Provenance;
import chaincast.v1.TargetOdds;
import chaincast.v1.Unit;
import com.google.protobuf.ProtocolMessageEnum;
import java.util.Locale;
import java.util.stream.Collectors;

/** How figures read in tables: rounded for people, always with their unit somewhere in sight. */
final class Formats {
  private Formats() {}

  /** "中文 English". */
  static String name(LocalizedName n) {
    return Labels.name(n, Labels.Lang.BOTH);
  }

  /** A probability in percent, as the odds chart labels it (small odds keep three decimals). */
  static String pct(double p) {
    return OddsChart.percentLabel(p);
  }

  /** "[low, high]" of a probability's 95% interval. */
  static String interval(Probability p) {
    return "[" + pct(p.getCiLow()) + ", " + pct(p.getCiHigh()) + "]";
  }

  /** Annual growth, signed, in percent. */
  static String growth(double g) {
    return String.format(Locale.ROOT, "%+.1f%%", 100 * g);
  }

  /** A value in its unit, rounded for reading (counts as whole numbers). */
  static String amount(double v, Unit unit) {
    if (unit == Unit.UNIT_COUNT) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%,.1f", v);
  }

  /** "≥", ">", "≤", "<" (or "∈" for a range) for a comparison. */
  static String sign(Comparison c) {
    return switch (c) {
      case COMPARISON_GREATER_THAN -> ">";
      case COMPARISON_AT_LEAST -> "≥";
      case COMPARISON_AT_MOST -> "≤";
      case COMPARISON_LESS_THAN -> "<";
      case COMPARISON_BETWEEN -> "∈";
      default -> "?";
    };
  }

  /** A unit's short people-facing name, e.g. "亿元". */
  static String unit(Unit u) {
    return switch (u) {
      case UNIT_YI_YUAN -> "亿元";
      case UNIT_COUNT -> "count";
      case UNIT_PERCENT -> "%";
      case UNIT_YI_USD -> "亿美元";
      default -> "";
    };
  }

  /** A unit's ASCII name for CSV headers and fields, e.g. "yi_yuan". */
  static String unitCode(Unit u) {
    return switch (u) {
      case UNIT_YI_YUAN -> "yi_yuan";
      case UNIT_COUNT -> "count";
      case UNIT_PERCENT -> "percent";
      case UNIT_YI_USD -> "yi_usd";
      default -> "";
    };
  }

  /** An enum value without its type prefix, lower case: REGION_KIND_COUNTY reads "county". */
  static String enumName(ProtocolMessageEnum e) {
    String type =
        e.getDescriptorForType()
            .getName()
            .replaceAll("([a-z])([A-Z])", "$1_$2")
            .toUpperCase(Locale.ROOT);
    String name = e.getValueDescriptor().getName();
    return (name.startsWith(type + "_") ? name.substring(type.length() + 1) : name)
        .toLowerCase(Locale.ROOT);
  }

  /** "lzbf-2023-53 附件1, row 1" for each citation, joined by "; ". */
  static String citations(Provenance p) {
    return p.getCitationsList().stream().map(Formats::citation).collect(Collectors.joining("; "));
  }

  static String citation(Citation c) {
    StringBuilder b = new StringBuilder(c.getPlanId());
    if (!c.getSection().isEmpty()) {
      b.append(' ').append(c.getSection());
    }
    if (!c.getRow().isEmpty()) {
      b.append(", ").append(c.getRow());
    }
    return b.toString();
  }

  /**
   * How a target's P(hit) was estimated, short, with the variance reduction it measured over plain
   * Monte Carlo on the same paths: "cond ×2.1", "QMC ×14", "IS ×40", "plain".
   */
  static String method(TargetOdds o) {
    String name =
        switch (o.getMethod()) {
          case ESTIMATION_METHOD_CONDITIONAL -> "cond";
          case ESTIMATION_METHOD_QUASI_RANDOM -> "QMC";
          case ESTIMATION_METHOD_QUASI_RANDOM_CONDITIONAL -> "QMC+cond";
          case ESTIMATION_METHOD_IMPORTANCE -> "IS";
          default -> "plain";
        };
    double f = o.getVarianceReduction();
    if (name.equals("plain") || !(f > 0)) {
      return name;
    }
    String factor =
        Double.isInfinite(f) ? "∞" : String.format(Locale.ROOT, f < 10 ? "%.1f" : "%.0f", f);
    return name + " ×" + factor;
  }
}
