package chaincast.cli;

import chaincast.chart.ChartText;
import chaincast.chart.OddsChart;
import chaincast.v1.JointOdds;
import chaincast.v1.JointRequest;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ObservationRole;
import chaincast.v1.PercentileValue;
import chaincast.v1.Probability;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetOdds;
import chaincast.v1.Unit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chaincast odds}: P(hit) of targets, with intervals, as a table, JSON or CSV, and a chart.
 */
@Command(
    name = "odds",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Probability of reaching targets, with intervals (default: every simulated 2025 target).",
      "Each comes with its 95%% Wilson interval, the simulated median and the growth it needs."
    })
final class OddsCommand extends ClientCommand {
  @Mixin TargetOptions targets;

  @Option(
      names = "--joint",
      paramLabel = "NAME=ID,ID,...",
      description = "Also the probability that all these targets are hit together (repeatable).")
  List<String> joint = List.of();

  @Mixin SimulationOptions simulation;

  @Mixin ChartOptions chart;

  @Override
  void check() {
    for (String j : joint) {
      parseJoint(j); // fails early, before the server is started
    }
  }

  @Override
  int run(Connection connection) throws Exception {
    SimulationSpec.Builder spec = simulation.spec().setTargets(targets.toProto());
    for (String j : joint) {
      spec.addJoint(parseJoint(j));
    }
    SimulationReport report =
        SimulationCall.run(
            withDeadline(SimulationServiceGrpc.newBlockingStub(connection.channel())),
            spec.build(),
            simulation.progressBar(spec));
    print(report, format(), Terminal.out);
    if (chart.wanted()) {
      ChartText text = chart.text();
      chart.write(
          OddsChart.build(
              report.getOddsList(),
              report.getJointList(),
              RunSummary.forChart(report.getRun()),
              text),
          OddsChart.suggestedHeight(report.getOddsCount() + report.getJointCount()));
    }
    return ExitCode.OK.code();
  }

  private JointRequest parseJoint(String text) {
    int eq = text.indexOf('=');
    String[] ids = eq < 0 ? new String[0] : text.substring(eq + 1).split(",");
    if (eq <= 0 || ids.length < 2) {
      throw usage("--joint '" + text + "' is not NAME=ID,ID[,ID...] with at least two target ids");
    }
    JointRequest.Builder b = JointRequest.newBuilder().setId(text.substring(0, eq).trim());
    for (String id : ids) {
      b.addTargetIds(id.trim());
    }
    return b.build();
  }

  static void print(SimulationReport report, OutputFormat format, PrintStream out) {
    switch (format) {
      case JSON -> Output.json(SimulateResponse.newBuilder().setReport(report), out);
      case CSV -> Output.csv(csvColumns(report), csvRows(report), out);
      case TABLE -> table(report, out);
    }
  }

  private static void table(SimulationReport report, PrintStream out) {
    out.println("Chaincast: odds of reaching the targets — " + RunSummary.of(report.getRun()));
    out.println(
        "P(hit) with its 95% interval, estimated as 方法 Method says (×: variance cut against plain"
            + " Monte Carlo); output in 亿元 (100 million yuan), counts as counts; growth in % a year"
            + " from the base.");
    out.println();
    Output.table(targetColumns(), report.getOddsList(), out);
    if (report.getJointCount() > 0) {
      out.println();
      Output.table(jointColumns(), report.getJointList(), out);
    }
    out.println();
    if (report.getSkippedCount() > 0) {
      out.printf(
          Locale.ROOT,
          "%d selected targets are not simulated (counts and other indicators): 'chaincast targets' says why.%n",
          report.getSkippedCount());
    }
    out.printf(
        Locale.ROOT,
        "%d cell parameters in play rest on assumptions (flagged in seeds/); change them with --what-if.%n",
        report.getAssumptionsCount());
    printObservations(report, out);
  }

  /** One line per observation weighed: what it is, how it was used, which cells it ties. */
  private static void printObservations(SimulationReport report, PrintStream out) {
    if (report.getObservationsCount() == 0) {
      return;
    }
    out.println("Observations weighed as evidence (观测值):");
    for (ObservationInUse o : report.getObservationsList()) {
      String subject = o.getCellId().isEmpty() ? o.getTiedCellIdsCount() + " cells" : o.getCellId();
      String period =
          o.hasPeriod()
              ? String.format(
                  Locale.ROOT,
                  " (months %d-%d, = %s 亿元 for the year)",
                  o.getPeriod().getFirstMonth(),
                  o.getPeriod().getLastMonth(),
                  Formats.amount(o.getAnnualValue(), Unit.UNIT_YI_YUAN))
              : "";
      boolean count = o.getRole() == ObservationRole.OBSERVATION_ROLE_RESTARTS_COUNT;
      out.printf(
          Locale.ROOT,
          "  %s: %s in %d = %s%s%s: %s%n",
          o.getObservationId(),
          subject,
          o.getYear(),
          Formats.amount(o.getValue(), count ? Unit.UNIT_COUNT : Unit.UNIT_YI_YUAN),
          count ? "" : " 亿元" + period,
          count ? "" : String.format(Locale.ROOT, ", error %.1f%%", 100 * o.getRelativeError()),
          o.getNote());
    }
  }

