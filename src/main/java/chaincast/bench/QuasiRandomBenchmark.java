package chaincast.bench;

import chaincast.engine.BinomialEstimate;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.ProgressListener;
import chaincast.engine.Projection;
import chaincast.engine.RandomizedQmcRun;
import chaincast.engine.RunResult;
import chaincast.engine.RunSettings;
import chaincast.run.Limits;
import chaincast.run.ProjectionPlanner;
import chaincast.seed.SeedLoader;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Randomised quasi-Monte Carlo against plain Monte Carlo on the seeded model's 2025 output targets:
 *
 * <pre>
 * java -cp target/chaincast.jar chaincast.bench.QuasiRandomBenchmark [paths] [seed] [threads] [halfWidth]
 * </pre>
 *
 * (defaults 1048576 paths, seed 2025, all cores, half-width 0.001). Part one runs both methods on
 * the same number of paths and prints, per target, P, plain Monte Carlo's binomial standard error,
 * the RQMC standard error (from 16 randomisations) and their variance ratio. Part two runs each as
 * a precision run to the given 95% half-width on every target and prints paths and wall time.
 */
public final class QuasiRandomBenchmark {

  private QuasiRandomBenchmark() {}

  /**
   * One target at equal paths.
   *
   * @param id the target
   * @param p RQMC's estimate
   * @param plainSe plain Monte Carlo's standard error
   * @param quasiSe RQMC's standard error
   */
  public record Row(String id, double p, double plainSe, double quasiSe) {
    /** Plain Monte Carlo's variance over RQMC's. */
    public double varianceRatio() {
      return plainSe * plainSe / (quasiSe * quasiSe);
    }
  }

  /** Both methods on {@code paths} paths of {@code projection}: one row per target. */
  public static List<Row> atEqualPaths(
      MonteCarloEngine engine, Projection projection, long paths, long seed) {
    RunSettings settings = new RunSettings(paths, 0, 0, seed, new double[] {50});
    RunResult plain =
        engine.run(projection, settings, CancellationSignal.NEVER, ProgressListener.NONE);
    RunResult quasi =
        RandomizedQmcRun.run(
            engine, projection, settings, CancellationSignal.NEVER, ProgressListener.NONE);
    System.out.printf(
        Locale.ROOT,
        "%d paths: plain %.2f s, RQMC %.2f s%n",
        paths,
        plain.elapsedNanos() / 1e9,
        quasi.elapsedNanos() / 1e9);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < projection.targets().size(); i++) {
      BinomialEstimate q = quasi.targets().get(i).hit();
      // plain's error at RQMC's exact path count (which rounds to whole blocks per randomisation)
      BinomialEstimate a = plain.targets().get(i).hit();
      double plainSe = a.standardError() * Math.sqrt((double) a.paths() / q.paths());
      rows.add(new Row(projection.targets().get(i).id(), q.estimate(), plainSe, q.standardError()));
    }
    return rows;
  }

  /** The seeded model with its 2025 output targets (as {@code chaincast bench} plans it). */
  public static Projection seededOutputs() {
    var model = SeedLoader.fromClasspath();
    ProjectionPlanner planner = new ProjectionPlanner(model, Limits.defaults());
    TargetSelection.Builder outputs = TargetSelection.newBuilder();
    for (Target t : model.simulatedTargets()) {
      if (t.getYear() == Limits.DEFAULT_HORIZON_YEAR
          && t.getKind() != TargetKind.TARGET_KIND_COUNT) {
        outputs.addTargetIds(t.getId());
      }
    }
    return planner.plan(SimulationSpec.newBuilder().setTargets(outputs).build(), 1).projection();
  }

  /** Prints both parts (see the class comment). */
  public static void main(String[] args) {
    long paths = args.length > 0 ? Long.parseLong(args[0]) : 1 << 20;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 2025;
    int threads =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    double halfWidth = args.length > 3 ? Double.parseDouble(args[3]) : 0.001;
    Projection seeded = seededOutputs();
    int[] draws = RandomizedQmcRun.drawsPerPath(seeded);
    System.out.printf(
        Locale.ROOT,
        "seeded model, 2025 output targets: %d normals per path, %d on Sobol coordinates%n",
        draws[0],
        draws[1]);
    try (MonteCarloEngine engine = new MonteCarloEngine(threads)) {
      atEqualPaths(engine, seeded, 1 << 16, seed + 1); // warm-up
      System.out.printf(
          Locale.ROOT,
          "%-34s %9s %11s %11s %9s%n",
          "target",
          "P",
          "plain SE",
          "RQMC SE",
          "var ratio");
      for (Row r : atEqualPaths(engine, seeded, paths, seed)) {
        System.out.printf(
            Locale.ROOT,
            "%-34s %9.6f %11.3e %11.3e %9.1f%n",
            r.id(),
            r.p(),
            r.plainSe(),
            r.quasiSe(),
            r.varianceRatio());
      }
      RunSettings precision =
          new RunSettings(0, halfWidth, Integer.MAX_VALUE, seed, new double[] {50});
      long t0 = System.nanoTime();
      RunResult plain =
          engine.run(seeded, precision, CancellationSignal.NEVER, ProgressListener.NONE);
      long t1 = System.nanoTime();
      RunResult quasi =
          RandomizedQmcRun.run(
              engine, seeded, precision, CancellationSignal.NEVER, ProgressListener.NONE);
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "to a 95%% half-width of %.4g on every target: plain %d paths %.2f s (%s), RQMC %d paths %.2f s (%s): %.1fx faster%n",
          halfWidth,
          plain.paths(),
          (t1 - t0) / 1e9,
          plain.stopReason(),
          quasi.paths(),
          (t2 - t1) / 1e9,
          quasi.stopReason(),
          (double) (t1 - t0) / (t2 - t1));
    }
  }
}
