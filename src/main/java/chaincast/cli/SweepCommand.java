package chaincast.cli;

import chaincast.chart.SweepChart;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SweepAxis;
import chaincast.v1.SweepGrid;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepPointResult;
import chaincast.v1.SweepRequest;
import chaincast.v1.SweepResponse;
import chaincast.v1.SweepResult;
import chaincast.v1.SweepServiceGrpc;
import chaincast.v1.SweepTargetOdds;
import chaincast.v1.SweepValue;
import chaincast.v1.TargetSelection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chaincast sweep}: P(hit) over a grid of parameter values, on common random numbers. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "P(hit) of targets over a grid of parameter values, every point on the same random",
      "numbers. With --sweep-id the sweep is stored point by point; the same command again",
      "resumes it (finished points are read back, not rerun)."
    })
final class SweepCommand extends ClientCommand {
  @Option(
      names = "--axis",
      required = true,
      paramLabel = "OWNER.PARAM=VALUES",
      description = {
        "A grid axis, e.g. pharma@etdz.drift=0.05:0.15:5 (5 values from 0.05 to 0.15) or",
        "pharma@etdz.base=100,120,140. Repeat for a grid (their product). Parameters: "
            + SweepParameterText.NAMES
            + "."
      })
  List<String> axes = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "ID",
      description = "A target to report (repeatable; default: every simulated 2025 target).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "ID", description = "Around a stored scenario.")
  String scenario;

  @Option(
      names = "--paths",
      paramLabel = "N",
      description = "Paths per point (default: ${DEFAULT-VALUE}).")
  long paths = 20_000;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 2025;

  @Option(
      names = "--horizon",
      paramLabel = "YEAR",
      description = "Last simulated calendar year (default: 2025).")
  int horizon;

  @Option(
      names = "--sweep-id",
      paramLabel = "ID",
      description = "Store the sweep under this id (a-z, 0-9, '-'), so it can be resumed.")
  String sweepId;

  @Mixin ChartOptions chart;

  private final List<SweepAxis> parsed = new ArrayList<>();

  @Override
  void check() {
    for (String a : axes) {
      int eq = a.indexOf('=');
      if (eq < 0) {
        throw usage("--axis: write OWNER.PARAM=VALUES, got '" + a + "'");
      }
      String[] problem = new String[1];
      SweepParameter p = SweepParameterText.parse(a.substring(0, eq), problem);
      if (p == null) {
        throw usage("--axis: " + problem[0]);
      }
      try {
        parsed.add(
            SweepAxis.newBuilder()
                .setParameter(p)
                .addAllValues(SweepParameterText.values(a.substring(eq + 1)))
                .build());
      } catch (IllegalArgumentException e) {
        throw usage("--axis: " + e.getMessage());
      }
    }
  }

  @Override
  int run(Connection connection) {
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder()
            .setPaths(paths)
            .setSeed(seed)
            .setHorizonYear(horizon)
            .setTargets(TargetSelection.newBuilder().addAllTargetIds(targets));
    if (scenario != null) {
      spec.setScenarioId(scenario);
    }
    SweepRequest.Builder request =
        SweepRequest.newBuilder().setSpec(spec).setGrid(SweepGrid.newBuilder().addAllAxes(parsed));
    if (sweepId != null) {
      request.setSweepId(sweepId);
    }
    Iterator<SweepResponse> it =
        withDeadline(SweepServiceGrpc.newBlockingStub(connection.channel())).sweep(request.build());
    SweepResult result = null;
    while (it.hasNext()) {
      SweepResponse r = it.next();
      if (r.hasResult()) {
        result = r.getResult();
      }
    }
    print(result);
    if (chart.wanted()) {
      chart.write(
          SweepChart.build(
              result, "seed " + result.getSeed() + ", " + paths + " paths a point", chart.text()),
          SweepChart.suggestedHeight());
    }
    return ExitCode.OK.code();
  }

  private void print(SweepResult result) {
    List<Row> rows = rows(result);
    List<Column<Row>> columns = columns(result);
    switch (format()) {
      case PROTO_JSON -> Output.json(result, Terminal.out);
      case JSON -> Output.tidyJson(columns, rows, head(result), Terminal.out);
      case CSV -> Output.csv(columns, rows, Terminal.out);
      case TABLE -> {
        Terminal.out.printf(
            Locale.ROOT,
            "Chaincast: sweep%s — %d points (%d simulated, %d read back), seed %d, %,d paths a"
                + " point, common random numbers%n%n",
            result.getSweepId().isEmpty() ? "" : " " + result.getSweepId(),
            result.getPointsTotal(),
            result.getPointsComputed(),
            result.getPointsResumed(),
            result.getSeed(),
            paths);
        Output.table(columns, rows, Terminal.out);
      }
    }
  }

  private static Map<String, Object> head(SweepResult r) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("sweep_id", r.getSweepId());
    head.put("seed", r.getSeed());
    head.put("points", r.getPointsTotal());
    head.put("points_resumed", r.getPointsResumed());
    return head;
  }

  /** One tidy row: a point and one of its targets. */
  record Row(SweepPointResult point, SweepTargetOdds target) {}

  static List<Row> rows(SweepResult r) {
    List<Row> rows = new ArrayList<>();
    for (SweepPointResult p : r.getPointsList()) {
      for (SweepTargetOdds t : p.getTargetsList()) {
        rows.add(new Row(p, t));
      }
    }
    return rows;
  }

  static List<Column<Row>> columns(SweepResult r) {
    List<Column<Row>> columns = new ArrayList<>();
    columns.add(
        Column.number(
            "点 Point", "point", x -> "" + x.point().getIndex(), x -> x.point().getIndex()));
    if (r.getPointsCount() > 0) {
      List<SweepValue> first = r.getPoints(0).getValuesList();
      for (int i = 0; i < first.size(); i++) {
        int axis = i;
        String name = name(first.get(i).getParameter());
        columns.add(
            Column.number(
                name,
                name,
                x -> String.format(Locale.ROOT, "%.4g", x.point().getValues(axis).getValue()),
                x -> x.point().getValues(axis).getValue()));
      }
    }
    columns.add(Column.text("目标 Target", "target_id", x -> x.target().getTargetId()));
    columns.add(
        Column.number(
            "P(hit)",
            "p_hit",
            x -> Formats.pct(x.target().getPHit().getEstimate()),
            x -> x.target().getPHit().getEstimate()));
    columns.add(
        Column.number(
            "SE",
            "standard_error",
            x -> String.format(Locale.ROOT, "%.4f", x.target().getPHit().getStandardError()),
            x -> x.target().getPHit().getStandardError()));
    columns.add(Column.csvOnly("median", x -> x.target().getMedian()));
    columns.add(Column.csvOnly("resumed", x -> x.point().getResumed()));
    return columns;
  }

  static String name(SweepParameter p) {
    String owner =
        switch (p.getOwnerCase()) {
          case CELL_ID -> p.getCellId();
          case COUNT_CELL_ID -> p.getCountCellId();
          case MACRO_SHOCK_ID -> p.getMacroShockId();
          case OWNER_NOT_SET -> "";
        };
    return owner
        + "."
        + p.getQuantity().name().replace("SWEEP_QUANTITY_", "").toLowerCase(Locale.ROOT);
  }
}
