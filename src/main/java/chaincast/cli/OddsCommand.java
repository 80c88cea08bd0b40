package chaincast.cli;

import chaincast.v1.Comparison;
import chaincast.v1.JointOdds;
import chaincast.v1.Precision;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import chaincast.v1.Unit;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast odds}: P(hit) of targets, as a table. */
@Command(
    name = "odds",
    mixinStandardHelpOptions = true,
    description = "Probability of reaching targets (by default every simulated 2025 target).")
final class OddsCommand implements Callable<Integer> {
  @Option(names = "--server", paramLabel = "HOST:PORT", description = "Server to use (default: start one in-process).")
  String server;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline for the call (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds = 600;

  @Option(names = "--target", paramLabel = "ID", description = "A target id (repeatable).")
  List<String> targetIds = List.of();

  @Option(names = "--plan", paramLabel = "ID", description = "Every simulated target of this plan.")
  String planId = "";

  @Option(names = "--year", description = "Every simulated target of this year (default: 2025 when nothing else is selected).")
  int year;

  @Option(names = "--paths", description = "Paths to simulate (default: ${DEFAULT-VALUE}).")
  long paths = 1_000_000;

  @Option(
      names = "--precision",
      paramLabel = "HALF_WIDTH",
      description = "Instead of --paths: run until every 95% half-width is at most this (e.g. 0.002).")
  Double precision;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}; same seed, same numbers).")
  long seed = 2025;

  @Option(names = "--horizon", description = "Last simulated year (default: 2025).")
  int horizon;

  @Override
  public Integer call() throws Exception {
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder()
            .setTargets(
                TargetSelection.newBuilder().addAllTargetIds(targetIds).setPlanId(planId).setYear(year))
            .setSeed(seed)
            .setHorizonYear(horizon);
    if (precision != null) {
      spec.setPrecision(Precision.newBuilder().setHalfWidth(precision));
    } else {
      spec.setPaths(paths);
    }
    try (Connection connection = Connection.open(server)) {
      SimulationReport report =
          SimulationServiceGrpc.newBlockingStub(connection.channel())
              .withDeadlineAfter((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)
              .simulate(SimulateRequest.newBuilder().setSpec(spec).build())
              .getReport();
      print(report, System.out);
    }
    return 0;
  }

  static void print(SimulationReport report, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "Chaincast: odds of reaching the targets — %,d paths, seed %s, %d ms%n"
            + "P(hit) with its 95%% Wilson interval; output in 亿元 (100 million yuan); growth in %% a year from the base.%n%n",
        report.getRun().getPaths(),
        Long.toUnsignedString(report.getRun().getSeed()),
        report.getRun().getElapsedMillis());
    TextTable t =
        new TextTable(
            List.of("目标 Target", "名称 Name", "年 Year", "目标值 Goal", "P(hit)", "95% CI", "中位数 Median", "需增速 Need", "中位增速 Median"),
            new boolean[] {false, false, true, true, true, true, true, true, true});
    for (TargetOdds o : report.getOddsList()) {
      boolean output = o.getUnit() == Unit.UNIT_YI_YUAN;
      t.add(
          List.of(
              o.getTargetId(),
              o.getName().getZh() + " " + o.getName().getEn(),
              String.valueOf(o.getYear()),
              (o.getComparison() == Comparison.COMPARISON_GREATER_THAN ? ">" : "≥") + amount(o.getTargetValue(), o.getUnit()),
              pct(o.getPHit().getEstimate()),
              "[" + pct(o.getPHit().getCiLow()) + ", " + pct(o.getPHit().getCiHigh()) + "]",
              amount(o.getMedian(), o.getUnit()),
              output ? growth(o.getRequiredGrowth()) : "",
              output ? growth(o.getMedianGrowth()) : ""));
    }
    t.print(out);
    if (report.getJointCount() > 0) {
      out.println();
      TextTable j =
          new TextTable(
              List.of("联合 Joint set", "名称 Name", "targets", "P(all hit)", "95% CI", "min single P"),
              new boolean[] {false, false, true, true, true, true});
      for (JointOdds o : report.getJointList()) {
        j.add(
            List.of(
                o.getId(),
                o.getName().getZh() + " " + o.getName().getEn(),
                String.valueOf(o.getTargetIdsCount()),
                pct(o.getPAllHit().getEstimate()),
                "[" + pct(o.getPAllHit().getCiLow()) + ", " + pct(o.getPAllHit().getCiHigh()) + "]",
                pct(o.getMinMarginal())));
      }
      j.print(out);
    }
    out.println();
    if (report.getSkippedCount() > 0) {
      out.printf(
          "%d selected targets are not simulated (counts and other indicators); list them with the API's ListTargets.%n",
          report.getSkippedCount());
    }
    out.printf(
        "%d cell parameters in play rest on assumptions (flagged in seeds/); override them per request.%n",
        report.getAssumptionsCount());
  }

  /** One decimal, or three below 1% so small odds do not read as zero. */
  private static String pct(double p) {
    return String.format(Locale.ROOT, p > 0 && p < 0.01 ? "%.3f%%" : "%.1f%%", 100 * p);
  }

  private static String growth(double g) {
    return String.format(Locale.ROOT, "%+.1f%%", 100 * g);
  }

  private static String amount(double v, Unit unit) {
    if (unit == Unit.UNIT_COUNT) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%,.1f", v);
  }
}
