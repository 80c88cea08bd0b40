package chaincast.cli;

import chaincast.bench.EngineBenchmark;
import chaincast.engine.Projection;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.ProjectionPlanner;
import chaincast.seed.SeedLoader;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaincast bench}: engine throughput on the seeded model and on a scaled one, beside the
 * floor measured in the same run (see {@link EngineBenchmark}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure engine throughput against the generator's floor and the goals.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--threads", description = "Engine threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--paths", description = "Paths per case (default: ${DEFAULT-VALUE}).")
  long paths = 1_000_000;

  @Option(
      names = "--repeat",
      description = "Measurements per case, best kept (default: ${DEFAULT-VALUE}).")
  int repeat = 3;

  @Override
  public Integer call() throws Exception {
    Model model = SeedLoader.fromClasspath();
    ProjectionPlanner planner = new ProjectionPlanner(model, Limits.defaults());
    // The seeded model as the odds command runs it: every simulated 2025 target,
    // the count targets included (their work is not cell-steps, so this row's
    // rate undercounts; its 1 M path time is the figure that matters).
    Projection seeded = planner.plan(SimulationSpec.getDefaultInstance(), 1).projection();
    // The same model with its output targets only: the cell-step rate proper.
    TargetSelection.Builder outputs = TargetSelection.newBuilder();
    for (Target t : model.simulatedTargets()) {
      if (t.getYear() == Limits.DEFAULT_HORIZON_YEAR
          && t.getKind() != TargetKind.TARGET_KIND_COUNT) {
        outputs.addTargetIds(t.getId());
      }
    }
    Projection seededOutputs =
        planner.plan(SimulationSpec.newBuilder().setTargets(outputs).build(), 1).projection();
    System.out.print(
        EngineBenchmark.table(
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
                    repeat))));
    return 0;
  }
}
