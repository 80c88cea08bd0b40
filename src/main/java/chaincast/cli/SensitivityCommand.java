package chaincast.cli;

import chaincast.chart.TornadoChart;
import chaincast.v1.ImportanceInput;
import chaincast.v1.SensitivityReport;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.SensitivityResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TornadoBar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chaincast sensitivity}: which inputs decide one target. */
@Command(
    name = "sensitivity",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Which inputs decide a target: a tornado and Shapley effects.",
      "The tornado gives P(hit) with each input one documented step down and up, on common",
      "random numbers; the Shapley effects split the variance of the target's value."
    })
final class SensitivityCommand extends ClientCommand {
  @Option(
      names = "--target",
      required = true,
      paramLabel = "ID",
      description = "The target to analyse.")
  String targetId;

  @Option(
      names = "--scenario",
      paramLabel = "ID",
      description = "Around a stored scenario (default: the seeded model).")
  String scenario;

  @Option(
      names = "--paths",
      paramLabel = "N",
      description = "Paths per run (default: ${DEFAULT-VALUE}).")
  long paths = 20_000;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 2025;

  @Option(
      names = "--horizon",
      paramLabel = "YEAR",
      description = "Last simulated calendar year (default: 2025).")
  int horizon;

  @Option(
      names = "--bars",
      paramLabel = "N",
      description = "Bars in the chart (default: ${DEFAULT-VALUE}).")
  int bars = 15;

  @Mixin ChartOptions chart;

  @Override
  void check() {
    if (bars < 1) {
      throw usage("--bars must be at least 1, got " + bars);
    }
  }

  @Override
  int run(Connection connection) {
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder().setPaths(paths).setSeed(seed).setHorizonYear(horizon);
    if (scenario != null) {
      spec.setScenarioId(scenario);
    }
    SensitivityResponse r =
        withDeadline(SimulationServiceGrpc.newBlockingStub(connection.channel()))
            .sensitivity(
                SensitivityRequest.newBuilder().setSpec(spec).setTargetId(targetId).build());
    SensitivityReport s = r.getReport();
    switch (format()) {
      case PROTO_JSON -> Output.json(r, Terminal.out);
      case JSON -> Output.tidyJson(csvColumns(), csvRows(s), RunJson.of(s.getRun()), Terminal.out);
      case CSV -> Output.csv(csvColumns(), csvRows(s), Terminal.out);
      case TABLE -> table(s);
    }
    if (chart.wanted()) {
      chart.write(
          TornadoChart.build(s, bars, RunSummary.forChart(s.getRun()), chart.text()),
          TornadoChart.suggestedHeight(Math.min(bars, s.getTornadoCount())));
    }
    return ExitCode.OK.code();
  }

  private static void table(SensitivityReport s) {
    Terminal.out.printf(
        Locale.ROOT,
        "Chaincast: sensitivity of %s %s — P(hit) %s %s at the point; %s%n%n",
        s.getTargetId(),
        Formats.name(s.getName()),
        Formats.pct(s.getPHit().getEstimate()),
        Formats.interval(s.getPHit()),
        RunSummary.of(s.getRun()));
    Terminal.out.println(
        "Tornado: P(hit) with each input one step down and up (same paths), longest bar first.");
    Output.table(tornadoColumns(), s.getTornadoList(), Terminal.out);
    Terminal.out.println();
    var imp = s.getImportance();
    Terminal.out.printf(
        Locale.ROOT,
        "Shapley effects on the variance of %s (%,d paths; the inputs explain %.1f%% of it):%n",
        imp.getOutput(),
        imp.getPaths(),
        100 * imp.getExplainedShare());
    if (!imp.getNote().isEmpty()) {
      Terminal.out.println(imp.getNote());
    }
    Output.table(importanceColumns(), imp.getInputsList(), Terminal.out);
    String caveat = linearCaveat(imp.getExplainedShare());
    if (!caveat.isEmpty()) {
      Terminal.out.println(caveat);
    }
    if (imp.getInputsCount() > 0) {
      Terminal.out.println(SHARED_VARIANCE);
    }
  }

  /**
   * Why a small cell can get a large Shapley share: it moves with the others (city and chain
   * shocks), so knowing it reveals what they share, and the share of that is split among them.
   */
  static final String SHARED_VARIANCE =
      String.join(
          " ",
          "Shapley shares split variance the inputs share (city and chain shocks) among them:",
          "a small cell that moves with the others gets part of it.",
          "The tornado shows what moving each input does.");

  /** Below this share of the variance explained, the Shapley table gets a caveat. */
  static final double EXPLAINED_ENOUGH = 0.90;

