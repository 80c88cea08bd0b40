package chaincast.cli;

import chaincast.engine.BinomialEstimate;
import chaincast.v1.CompareRequest;
import chaincast.v1.CompareResponse;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetDifference;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chaincast compare}: two scenarios on the same paths, the difference in P(hit) per target.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Difference in P(hit) between two scenarios, per target, on common random numbers.",
      "Both sides run on the same paths, so the difference's error is far smaller than two",
      "independent runs' (both are shown). Default baseline: the seeded model."
    })
final class CompareCommand extends ClientCommand {
  @Option(
      names = "--baseline",
      paramLabel = "ID",
      description = "Side A: a stored scenario (default: the seeded model).")
  String baseline;

  @Option(
      names = "--alternative",
      paramLabel = "ID",
      description = "Side B: a stored scenario; or give side B's changes with the options below.")
  String alternative;

  /** Side B as changes given here, when --alternative is not used. */
  @Mixin ScenarioChanges changes;

  @Mixin TargetOptions targets;

  @Option(
      names = "--paths",
      paramLabel = "N",
      description = "Paths per side (default: ${DEFAULT-VALUE}).")
  long paths = 200_000;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 2025;

  @Option(
      names = "--horizon",
      paramLabel = "YEAR",
      description = "Last simulated calendar year (default: 2025).")
  int horizon;

  @Override
  void check() {
    if ((alternative == null) == changes.isEmpty()) {
      throw usage(
          "give side B either as --alternative ID or as changes (--what-if, --macro-shock, ...), not both or neither");
    }
  }

  @Override
  int run(Connection connection) throws IOException {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(targets.toProto())
            .setPaths(paths)
            .setSeed(seed)
            .setHorizonYear(horizon)
            .build();
    ScenarioChoice a =
        baseline == null
            ? ScenarioChoice.newBuilder().setSeeded(true).build()
            : ScenarioChoice.newBuilder().setScenarioId(baseline).build();
    ScenarioChoice b;
    if (alternative != null) {
      b = ScenarioChoice.newBuilder().setScenarioId(alternative).build();
    } else {
      ScenarioOverrides o =
          ScenarioCommand.build(this, changes, ScenarioOverrides.getDefaultInstance());
      b = ScenarioChoice.newBuilder().setInlineOverrides(o).build();
    }
    CompareResponse r =
        withDeadline(SimulationServiceGrpc.newBlockingStub(connection.channel()))
            .compare(
                CompareRequest.newBuilder().setSpec(spec).setBaseline(a).setAlternative(b).build());
    ScenarioComparison c = r.getComparison();
    if (format() == OutputFormat.TABLE) {
      Terminal.out.println(
          "Chaincast: P(hit) under B minus under A, on the same paths — "
              + RunSummary.of(c.getRun()));
      Terminal.out.println(
          "A = "
              + side(a, c.getBaselineScenarioId())
              + "; B = "
              + side(b, c.getAlternativeScenarioId())
              + ". ± is the paired 95% half-width; 'indep. SE' is what two independent runs would give.");
      Terminal.out.println();
    }
    Output.print(format(), r, columns(), c.getTargetsList(), Terminal.out);
    return ExitCode.OK.code();
  }

  private static String side(ScenarioChoice choice, String storedId) {
    return switch (choice.getChoiceCase()) {
      case SCENARIO_ID -> "scenario " + storedId;
      case INLINE_OVERRIDES -> "the changes given";
      default -> "the seeded model";
    };
  }

  static List<Column<TargetDifference>> columns() {
    return List.of(
        Column.text("目标 Target", "target_id", TargetDifference::getTargetId),
        Column.text("名称 Name", "name", d -> Formats.name(d.getName())),
        Column.number(
            "年 Year", "year", d -> String.valueOf(d.getYear()), TargetDifference::getYear),
        Column.number(
            "目标值 Goal",
            "target_value",
            d -> Formats.amount(d.getTargetValue(), d.getUnit()) + " " + Formats.unit(d.getUnit()),
            TargetDifference::getTargetValue),
        Column.csvOnly("unit", d -> Formats.unitCode(d.getUnit())),
        Column.csvOnly("kind", d -> Formats.enumName(d.getKind())),
        Column.number(
            "P(A)",
            "p_hit_baseline",
            d -> Formats.pct(d.getPHitBaseline().getEstimate()),
            d -> d.getPHitBaseline().getEstimate()),
        Column.number(
            "P(B)",
            "p_hit_alternative",
            d -> Formats.pct(d.getPHitAlternative().getEstimate()),
            d -> d.getPHitAlternative().getEstimate()),
        Column.number(
            "差 B−A",
            "difference",
            d ->
                points(d.getDifference())
                    + " ±"
                    + points(BinomialEstimate.Z95 * d.getStandardError()).substring(1),
            TargetDifference::getDifference),
        Column.number(
            "paired SE",
            "standard_error",
            d -> points(d.getStandardError()).substring(1),
            TargetDifference::getStandardError),
        Column.number(
            "indep. SE",
            "independent_standard_error",
            d -> points(d.getIndependentStandardError()).substring(1),
            TargetDifference::getIndependentStandardError),
        Column.csvOnly("ci_low", TargetDifference::getCiLow),
        Column.csvOnly("ci_high", TargetDifference::getCiHigh),
        Column.number(
            "A only",
            "baseline_only",
            d -> String.valueOf(d.getBaselineOnly()),
            TargetDifference::getBaselineOnly),
        Column.number(
            "B only",
            "alternative_only",
            d -> String.valueOf(d.getAlternativeOnly()),
            TargetDifference::getAlternativeOnly));
  }

  /** A difference of probabilities in percentage points, signed: "+1.23 pts". */
  static String points(double d) {
    return String.format(Locale.ROOT, "%+.2f pts", 100 * d);
  }
}
