package chaincast.cli;

import chaincast.v1.Comparison;
import chaincast.v1.JointOdds;
import chaincast.v1.PercentileValue;
import chaincast.v1.Probability;
import chaincast.v1.SimulationReport;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import chaincast.v1.ThresholdOdds;
import chaincast.v1.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The tidy odds schema: one row per target, threshold and joint set, with the same columns, names,
 * units and enum spellings in CSV, in tidy JSON and in the Python client's frames (README, "Tidy
 * output", lists them). Enums are spelled as their proto value, lower case, without the type prefix
 * ({@code at_least}, {@code yi_yuan}, {@code quasi_random_conditional}); probabilities are
 * fractions; growth is a fraction a year; values are in {@code unit}.
 */
final class OddsRows {
  private OddsRows() {}

  /** One row: exactly one of the three is set. */
  record Row(TargetOdds target, ThresholdOdds threshold, JointOdds joint, Integer jointYear) {
    String kind() {
      return target != null ? "target" : threshold != null ? "threshold" : "joint";
    }

    Probability p() {
      return target != null
          ? target.getPHit()
          : threshold != null ? threshold.getProbability() : joint.getPAllHit();
    }
  }

  /** Targets, then thresholds, then joint sets, each in report order. */
  static List<Row> of(SimulationReport report) {
    List<Row> rows = new ArrayList<>();
    report.getOddsList().forEach(o -> rows.add(new Row(o, null, null, null)));
    report.getThresholdsList().forEach(t -> rows.add(new Row(null, t, null, null)));
    for (JointOdds j : report.getJointList()) {
      rows.add(new Row(null, null, j, jointYear(report, j)));
    }
    return rows;
  }

  /** The year of a joint set's targets when they share one, else null. */
  private static Integer jointYear(SimulationReport report, JointOdds j) {
    Integer year = null;
    for (TargetOdds o : report.getOddsList()) {
      if (j.getTargetIdsList().contains(o.getTargetId())) {
        if (year != null && year != o.getYear()) {
          return null;
        }
        year = o.getYear();
      }
    }
    return year;
  }

  /**
   * The schema's columns, in the order of the Python client's odds frame, then the columns that
   * frame gained with thresholds and joint rows; percentile columns follow the report's.
   */
  static List<Column<Row>> columns(SimulationReport report) {
    List<Column<Row>> c = new ArrayList<>();
    identityColumns(c);
    probabilityColumns(c);
    c.add(col("median", r -> pick(r, TargetOdds::getMedian, ThresholdOdds::getMedian, j -> null)));
    c.add(col("mean", r -> pick(r, TargetOdds::getMean, ThresholdOdds::getMean, j -> null)));
    for (double p : percentiles(report)) {
      c.add(
          col(
              percentileColumn(p),
              r ->
                  pick(
                      r,
                      o -> at(o.getPercentilesList(), p),
                      t -> at(t.getPercentilesList(), p),
                      j -> null)));
    }
    growthColumns(c);
    c.add(
        col(
            "method",
            r ->
                pick(
                    r,
                    o -> Formats.enumName(o.getMethod()),
                    t -> Formats.enumName(t.getMethod()),
                    j -> "plain")));
    c.add(
        col(
            "variance_reduction",
            r ->
                pick(
                    r,
                    TargetOdds::getVarianceReduction,
                    ThresholdOdds::getVarianceReduction,
                    j -> 1.0)));
    c.add(
        col(
            "plain_p_hit",
            r -> pick(r, o -> o.getPlainPHit().getEstimate(), t -> null, j -> null)));
    c.add(
        col(
            "plain_p_hit_se",
            r -> pick(r, o -> o.getPlainPHit().getStandardError(), t -> null, j -> null)));
    rowColumns(c);
    return c;
  }

  /** What the row is about: id, names, year, comparison, level, unit, kind. */
  private static void identityColumns(List<Column<Row>> c) {
    c.add(
        col(
            "target_id",
            r -> pick(r, TargetOdds::getTargetId, ThresholdOdds::getId, JointOdds::getId)));
    c.add(col("plan_id", r -> pick(r, TargetOdds::getPlanId, t -> null, j -> null)));
    c.add(
        col(
            "name_zh",
            r ->
                pick(
                    r,
                    o -> o.getName().getZh(),
                    t -> t.getName().getZh(),
                    j -> j.getName().getZh())));
    c.add(
        col(
            "name_en",
            r ->
                pick(
                    r,
                    o -> o.getName().getEn(),
                    t -> t.getName().getEn(),
                    j -> j.getName().getEn())));
    c.add(
        col(
            "year",
            r ->
                pick(r, TargetOdds::getYear, t -> t.getThreshold().getYear(), j -> r.jointYear())));
    c.add(
        col(
            "comparison",
            r ->
                pick(
                    r,
                    o -> comparison(o.getComparison()),
                    t -> comparison(t.getThreshold().getComparison()),
                    j -> null)));
    c.add(
        col(
            "target_value",
            r -> pick(r, TargetOdds::getTargetValue, t -> t.getThreshold().getValue(), j -> null)));
    c.add(
        col(
            "unit",
            r ->
                pick(
                    r, o -> Formats.unit(o.getUnit()), t -> Formats.unit(t.getUnit()), j -> null)));
    c.add(
        col(
            "kind",
            r ->
                pick(
                    r,
                    o -> Formats.enumName(o.getKind()),
                    t -> Formats.enumName(t.getKind()),
                    j -> null)));
  }