  /**
   * The caveat printed under the Shapley table when the inputs' linear predictor explains less than
   * 90% of the output's variance ({@code ""} otherwise): the shares then divide only that linear
   * part, so a small input can get a share the tornado does not bear out.
   */
  static String linearCaveat(double explainedShare) {
    if (explainedShare >= EXPLAINED_ENOUGH) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "Note: a linear predictor of the inputs explains only %.1f%% of the variance (below 90%%):"
            + " the Shapley shares divide that linear part only and may disagree with the tornado,"
            + " which moves each input and reruns the model.",
        100 * explainedShare);
  }

  /**
   * One row of the sensitivity CSV: a tornado bar or a Shapley input, told apart by the {@code
   * table} column (README, "Sensitivity").
   */
  record CsvRow(String table, TornadoBar bar, ImportanceInput input, double explainedShare) {}

  static List<CsvRow> csvRows(SensitivityReport s) {
    List<CsvRow> rows = new ArrayList<>();
    for (TornadoBar b : s.getTornadoList()) {
      rows.add(new CsvRow("tornado", b, null, 0));
    }
    double explained = s.getImportance().getExplainedShare();
    for (ImportanceInput i : s.getImportance().getInputsList()) {
      rows.add(new CsvRow("shapley", null, i, explained));
    }
    return rows;
  }

  /**
   * The CSV: the tornado's columns, then the Shapley ones; each row fills its table's columns and
   * leaves the others empty ({@code input_id} is in both).
   */
  static List<Column<CsvRow>> csvColumns() {
    List<Column<CsvRow>> columns = new ArrayList<>();
    columns.add(Column.csvOnly("table", CsvRow::table));
    for (Column<TornadoBar> c : tornadoColumns()) {
      if (c.inCsv()) {
        columns.add(
            Column.csvOnly(
                c.csvName(),
                r ->
                    r.bar() != null
                        ? c.csv().apply(r.bar())
                        : c.csvName().equals("input_id") ? r.input().getInputId() : null));
      }
    }
    columns.add(
        Column.csvOnly(
            "shapley_share", r -> r.input() == null ? null : r.input().getShapleyShare()));
    columns.add(
        Column.csvOnly("correlation", r -> r.input() == null ? null : r.input().getCorrelation()));
    columns.add(
        Column.csvOnly("explained_share", r -> r.input() == null ? null : r.explainedShare()));
    return columns;
  }

  static List<Column<TornadoBar>> tornadoColumns() {
    return List.of(
        Column.text("输入 Input", "input_id", TornadoBar::getInputId),
        Column.csvOnly("cell_id", TornadoBar::getCellId),
        Column.csvOnly("parameter", TornadoBar::getParameter),
        Column.number("值 Value", "value", b -> number(b.getValue()), TornadoBar::getValue),
        Column.text("步长 Step", "step", TornadoBar::getStep),
        Column.csvOnly("low_value", TornadoBar::getLowValue),
        Column.csvOnly("high_value", TornadoBar::getHighValue),
        Column.number(
            "P(down)",
            "p_hit_low",
            b -> Formats.pct(b.getPHitLow().getEstimate()),
            b -> b.getPHitLow().getEstimate()),
        Column.number(
            "P(up)",
            "p_hit_high",
            b -> Formats.pct(b.getPHitHigh().getEstimate()),
            b -> b.getPHitHigh().getEstimate()),
        Column.csvOnly("difference_low", TornadoBar::getDifferenceLow),
        Column.csvOnly("standard_error_low", TornadoBar::getStandardErrorLow),
        Column.csvOnly("difference_high", TornadoBar::getDifferenceHigh),
        Column.csvOnly("standard_error_high", TornadoBar::getStandardErrorHigh),
        Column.number(
            "摆幅 Swing",
            "swing",
            b -> CompareCommand.points(b.getSwing()).substring(1),
            TornadoBar::getSwing));
  }

  static List<Column<ImportanceInput>> importanceColumns() {
    return List.of(
        Column.text("输入 Input", "input_id", ImportanceInput::getInputId),
        Column.number(
            "Shapley",
            "shapley_share",
            i -> String.format(Locale.ROOT, "%.1f%%", 100 * i.getShapleyShare()),
            ImportanceInput::getShapleyShare),
        Column.number(
            "相关 Corr.",
            "correlation",
            i -> String.format(Locale.ROOT, "%+.2f", i.getCorrelation()),
            ImportanceInput::getCorrelation));
  }

  private static String number(double v) {
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
