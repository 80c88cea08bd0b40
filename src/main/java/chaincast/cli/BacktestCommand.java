package chaincast.cli;

import chaincast.chart.BacktestChart;
import chaincast.v1.BacktestMethod;
import chaincast.v1.BacktestRequest;
import chaincast.v1.BacktestResponse;
import chaincast.v1.BacktestRow;
import chaincast.v1.BacktestSummary;
import chaincast.v1.CalibrationServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chaincast backtest}: how well the calibrated model would have forecast past years. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Rolling-origin backtest on actuals: for each vantage year, calibrate on the years up to",
      "it and forecast 1..horizon years ahead; score the forecasts against the held-back values",
      "(coverage of the 50/80/95%% intervals, CRPS, log score, PIT) beside two naive baselines:",
      "a random walk with the last 3 years' growth, and the plan's constant growth."
    })
final class BacktestCommand extends ClientCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  ActualsSource source;

  @Option(
      names = "--horizon",
      paramLabel = "YEARS",
      description = "Longest forecast horizon, 1 to 10 years (default: ${DEFAULT-VALUE}).")
  int horizon = 3;

  @Option(
      names = "--min-history",
      paramLabel = "YEARS",
      description = "Full years a cell needs up to a vantage year (default: ${DEFAULT-VALUE}).")
  int minHistory = 4;

  @Option(
      names = "--cell",
      paramLabel = "ID",
      description = "Only score this cell (repeatable; default: every cell with data).")
  List<String> cells = new ArrayList<>();

  @Option(
      names = "--rows",
      description = "Print every scored forecast instead of the summary (table and CSV).")
  boolean rows;

  @Mixin ChartOptions chart;

  @Override
  int run(Connection connection) throws Exception {
    BacktestRequest request =
        BacktestRequest.newBuilder()
            .setDatasetId(source.datasetIdOrEmpty())
            .addAllPoints(CalibrationCall.points(source, this))
            .setHorizon(horizon)
            .setMinHistory(minHistory)
            .addAllCellIds(cells)
            .build();
    BacktestResponse r =
        withDeadline(CalibrationServiceGrpc.newBlockingStub(connection.channel()))
            .backtest(request);
    if (rows) {
      Output.print(format(), r, rowColumns(), r.getRowsList(), Terminal.out);
    } else {
      if (format() == OutputFormat.TABLE) {
        Terminal.out.printf(
            Locale.ROOT,
            "Chaincast: rolling-origin backtest, horizons 1–%d, min history %d years; CRPS and log"
                + " score of ln(value), lower is better%n%n",
            r.getHorizon(),
            r.getMinHistory());
      }
      Output.print(format(), r, summaryColumns(), r.getSummariesList(), Terminal.out);
    }
    if (format() == OutputFormat.TABLE) {
      CalibrationCall.printSkipped(r.getSkippedList());
    }
    if (chart.wanted()) {
      chart.write(BacktestChart.build(r, chart.text()), BacktestChart.suggestedHeight());
    }
    return ExitCode.OK.code();
  }

  static String method(BacktestMethod m) {
    return switch (m) {
      case BACKTEST_METHOD_MODEL -> "model";
      case BACKTEST_METHOD_RANDOM_WALK -> "random_walk";
      case BACKTEST_METHOD_PLAN -> "plan";
      default -> m.name();
    };
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }

  static List<Column<BacktestSummary>> summaryColumns() {
    return List.of(
        Column.text("方法 Method", "method", s -> method(s.getMethod())),
        Column.number("h", "horizon", s -> "" + s.getHorizon(), BacktestSummary::getHorizon),
        Column.number("n", "forecasts", s -> "" + s.getForecasts(), BacktestSummary::getForecasts),
        Column.number(
            "50%", "coverage_50", s -> pct(s.getCoverage50()), BacktestSummary::getCoverage50),
        Column.number(
            "80%", "coverage_80", s -> pct(s.getCoverage80()), BacktestSummary::getCoverage80),
        Column.number(
            "95%", "coverage_95", s -> pct(s.getCoverage95()), BacktestSummary::getCoverage95),
        Column.number("CRPS", "mean_crps", s -> num(s.getMeanCrps()), BacktestSummary::getMeanCrps),
        Column.number(
            "对数分 Log score",
            "mean_log_score",
            s -> num(s.getMeanLogScore()),
            BacktestSummary::getMeanLogScore),
        Column.csvOnly(
            "pit_histogram",
            s -> String.join(" ", s.getPitHistogramList().stream().map(String::valueOf).toList())));
  }

  static List<Column<BacktestRow>> rowColumns() {
    return List.of(
        Column.text("方法 Method", "method", x -> method(x.getMethod())),
        Column.text("单元 Cell", "cell_id", BacktestRow::getCellId),
        Column.number(
            "起点 Vantage",
            "vantage_year",
            x -> "" + x.getVantageYear(),
            BacktestRow::getVantageYear),
        Column.number("h", "horizon", x -> "" + x.getHorizon(), BacktestRow::getHorizon),
        Column.number("中位 Median", "median", x -> amount(x.getMedian()), BacktestRow::getMedian),
        Column.tableOnly(
            "80% 区间 interval",
            true, x -> "[" + amount(x.getLower80()) + ", " + amount(x.getUpper80()) + "]"),
        Column.number("实际 Actual", "actual", x -> amount(x.getActual()), BacktestRow::getActual),
        Column.number(
            "PIT", "pit", x -> String.format(Locale.ROOT, "%.3f", x.getPit()), BacktestRow::getPit),
        Column.number("CRPS", "crps", x -> num(x.getCrps()), BacktestRow::getCrps),
        Column.number(
            "对数分 Log score", "log_score", x -> num(x.getLogScore()), BacktestRow::getLogScore),
        Column.csvOnly("lower_50", BacktestRow::getLower50),
        Column.csvOnly("upper_50", BacktestRow::getUpper50),
        Column.csvOnly("lower_80", BacktestRow::getLower80),
        Column.csvOnly("upper_80", BacktestRow::getUpper80),
        Column.csvOnly("lower_95", BacktestRow::getLower95),
        Column.csvOnly("upper_95", BacktestRow::getUpper95));
  }

  private static String amount(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%,.1f", v);
  }
}