  /** P(hit) with its error, interval and path counts. */
  private static void probabilityColumns(List<Column<Row>> c) {
    c.add(col("p_hit", r -> r.p().getEstimate()));
    c.add(col("p_hit_se", r -> r.p().getStandardError()));
    c.add(col("ci_low", r -> r.p().getCiLow()));
    c.add(col("ci_high", r -> r.p().getCiHigh()));
    c.add(col("hits", r -> r.p().getHits()));
    c.add(col("paths", r -> r.p().getPaths()));
    c.add(col("effective_paths", r -> r.p().getEffectivePaths()));
  }

  /** Where the target starts, the growth it needs and the median path's, its shortfall. */
  private static void growthColumns(List<Column<Row>> c) {
    c.add(
        col(
            "base_year",
            r ->
                pick(r, o -> o.getBaseYear() == 0 ? null : o.getBaseYear(), t -> null, j -> null)));
    c.add(col("base_value", r -> pick(r, TargetOdds::getBaseValue, t -> null, j -> null)));
    c.add(
        col(
            "required_growth",
            r -> pick(r, o -> hasGrowth(o) ? o.getRequiredGrowth() : null, t -> null, j -> null)));
    c.add(
        col(
            "median_growth",
            r -> pick(r, o -> hasGrowth(o) ? o.getMedianGrowth() : null, t -> null, j -> null)));
    c.add(
        col(
            "expected_shortfall",
            r -> pick(r, TargetOdds::getExpectedShortfall, t -> null, j -> null)));
  }

  /**
   * What kind of row, a range's upper level, the scope, the parent target, a joint set's members.
   */
  private static void rowColumns(List<Column<Row>> c) {
    c.add(col("row", Row::kind));
    c.add(
        col(
            "upper_value",
            r ->
                pick(
                    r,
                    o -> null,
                    t ->
                        t.getThreshold().getComparison() == Comparison.COMPARISON_BETWEEN
                            ? t.getThreshold().getUpperValue()
                            : null,
                    j -> null)));
    c.add(
        col(
            "region_id",
            r -> pick(r, TargetOdds::getRegionId, ThresholdOdds::getRegionId, j -> null)));
    c.add(
        col(
            "chain_id",
            r -> pick(r, TargetOdds::getChainId, ThresholdOdds::getChainId, j -> null)));
    c.add(col("part_of", r -> pick(r, TargetOdds::getPartOf, t -> null, j -> null)));
    c.add(col("joint_target_ids", r -> pick(r, o -> null, t -> null, JointOdds::getTargetIdsList)));
    c.add(col("min_single_p_hit", r -> pick(r, o -> null, t -> null, JointOdds::getMinMarginal)));
  }

  /** ">=", ">", "<=", "<" or "between": as the Python client and the tables write comparisons. */
  static String comparison(Comparison c) {
    return switch (c) {
      case COMPARISON_AT_LEAST -> ">=";
      case COMPARISON_GREATER_THAN -> ">";
      case COMPARISON_AT_MOST -> "<=";
      case COMPARISON_LESS_THAN -> "<";
      case COMPARISON_BETWEEN -> "between";
      default -> null;
    };
  }

  /** Growth is computed for output and count targets with a positive base before their year. */
  static boolean hasGrowth(TargetOdds o) {
    return o.getKind() != TargetKind.TARGET_KIND_CHAINS_ABOVE
        && o.getBaseValue() > 0
        && o.getYear() > o.getBaseYear()
        && o.getUnit() != Unit.UNIT_UNSPECIFIED;
  }

  /** The percentiles the report's rows carry, in order. */
  static List<Double> percentiles(SimulationReport report) {
    List<Double> ps = new ArrayList<>();
    report.getOddsList().forEach(o -> o.getPercentilesList().forEach(v -> addNew(ps, v)));
    report.getThresholdsList().forEach(t -> t.getPercentilesList().forEach(v -> addNew(ps, v)));
    return ps;
  }

  private static void addNew(List<Double> ps, PercentileValue v) {
    if (!ps.contains(v.getPercentile())) {
      ps.add(v.getPercentile());
    }
  }

  private static Double at(List<PercentileValue> values, double p) {
    for (PercentileValue v : values) {
      if (v.getPercentile() == p) {
        return v.getValue();
      }
    }
    return null;
  }

  /** "p5", "p50", "p2_5": a percentile as a column name. */
  static String percentileColumn(double p) {
    String s = p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p).replace('.', '_');
    return "p" + s;
  }

  private static Column<Row> col(String name, Function<Row, Object> value) {
    return Column.csvOnly(name, value);
  }

  /** The value of whichever of target, threshold or joint the row holds; "" becomes null. */
  private static Object pick(
      Row r,
      Function<TargetOdds, Object> target,
      Function<ThresholdOdds, Object> threshold,
      Function<JointOdds, Object> joint) {
    Object v =
        r.target() != null
            ? target.apply(r.target())
            : r.threshold() != null ? threshold.apply(r.threshold()) : joint.apply(r.joint());
    return Objects.equals(v, "") ? null : v;
  }
}
