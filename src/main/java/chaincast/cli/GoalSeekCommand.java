package chaincast.cli;

import chaincast.v1.GoalSeekRequest;
import chaincast.v1.GoalSeekResponse;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepServiceGrpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast goal-seek}: the parameter value that gives a wanted P(hit). */
@Command(
    name = "goal-seek",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The value of one parameter, within a range, at which a target's P(hit) equals a wanted",
      "probability: a root search on common random numbers, with the Monte Carlo error of the",
      "value (delta method)."
    })
final class GoalSeekCommand extends ClientCommand {
  @Option(names = "--target", required = true, paramLabel = "ID", description = "The target.")
  String targetId;

  @Option(
      names = "--param",
      required = true,
      paramLabel = "OWNER.PARAM",
      description = "The parameter moved, e.g. pharma@etdz.drift.")
  String param;

  @Option(
      names = "--range",
      required = true,
      paramLabel = "LO:HI",
      description = "The range searched, e.g. 0:0.3.")
  String range;

  @Option(
      names = "--probability",
      required = true,
      paramLabel = "P",
      description = "The wanted P(hit), strictly between 0 and 1, e.g. 0.8.")
  double probability;

  @Option(names = "--scenario", paramLabel = "ID", description = "Around a stored scenario.")
  String scenario;

  @Option(
      names = "--paths",
      paramLabel = "N",
      description = "Paths per evaluation (default: ${DEFAULT-VALUE}).")
  long paths = 20_000;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 2025;

  @Option(
      names = "--horizon",
      paramLabel = "YEAR",
      description = "Last simulated calendar year (default: 2025).")
  int horizon;

  private SweepParameter parameter;
  private double low;
  private double high;

  @Override
  void check() {
    String[] problem = new String[1];
    parameter = SweepParameterText.parse(param, problem);
    if (parameter == null) {
      throw usage("--param: " + problem[0]);
    }
    String[] p = range.split(":", -1);
    try {
      if (p.length != 2) {
        throw new NumberFormatException();
      }
      low = Double.parseDouble(p[0]);
      high = Double.parseDouble(p[1]);
    } catch (NumberFormatException e) {
      throw usage("--range: write LO:HI, e.g. 0:0.3, got '" + range + "'");
    }
  }

  @Override
  int run(Connection connection) {
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder().setPaths(paths).setSeed(seed).setHorizonYear(horizon);
    if (scenario != null) {
      spec.setScenarioId(scenario);
    }
    GoalSeekResponse r =
        withDeadline(SweepServiceGrpc.newBlockingStub(connection.channel()))
            .goalSeek(
                GoalSeekRequest.newBuilder()
                    .setSpec(spec)
                    .setTargetId(targetId)
                    .setParameter(parameter)
                    .setLow(low)
                    .setHigh(high)
                    .setProbability(probability)
                    .build());
    switch (format()) {
      case PROTO_JSON -> Output.json(r, Terminal.out);
      case JSON -> Output.tidyJson(columns(), List.of(r), head(), Terminal.out);
      case CSV -> Output.csv(columns(), List.of(r), Terminal.out);
      case TABLE ->
          Terminal.out.printf(
              Locale.ROOT,
              "Chaincast: goal seek — %s = %.5g ± %.2g (MC standard error) gives P(hit %s) = %s"
                  + " (wanted %s)%n  P is %s at %s and %s at %s; slope dP/dθ %.4g;"
                  + " %d evaluations of %,d paths, seed %d, common random numbers%n",
              SweepCommand.name(parameter),
              r.getValue(),
              r.getStandardError(),
              targetId,
              Formats.pct(r.getPHit().getEstimate()),
              Formats.pct(probability),
              Formats.pct(r.getPLow().getEstimate()),
              low,
              Formats.pct(r.getPHigh().getEstimate()),
              high,
              r.getSlope(),
              r.getEvaluations(),
              r.getRun().getPaths(),
              r.getRun().getSeed());
    }
    return ExitCode.OK.code();
  }

  private Map<String, Object> head() {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("target_id", targetId);
    head.put("parameter", SweepCommand.name(parameter));
    head.put("probability", probability);
    return head;
  }

  private static List<Column<GoalSeekResponse>> columns() {
    return List.of(
        Column.csvOnly("value", GoalSeekResponse::getValue),
        Column.csvOnly("standard_error", GoalSeekResponse::getStandardError),
        Column.csvOnly("p_hit", r -> r.getPHit().getEstimate()),
        Column.csvOnly("p_hit_standard_error", r -> r.getPHit().getStandardError()),
        Column.csvOnly("slope", GoalSeekResponse::getSlope),
        Column.csvOnly("p_low", r -> r.getPLow().getEstimate()),
        Column.csvOnly("p_high", r -> r.getPHigh().getEstimate()),
        Column.csvOnly("evaluations", GoalSeekResponse::getEvaluations),
        Column.csvOnly("seed", r -> r.getRun().getSeed()),
        Column.csvOnly("paths", r -> r.getRun().getPaths()));
  }
}
