package chaincast.cli;

import chaincast.bench.EngineBenchmark;
import chaincast.bench.PrecisionBenchmark;
import chaincast.engine.BlockStreams;
import chaincast.engine.Projection;
import chaincast.engine.RunSettings;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.ProjectionPlanner;
import chaincast.seed.SeedLoader;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaincast bench}: engine throughput on the seeded model and on a scaled one, beside the
 * floor measured in the same run (see {@link EngineBenchmark}); then precision per second, the time
 * each variance reduction takes to bring every 2025 output target to a half-width of 0.1 percentage
 * point, and the rare ETDZ targets to a relative half-width of 5% (see {@link PrecisionBenchmark}).
 * {@code --format json} prints every figure for scripts.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure engine throughput against the generator's floor, and precision per second by"
            + " each variance reduction, against the goals.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--threads", description = "Engine threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--paths", description = "Paths per throughput case (default: ${DEFAULT-VALUE}).")
  long paths = 1_000_000;

  @Option(
      names = "--repeat",
      description = "Measurements per case, best kept (default: ${DEFAULT-VALUE}).")
  int repeat = 3;

  @Option(
      names = "--half-width",
      description =
          "Wanted 95%% half-width of the precision runs, probability units (default:"
              + " ${DEFAULT-VALUE}, 0.1 percentage point).")
  double halfWidth = 0.001;

  @Option(names = "--format", description = "table (default) or json (every figure, for scripts).")
  String format = "table";

  /** The variance reductions the precision runs compare. */
  static final List<RunSettings.VarianceReduction> METHODS =
      List.of(
          RunSettings.VarianceReduction.PLAIN,
          RunSettings.VarianceReduction.CONDITIONAL,
          RunSettings.VarianceReduction.QUASI_RANDOM,
          RunSettings.VarianceReduction.AUTO);

  /** The methods the rare targets are measured with. */
  static final List<RunSettings.VarianceReduction> RARE_METHODS =
      List.of(
          RunSettings.VarianceReduction.PLAIN,
          RunSettings.VarianceReduction.IMPORTANCE,
          RunSettings.VarianceReduction.AUTO);

  @Override
  public Integer call() throws Exception {
    boolean json = "json".equalsIgnoreCase(format);
    if (!json && !"table".equalsIgnoreCase(format)) {
      throw new IllegalArgumentException("--format: table or json, got '" + format + "'");
    }
    Model model = SeedLoader.fromClasspath();
    ProjectionPlanner planner = new ProjectionPlanner(model, Limits.defaults());
    // The seeded model as the odds command runs it: every simulated 2025 target,
    // the count targets included (their work is not cell-steps, so this row's
    // rate undercounts; its 1 M path time is the figure that matters).
    Projection seeded = planner.plan(SimulationSpec.getDefaultInstance(), 1).projection();
    // The same model with its output targets only: the cell-step rate proper.
    List<String> outputIds = new ArrayList<>();
    List<String> valueIds = new ArrayList<>();
    for (Target t : model.simulatedTargets()) {
      if (t.getYear() == Limits.DEFAULT_HORIZON_YEAR
          && t.getKind() != TargetKind.TARGET_KIND_COUNT) {
        outputIds.add(t.getId());
      }
      if (t.getYear() == Limits.DEFAULT_HORIZON_YEAR
          && t.getKind() == TargetKind.TARGET_KIND_OUTPUT) {
        valueIds.add(t.getId());
      }
    }
    Projection seededOutputs = plan(planner, outputIds);
    List<EngineBenchmark.Report> throughput =
        List.of(
            EngineBenchmark.measure(
                "seeded, 2025 output targets", seededOutputs, paths, threads, true, repeat),
            EngineBenchmark.measure(
                "seeded, all 2025 targets", seeded, paths, threads, true, repeat),
            EngineBenchmark.measure(
                "scaled 100 cells/10 chains x 10 y",
                EngineBenchmark.scaledModel(),
                paths,
                threads,
                false,
                repeat));
    // Precision on the output targets (亿元) themselves: joint sets and chains-above targets stay
    // on hit counts (no conditional estimate of an intersection or a count is valid), so they are
    // left out here; the throughput cases above keep them.
    Projection targetsOnly = withoutJoints(plan(planner, valueIds));
    List<PrecisionBenchmark.Measurement> precision =
        PrecisionBenchmark.measure(targetsOnly, halfWidth, METHODS, threads, repeat);
    List<PrecisionBenchmark.RareMeasurement> rare = new ArrayList<>();
    for (String id : rareEtdzTargets(planner, outputIds)) {
      for (RunSettings.VarianceReduction method : RARE_METHODS) {
        Projection one = plan(planner, List.of(id));
        rare.add(PrecisionBenchmark.rare(withoutJoints(one), id, method, threads));
      }
    }
    if (json) {
      System.out.println(BenchJson.of(throughput, halfWidth, precision, rare));
    } else {
      System.out.print(EngineBenchmark.table(throughput));
      System.out.println();
      System.out.print(
          PrecisionBenchmark.table("seeded, the 22 output targets of 2025", halfWidth, precision));
      System.out.println();
      System.out.print(PrecisionBenchmark.rareTable(rare));
      System.out.printf(
          "%nstreams: %s; sampler: %s; engine %s%n",
          BlockStreams.GENERATOR, BlockStreams.SAMPLER, BlockStreams.ENGINE_VERSION);
    }
    return 0;
  }

  private static Projection withoutJoints(Projection p) {
    return new Projection(
        p.cells(),
        p.chainCount(),
        p.shocks(),
        p.groups(),
        p.targets(),
        p.fans(),
        List.of(),
        p.horizonYear(),
        p.countCells(),
        p.macroShocks(),
        p.evidence());
  }

  private static Projection plan(ProjectionPlanner planner, List<String> targetIds) {
    return planner
        .plan(
            SimulationSpec.newBuilder()
                .setTargets(TargetSelection.newBuilder().addAllTargetIds(targetIds))
                .build(),
            1)
        .projection();
  }

  /** The ETDZ (开发区) 2025 output targets whose odds are below 1% in a plain pilot run. */
  private List<String> rareEtdzTargets(ProjectionPlanner planner, List<String> outputIds) {
    List<String> etdz = new ArrayList<>();
    for (String id : outputIds) {
      if (id.contains("etdz")) {
        etdz.add(id);
      }
    }
    List<String> rare = new ArrayList<>();
    if (etdz.isEmpty()) {
      return rare;
    }
    var pilot = EngineBenchmark.pilot(plan(planner, etdz), 200_000, threads);
    for (int t = 0; t < etdz.size(); t++) {
      double p = pilot.targets().get(t).hit().estimate();
      if (p < 0.01 || p > 0.99) {
        rare.add(etdz.get(t));
      }
    }
    return rare;
  }
}