  private static List<Column<TargetOdds>> targetColumns() {
    return List.of(
        Column.tableOnly("目标 Target", false, TargetOdds::getTargetId),
        Column.tableOnly("名称 Name", false, o -> Formats.name(o.getName())),
        Column.tableOnly("年 Year", true, o -> String.valueOf(o.getYear())),
        Column.tableOnly(
            "目标值 Goal",
            true,
            o -> Formats.sign(o.getComparison()) + Formats.amount(o.getTargetValue(), o.getUnit())),
        Column.tableOnly("P(hit)", true, o -> Formats.pct(o.getPHit().getEstimate())),
        Column.tableOnly("95% CI", true, o -> Formats.interval(o.getPHit())),
        Column.tableOnly("方法 Method", false, Formats::method),
        Column.tableOnly("中位数 Median", true, o -> Formats.amount(o.getMedian(), o.getUnit())),
        Column.tableOnly(
            "需增速 Need", true, o -> output(o) ? Formats.growth(o.getRequiredGrowth()) : ""),
        Column.tableOnly(
            "中位增速 Median growth", true, o -> output(o) ? Formats.growth(o.getMedianGrowth()) : ""));
  }

  private static boolean output(TargetOdds o) {
    return o.getUnit() == Unit.UNIT_YI_YUAN;
  }

  private static List<Column<JointOdds>> jointColumns() {
    return List.of(
        Column.tableOnly("联合 Joint set", false, JointOdds::getId),
        Column.tableOnly("名称 Name", false, j -> Formats.name(j.getName())),
        Column.tableOnly("targets", true, j -> String.valueOf(j.getTargetIdsCount())),
        Column.tableOnly("P(all hit)", true, j -> Formats.pct(j.getPAllHit().getEstimate())),
        Column.tableOnly("95% CI", true, j -> Formats.interval(j.getPAllHit())),
        Column.tableOnly("min single P", true, j -> Formats.pct(j.getMinMarginal())));
  }

  // ---- CSV: one row per target, then one per joint set (kind = target | joint) ----

  /** A CSV row: a target's odds or a joint set's. */
  private record Row(TargetOdds target, JointOdds joint) {}

  private static List<Row> csvRows(SimulationReport report) {
    List<Row> rows = new ArrayList<>();
    report.getOddsList().forEach(o -> rows.add(new Row(o, null)));
    report.getJointList().forEach(j -> rows.add(new Row(null, j)));
    return rows;
  }

  private static List<Column<Row>> csvColumns(SimulationReport report) {
    List<Column<Row>> c = new ArrayList<>();
    c.add(Column.csvOnly("kind", r -> r.target() != null ? "target" : "joint"));
    c.add(
        Column.csvOnly(
            "id", r -> r.target() != null ? r.target().getTargetId() : r.joint().getId()));
    c.add(
        Column.csvOnly(
            "name_zh",
            r -> r.target() != null ? r.target().getName().getZh() : r.joint().getName().getZh()));
    c.add(
        Column.csvOnly(
            "name_en",
            r -> r.target() != null ? r.target().getName().getEn() : r.joint().getName().getEn()));
    c.add(target("plan_id", TargetOdds::getPlanId));
    c.add(target("year", TargetOdds::getYear));
    c.add(
        target(
            "comparison",
            o -> Formats.sign(o.getComparison()).equals(">") ? "greater_than" : "at_least"));
    c.add(target("target_value", TargetOdds::getTargetValue));
    c.add(target("unit", o -> Formats.unitCode(o.getUnit())));
    c.add(Column.csvOnly("p_hit", r -> p(r).getEstimate()));
    c.add(Column.csvOnly("standard_error", r -> p(r).getStandardError()));
    c.add(Column.csvOnly("ci_low", r -> p(r).getCiLow()));
    c.add(Column.csvOnly("ci_high", r -> p(r).getCiHigh()));
    c.add(Column.csvOnly("hits", r -> p(r).getHits()));
    c.add(Column.csvOnly("paths", r -> p(r).getPaths()));
    c.add(Column.csvOnly("effective_paths", r -> p(r).getEffectivePaths()));
    c.add(
        Column.csvOnly(
            "method", r -> r.target() != null ? Formats.methodCode(r.target()) : "plain"));
    c.add(target("variance_reduction", TargetOdds::getVarianceReduction));
    c.add(target("plain_p_hit", o -> o.getPlainPHit().getEstimate()));
    c.add(target("plain_standard_error", o -> o.getPlainPHit().getStandardError()));
    c.add(target("median", TargetOdds::getMedian));
    c.add(target("mean", TargetOdds::getMean));
    if (report.getOddsCount() > 0) {
      List<PercentileValue> ps = report.getOdds(0).getPercentilesList();
      for (int i = 0; i < ps.size(); i++) {
        int k = i;
        c.add(
            target(
                percentileColumn(ps.get(i).getPercentile()), o -> o.getPercentiles(k).getValue()));
      }
    }
    c.add(target("base_value", o -> output(o) ? o.getBaseValue() : null));
    c.add(target("base_year", o -> output(o) ? o.getBaseYear() : null));
    c.add(target("required_growth", o -> output(o) ? o.getRequiredGrowth() : null));
    c.add(target("median_growth", o -> output(o) ? o.getMedianGrowth() : null));
    c.add(target("expected_shortfall", TargetOdds::getExpectedShortfall));
    c.add(
        Column.csvOnly(
            "joint_target_ids",
            r -> r.joint() == null ? null : String.join(";", r.joint().getTargetIdsList())));
    c.add(
        Column.csvOnly(
            "min_single_p_hit", r -> r.joint() == null ? null : r.joint().getMinMarginal()));
    return c;
  }

  private static Column<Row> target(String name, Function<TargetOdds, Object> f) {
    return Column.csvOnly(name, r -> r.target() == null ? null : f.apply(r.target()));
  }

  private static Probability p(Row r) {
    return r.target() != null ? r.target().getPHit() : r.joint().getPAllHit();
  }

  /** "p5", "p50", "p2_5": a percentile as a CSV column name. */
  static String percentileColumn(double p) {
    String s = p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p).replace('.', '_');
    return "p" + s;
  }
}
