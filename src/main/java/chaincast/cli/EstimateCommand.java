package chaincast.cli;

import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.CellEstimate;
import chaincast.v1.EstimateParametersRequest;
import chaincast.v1.EstimateParametersResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast estimate}: each cell's drift and volatility estimated from actuals. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Estimate each cell's drift and volatility from annual actuals (a stored dataset or a",
      "CSV file): the posterior mean and 80%% interval, beside the seeded values (the prior)."
    })
final class EstimateCommand extends ClientCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  ActualsSource source;

  @Option(
      names = "--cell",
      paramLabel = "ID",
      description = "Only this cell (repeatable; default: every cell with data).")
  List<String> cells = new ArrayList<>();

  @Override
  int run(Connection connection) throws Exception {
    EstimateParametersRequest request =
        EstimateParametersRequest.newBuilder()
            .setDatasetId(source.datasetIdOrEmpty())
            .addAllPoints(CalibrationCall.points(source, this))
            .addAllCellIds(cells)
            .build();
    EstimateParametersResponse r =
        withDeadline(CalibrationServiceGrpc.newBlockingStub(connection.channel()))
            .estimateParameters(request);
    if (format() == OutputFormat.TABLE) {
      Terminal.out.println(
          "Chaincast: drift and volatility estimated from actuals (" + r.getMethod() + ")");
      Terminal.out.println();
    }
    Output.print(format(), r, columns(), r.getEstimatesList(), Terminal.out);
    if (format() == OutputFormat.TABLE) {
      CalibrationCall.printSkipped(r.getSkippedList());
    }
    return ExitCode.OK.code();
  }

  static List<Column<CellEstimate>> columns() {
    return List.of(
        Column.text("单元 Cell", "cell_id", CellEstimate::getCellId),
        Column.tableOnly("年份 Years", false, e -> e.getFirstYear() + "–" + e.getLastYear()),
        Column.number(
            "增长率数 n", "observations", e -> "" + e.getObservations(), e -> e.getObservations()),
        Column.number(
            "漂移 Drift",
            "drift_mean",
            e -> Formats.growth(e.getDriftMean().getValue()),
            e -> e.getDriftMean().getValue()),
        Column.tableOnly(
            "80% 区间 interval",
            true,
            e ->
                "["
                    + Formats.growth(e.getDriftP10())
                    + ", "
                    + Formats.growth(e.getDriftP90())
                    + "]"),
        Column.number(
            "预设 Seeded",
            "seeded_drift_mean",
            e -> Formats.growth(e.getSeededDriftMean()),
            e -> e.getSeededDriftMean()),
        Column.number(
            "波动 Volatility",
            "volatility",
            e -> pct(e.getVolatility().getValue()),
            e -> e.getVolatility().getValue()),
        Column.tableOnly(
            "80% 区间 interval ",
            true, e -> "[" + pct(e.getVolatilityP10()) + ", " + pct(e.getVolatilityP90()) + "]"),
        Column.number(
            "预设 Seeded ",
            "seeded_volatility",
            e -> pct(e.getSeededVolatility()),
            e -> e.getSeededVolatility()),
        Column.csvOnly("drift_sd", CellEstimate::getDriftSd),
        Column.csvOnly("drift_p10", CellEstimate::getDriftP10),
        Column.csvOnly("drift_p90", CellEstimate::getDriftP90),
        Column.csvOnly("volatility_p10", CellEstimate::getVolatilityP10),
        Column.csvOnly("volatility_p90", CellEstimate::getVolatilityP90),
        Column.csvOnly("kappa", CellEstimate::getKappa),
        Column.csvOnly("shape", CellEstimate::getShape),
        Column.csvOnly("scale", CellEstimate::getScale));
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }
}
