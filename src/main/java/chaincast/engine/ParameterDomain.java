package chaincast.engine;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The domain of every number that reaches the engine, in one table: bounds with open or closed
 * ends, the unit, and the step a tornado moves the parameter by. It is the one place a parameter is
 * bounded: the seed validator, the API's validators, the sensitivity steps and the engine's own
 * checks all ask this table, so a value the API accepts is a value the engine runs.
 *
 * <p>How the bounds were chosen: every seeded value lies well inside (outputs 0.88–697 亿元, drifts
 * 0.015–0.35, volatilities 0.10–0.25, rates 0–5.2, shape 4), and every combination of values inside
 * keeps a path's log value far from where {@code exp} overflows (709) or underflows (-745): an
 * output starts between 1e-4 and 1e8 亿元 and its drift moves it at most 15 log units by 2035, so
 * only many events or macro shocks together can push a median path out of {@link
 * #PROJECTED_OUTPUT}, which {@link MedianEnvelope} checks. Non-zero magnitudes below a parameter's
 * {@code smallest} are refused: they are numerical noise, and subnormal numbers slow the inner loop
 * by orders of magnitude.
 */
public enum ParameterDomain {
  /**
   * Output a person gives: base values, observed output of cells and groups, chains-above levels.
   */
  OUTPUT(
      "output",
      "亿元",
      1e-4,
      false,
      1e8,
      false,
      0,
      false,
      false,
      new Step(true, 0.9, 1.1, "±10% of the starting output"),
      "cell base_value, observation value (cell or group), chains-above level"),
  /** Mean log growth a year. */
  DRIFT_MEAN(
      "drift_mean",
      "log growth a year, 0.09 ≈ +9.4%",
      -1,
      false,
      1,
      false,
      1e-9,
      false,
      false,
      new Step(false, -0.01, 0.01, "±0.01 log growth a year (about ±1 point a year)"),
      "cell drift_mean"),
  /** Standard deviation of the per-path drift. */
  DRIFT_SD(
      "drift_sd",
      "log growth a year",
      0,
      false,
      1,
      false,
      1e-9,
      false,
      false,
      new Step(true, 0.5, 1.5, "×0.5 and ×1.5"),
      "cell drift_sd"),
  /** Standard deviation of the yearly shock. */
  VOLATILITY(
      "volatility",
      "log output a year",
      0,
      false,
      2,
      false,
      1e-9,
      false,
      false,
      new Step(true, 0.75, 1.25, "×0.75 and ×1.25"),
      "cell volatility"),
  /** Chance a year that a project event fires (at most once per path). */
  EVENT_PROBABILITY(
      "yearly_probability",
      "probability a year",
      1e-9,
      false,
      1,
      false,
      0,
      false,
      false,
      null,
      "project event yearly_probability"),
  /** Mean jump of a project event. */
  JUMP_LOG_MEAN(
      "jump_log_mean",
      "log output",
      -5,
      false,
      5,
      false,
      1e-9,
      false,
      false,
      null,
      "project event jump_log_mean"),
  /** Standard deviation of a project event's jump. */
  JUMP_LOG_SD(
      "jump_log_sd",
      "log output",
      0,
      false,
      2,
      false,
      1e-9,
      false,
      false,
      null,
      "project event jump_log_sd"),
  /** A count: a count cell's base, or an observed count. */
  COUNT(
      "base_count",
      "count",
      0,
      false,
      1e6,
      false,
      0,
      false,
      true,
      new Step(false, -1, 1, "−1 and +1"),
      "count cell base_count, observation value (count cell)"),
  /** Mean arrivals a year of a count cell. */
  YEARLY_RATE(
      "yearly_rate",
      "arrivals a year",
      0,
      false,
      1e4,
      false,
      1e-6,
      false,
      false,
      new Step(true, 0.75, 1.25, "×0.75 and ×1.25"),
      "count cell yearly_rate"),
  /** Gamma shape of a count cell's rate; 0 means the rate is known. */
  RATE_SHAPE(
      "rate_shape",
      "gamma shape; 0: known rate",
      0,
      false,
      1e6,
      false,
      0.01,
      false,
      false,
      new Step(true, 0.5, 2, "×0.5 and ×2"),
      "count cell rate_shape"),
  /** Relative change of level of a macro shock. */
  CHANGE(
      "change",
      "relative change, -0.10 = -10%",
      -1,
      true,
      10,
      false,
      1e-6,
      true,
      false,
      null,
      "macro shock change"),
  /** Share of shock variance common to the whole city. */
  CITY_WEIGHT(
      "city_weight",
      "share of variance",
      0,
      false,
      1,
      false,
      1e-9,
      false,
      false,
      null,
      "shock settings city_weight (seeds)"),
  /** Share of shock variance common to a chain; city_weight + chain_weight is at most 1. */
  CHAIN_WEIGHT(
      "chain_weight",
      "share of variance",
      0,
      false,
      1,
      false,
      1e-9,
      false,
      false,
      null,
      "shock settings chain_weight (seeds)"),
  /** Degrees of freedom of Student-t shocks. */
  DEGREES_OF_FREEDOM(
      "degrees_of_freedom",
      "Student-t ν",
      2,
      true,
      1000,
      false,
      0,
      false,
      false,
      null,
      "shock settings degrees_of_freedom (seeds)"),
  /** What a simulated target must reach. */
  THRESHOLD(
      "value",
      "亿元 or count",
      0,
      false,
      1e9,
      false,
      1e-9,
      false,
      false,
      null,
      "simulated target value (seeds)"),
  /** A percentile asked for. */
  PERCENTILE(
      "percentile",
      "percent",
      0.001,
      false,
      99.999,
      false,
      0,
      false,
      false,
      null,
      "spec.percentiles"),
  /** Relative measurement error of an observation (sd of the log of observed / true). */
  MEASUREMENT_ERROR(
      "relative_error",
      "sd of log, 0.05 ≈ 5%",
      0,
      false,
      Evidence.MAX_LOG_SD,
      false,
      Evidence.MIN_LOG_SD,
      false,
      false,
      null,
      "observation relative_error (0: the model's default), period fraction_error"),
  /** The share of a year's value a part-year figure covers. */
  PERIOD_FRACTION(
      "fraction",
      "share of the year",
      0,
      false,
      1,
      false,
      1e-3,
      false,
      false,
      null,
      "observation period fraction (0: the share of months)"),
  /** Prior spread of an assumed base (sd of the log of true / assumed). */
  PRIOR_SPREAD(
      "prior_spread",
      "sd of log, 0.15 ≈ ±15%",
      0,
      false,
      Evidence.MAX_LOG_SD,
      false,
      1e-4,
      false,
      false,
      null,
      "parameter prior_spread, settings assumed_base_spread"),
  /** The 95% half-width a precision run stops at. */
  HALF_WIDTH(
      "half_width",
      "probability, 0.005 = ±0.5 points",
      1e-5,
      false,
      0.5,
      true,
      0,
      false,
      false,
      null,
      "spec.precision.half_width"),
  /**
   * Output on a cell's median path in any year (start, drift, event jumps, and macro shocks
   * together) and observed values: the range a run represents with room for the random part.
   */
  PROJECTED_OUTPUT(
      "median path",
      "亿元",
      1e-30,
      false,
      1e30,
      false,
      0,
      false,
      false,
      null,
      "every cell's median path up to the horizon; evidence values");

  /** Largest magnitude written in plain digits in messages; larger ones use exponents. */
  private static final double PLAIN_LIMIT = 1e9;

  private final String parameter;
  private final String unit;
  private final double low;
  private final boolean lowOpen;
  private final double high;
  private final boolean highOpen;
  private final double smallest;
  private final boolean zeroExcluded;
  private final boolean whole;

  @SuppressWarnings("ImmutableEnumChecker") // Step is a record of final primitives and a String
  private final Step step;

  private final String appliesTo;

  ParameterDomain(
      String parameter,
      String unit,
      double low,
      boolean lowOpen,
      double high,
      boolean highOpen,
      double smallest,
      boolean zeroExcluded,
      boolean whole,
      Step step,
      String appliesTo) {
    this.parameter = parameter;
    this.unit = unit;
    this.low = low;
    this.lowOpen = lowOpen;
    this.high = high;
    this.highOpen = highOpen;
    this.smallest = smallest;
    this.zeroExcluded = zeroExcluded;
    this.whole = whole;
    this.step = step;
    this.appliesTo = appliesTo;
  }

  /**
   * A tornado step: the value moves to {@code v * down} and {@code v * up} when {@code relative},
   * else to {@code v + down} and {@code v + up}.
   *
   * @param relative multiply rather than add
   * @param down factor or offset of the low end
   * @param up factor or offset of the high end
   * @param description how a person reads the step, e.g. "×0.5 and ×1.5"
   */
  public record Step(boolean relative, double down, double up, String description) {}

  /** The parameter's name, e.g. {@code drift_mean}. */
  public String parameter() {
    return parameter;
  }

  /** The unit values are in, e.g. {@code 亿元}. */
  public String unit() {
    return unit;
  }

  /** The lowest value (excluded when {@link #lowOpen()}). */
  public double low() {
    return low;
  }

  /** Whether {@link #low()} itself is outside the domain. */
  public boolean lowOpen() {
    return lowOpen;
  }

  /** The highest value (excluded when {@link #highOpen()}). */
  public double high() {
    return high;
  }

  /** Whether {@link #high()} itself is outside the domain. */
  public boolean highOpen() {
    return highOpen;
  }

  /** The smallest non-zero magnitude accepted; 0 when there is no such rule. */
  public double smallest() {
    return smallest;
  }

  /** The tornado step, or null for a parameter the tornado does not move. */
  public Step step() {
    return step;
  }

  /** Which fields this row bounds, for the documentation. */
  public String appliesTo() {
    return appliesTo;
  }

  /** True when {@code v} lies in the domain. */
  public boolean contains(double v) {
    return violation(v) == null;
  }

  /**
   * What is wrong with {@code v}, as the end of a sentence naming the field, e.g. {@code "must be
   * from 0 to 2 (log output a year), got 3.0"}; null when {@code v} is in the domain. The text says
   * which rule failed: the interval, whole numbers, or the smallest size.
   */
  public String violation(double v) {
    if (!Double.isFinite(v) || !inInterval(v)) {
      return rangeRule() + ", got " + v;
    }
    if (whole && v != Math.rint(v)) {
      return rangeRule() + ", got " + v;
    }
    if (v == 0 && zeroExcluded) {
      return "must not be 0 (" + unit + ")";
    }
    if (v != 0 && Math.abs(v) < smallest) {
      return (zeroAllowed() ? "must be 0 or at least " : "must be at least ")
          + format(smallest)
          + " in size (smaller values are numerical noise), got "
          + v;
    }
    return null;
  }

  /**
   * What is wrong with {@code ln(1 + v)} given in place of {@code v} (a macro shock reaches the
   * engine as the log factor of its {@link #CHANGE}), as the end of a sentence naming the field;
   * null when the value it stands for lies in this row's interval. The ends are compared in log
   * space, where {@code Math.log1p} is monotone, so exactly the log factors of the values the
   * interval holds pass (a round trip through {@code expm1} could miss an end by an ulp). The zero
   * and size rules stay the caller's: a log factor of 0 moves nothing and costs nothing.
   */
  public String violationOfLog1p(double logValue) {
    double lowest = Math.log1p(low);
    double highest = Math.log1p(high);
    boolean aboveLow = lowOpen ? logValue > lowest : logValue >= lowest;
    boolean belowHigh = highOpen ? logValue < highest : logValue <= highest;
    if (Double.isFinite(logValue) && aboveLow && belowHigh) {
      return null;
    }
    return "must be ln(1 + v) with v "
        + rangeRule().substring("must be ".length())
        + ", got "
        + logValue;
  }

  /** The whole rule in one phrase, e.g. for documentation: interval, unit, size and zero rules. */
  public String rule() {
    String rule = rangeRule();
    if (smallest > 0) {
      rule += (zeroAllowed() ? ", 0 or at least " : ", at least ") + format(smallest) + " in size";
    } else if (zeroExcluded) {
      rule += ", not 0";
    }
    return rule;
  }

  /** Whether 0 itself is in the domain (it may be, below {@code smallest}: it means "none"). */
  private boolean zeroAllowed() {
    return !zeroExcluded && inInterval(0);
  }

  /**
   * The two ends of this parameter's tornado step around {@code v}, each moved back inside the
   * domain if the step would leave it (a step never leaves the domain a request could set). A
   * {@code v} outside the domain (a start split from a group total) is stepped as it is.
   *
   * @throws IllegalStateException when this parameter has no step
   */
  public double[] around(double v) {
    if (step == null) {
      throw new IllegalStateException(parameter + " has no tornado step");
    }
    double down = step.relative() ? v * step.down() : v + step.down();
    double up = step.relative() ? v * step.up() : v + step.up();
    if (!contains(v)) {
      return new double[] {down, up};
    }
    return new double[] {clamp(down), clamp(up)};
  }

  /** The value of the domain nearest {@code v} (finite {@code v}). */
  public double clamp(double v) {
    double lowest = lowOpen ? Math.nextUp(low) : low;
    double highest = highOpen ? Math.nextDown(high) : high;
    double x = Math.max(lowest, Math.min(highest, v));
    if (whole) {
      x = Math.max(Math.ceil(lowest), Math.min(Math.floor(highest), Math.rint(x)));
    }
    if ((x != 0 && Math.abs(x) < smallest) || (x == 0 && zeroExcluded)) {
      x = Math.copySign(smallest, x == 0 ? 1 : x);
    }
    return x;
  }

  private boolean inInterval(double v) {
    boolean aboveLow = lowOpen ? v > low : v >= low;
    boolean belowHigh = highOpen ? v < high : v <= high;
    return aboveLow && belowHigh;
  }

  private String rangeRule() {
    String kind = whole ? "a whole number " : "";
    String range;
    if (lowOpen && highOpen) {
      range = "above " + format(low) + " and below " + format(high);
    } else if (lowOpen) {
      range = "above " + format(low) + " and at most " + format(high);
    } else if (highOpen) {
      range = "at least " + format(low) + " and below " + format(high);
    } else {
      range = "from " + format(low) + " to " + format(high);
    }
    return "must be " + kind + range + " (" + unit + ")";
  }

  /**
   * A bound as a person writes it: plain digits for ordinary magnitudes ({@code 0.0001}, {@code
   * 1000000}), an exponent for the rest ({@code 1e-9}, {@code 1e30}).
   */
  public static String format(double v) {
    double a = Math.abs(v);
    if (a == 0 || (a >= 1e-4 && a < PLAIN_LIMIT)) {
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
    String s = String.format(Locale.ROOT, "%.6e", v); // e.g. 1.000000e-09
    String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
    int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
    return mantissa + "e" + exponent;
  }

  /** The table as Markdown, as the README renders it (a test keeps the two the same). */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| row | values | unit | tornado step | bounds these fields |\n");
    out.append("|---|---|---|---|---|\n");
    for (ParameterDomain d : values()) {
      out.append("| `")
          .append(d.name())
          .append("` | ")
          .append(d.rule().substring("must be ".length()).replace(" (" + d.unit + ")", ""))
          .append(" | ")
          .append(d.unit)
          .append(" | ")
          .append(d.step == null ? "" : d.step.description())
          .append(" | ")
          .append(d.appliesTo)
          .append(" |\n");
    }
    return out.toString();
  }
}
