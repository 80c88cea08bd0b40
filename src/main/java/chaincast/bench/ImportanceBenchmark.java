package chaincast.bench;

import chaincast.engine.BinomialEstimate;
import chaincast.engine.CancellationSignal;
import chaincast.engine.ImportanceEstimate;
import chaincast.engine.ImportanceRun;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.ProgressListener;
import chaincast.engine.Projection;
import chaincast.engine.RunResult;
import chaincast.engine.RunSettings;
import chaincast.engine.TargetSpec;
import chaincast.engine.ValueTarget;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.ProjectionPlanner;
import chaincast.seed.SeedLoader;
import chaincast.v1.SimulationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Importance sampling against plain Monte Carlo on the seeded model's rare 2025 targets:
 *
 * <pre>
 * java -cp target/chaincast.jar chaincast.bench.ImportanceBenchmark [threads] [paths] [repeat]
 * </pre>
 *
 * <p>A plain run of the seeded projection (every simulated 2025 target, 1 M paths) finds the rare
 * targets (P below 1% or above 99%); each rare value target is measured as it is and again with its
 * threshold moved to its 99.9th percentile in that run (P about 0.1%, the rarity of the ETDZ
 * materials target before issue 11's evidence). For each one, on the target alone: the relative 95%
 * half-width (half-width over the rare side's probability) of plain Monte Carlo and of importance
 * sampling on {@code paths} paths each (default 262 144), with the importance run's variance
 * reduction and Kish effective paths, and the wall time each method needs for a relative half-width
 * of at most 5% (precision runs; importance sampling's time includes its pilot levels), best of
 * {@code repeat} (default 3) after a warm-up.
 */
public final class ImportanceBenchmark {

  /** The relative half-width the timed runs stop at. */
  public static final double RELATIVE_HALF_WIDTH = 0.05;

  private static final long SEED = 20251201L;

  /** Most paths a timed plain run may take (its row then says how far it got). */
  private static final long PLAIN_CAP = 20_000_000L;

  /**
   * One rare target's figures.
   *
   * @param id target id
   * @param plain plain Monte Carlo on {@code paths} paths
   * @param importance importance sampling on as many paths
   * @param commonOnly importance sampling on as many paths tilting the common factors only ({@link
   *     ImportanceRun.Scope#COMMON})
   * @param plainSeconds wall time of plain Monte Carlo to a relative half-width of 5%
   * @param plainPathsToGoal paths it took (at most 20 M: a cap)
   * @param plainReached its relative half-width then
   * @param importanceSeconds wall time of importance sampling to the same
   * @param importancePathsToGoal paths its run took (pilot levels not counted)
   * @param reached its relative half-width then
   */
  public record Row(
      String id,
      BinomialEstimate plain,
      ImportanceEstimate importance,
      ImportanceEstimate commonOnly,
      double plainSeconds,
      long plainPathsToGoal,
      double plainReached,
      double importanceSeconds,
      long importancePathsToGoal,
      double reached) {}

  private ImportanceBenchmark() {}

  /** Runs the comparison; see the class comment for the arguments. */
  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long paths = args.length > 1 ? Long.parseLong(args[1]) : 262_144;
    int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Model model = SeedLoader.fromClasspath();
    Projection seeded =
        new ProjectionPlanner(model, Limits.defaults())
            .plan(SimulationSpec.getDefaultInstance(), 1)
            .projection();
    try (MonteCarloEngine engine = new MonteCarloEngine(threads)) {
      System.out.print(table(measure(engine, seeded, paths, repeat)));
    }
  }

  /** The figures of every rare 2025 target of {@code seeded}. */
  public static List<Row> measure(
      MonteCarloEngine engine, Projection seeded, long paths, int repeat) {
    RunResult all =
        engine.run(
            seeded,
            new RunSettings(1_000_000, 0, 0, SEED, new double[] {0.1, 50, 99.9}),
            CancellationSignal.NEVER,
            ProgressListener.NONE);
    List<Row> rows = new ArrayList<>();
    List<Projection> stressed = new ArrayList<>();
    for (int t = 0; t < seeded.targets().size(); t++) {
      TargetSpec spec = seeded.targets().get(t);
      double p = all.targets().get(t).hit().estimate();
      if (spec.year() != Limits.DEFAULT_HORIZON_YEAR || (p >= 0.01 && p <= 0.99)) {
        continue;
      }
      System.err.printf(Locale.ROOT, "rare: %s P=%.6f (1 M plain paths)%n", spec.id(), p);
      measureTarget(engine, alone(seeded, t), paths, repeat).ifPresent(rows::add);
      if (spec instanceof ValueTarget v) {
        // the same target made rarer: its threshold moved to the 1-in-1000 value
        double[] pct = all.targets().get(t).percentiles();
        double threshold = p < 0.5 ? pct[2] : pct[0];
        ValueTarget rarer =
            new ValueTarget(v.id() + " @P0.1%", v.group(), v.year(), threshold, v.strict());
        stressed.add(alone(seeded, rarer));
      }
    }
    for (Projection single : stressed) {
      measureTarget(engine, single, paths, repeat).ifPresent(rows::add);
    }
    return rows;
  }

  /** The figures of the one target of {@code single}, if it is rare. */
  private static Optional<Row> measureTarget(
      MonteCarloEngine engine, Projection single, long paths, int repeat) {
    RunSettings fixed = new RunSettings(paths, 0, 0, SEED, new double[] {50});
    Optional<ImportanceEstimate> is =
        ImportanceRun.estimate(engine, single, 0, fixed, CancellationSignal.NEVER);
    if (is.isEmpty()) {
      return Optional.empty();
    }
    BinomialEstimate plain =
        engine
            .run(single, fixed, CancellationSignal.NEVER, ProgressListener.NONE)
            .targets()
            .get(0)
            .hit();
    if (is.get().outcome() == ImportanceEstimate.Outcome.NO_TILT) {
      return Optional.of(
          new Row(
              single.targets().get(0).id(),
              plain,
              is.get(),
              is.get(),
              Double.NaN,
              0,
              Double.NaN,
              Double.NaN,
              0,
              Double.NaN));
    }
    // the rare side's probability, from the (far more precise) importance estimate
    double pIs = is.get().hit().estimate();
    double rare = Math.max(1e-4, Math.min(pIs, 1 - pIs));
    ImportanceEstimate common =
        ImportanceRun.estimate(
                engine, single, 0, fixed, ImportanceRun.Scope.COMMON, CancellationSignal.NEVER)
            .orElseThrow();
    Timing timing = timeToGoal(engine, single, rare, repeat);
    return Optional.of(
        new Row(
            single.targets().get(0).id(),
            plain,
            is.get(),
            common,
            timing.plainSeconds,
            timing.plainPaths,
            timing.plainReached,
            timing.isSeconds,
            timing.isPaths,
            timing.isReached));
  }

  /** Best wall times (and the paths and relative half-widths they reached) to the goal. */
  private static final class Timing {
    double plainSeconds = Double.POSITIVE_INFINITY;
    long plainPaths;
    double plainReached = Double.NaN;
    double isSeconds = Double.POSITIVE_INFINITY;
    long isPaths;
    double isReached = Double.NaN;
  }

  /** Times both methods to a relative half-width of 5% of {@code rare}, best of {@code repeat}. */
  private static Timing timeToGoal(
      MonteCarloEngine engine, Projection single, double rare, int repeat) {
    Timing best = new Timing();
    for (int r = 0; r <= repeat; r++) { // r = 0 warms up
      long start = System.nanoTime();
      RunResult precise =
          engine.run(
              single,
              new RunSettings(
                  0, RELATIVE_HALF_WIDTH * rare, PLAIN_CAP, SEED + r, new double[] {50}),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
      double plainSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      ImportanceEstimate e =
          ImportanceRun.estimateToRelativeHalfWidth(
                  engine,
                  single,
                  0,
                  SEED + r,
                  RELATIVE_HALF_WIDTH,
                  100_000_000L,
                  CancellationSignal.NEVER)
              .orElseThrow();
      double isSeconds = (System.nanoTime() - start) / 1e9;
      if (r > 0 && plainSeconds < best.plainSeconds) {
        best.plainSeconds = plainSeconds;
        best.plainPaths = precise.paths();
        best.plainReached = relative(precise.targets().get(0).hit());
      }
      if (r > 0 && isSeconds < best.isSeconds) {
        best.isSeconds = isSeconds;
        best.isPaths = e.hit().paths();
        best.isReached = relative(e.hit());
      }
    }
    return best;
  }

  /** {@code p} with target {@code t} alone. */
  static Projection alone(Projection p, int t) {
    return alone(p, p.targets().get(t));
  }

  /** {@code p} with {@code target} its only target. */
  static Projection alone(Projection p, TargetSpec target) {
    return new Projection(
        p.cells(),
        p.chainCount(),
        p.shocks(),
        p.groups(),
        List.of(target),
        List.of(),
        List.of(),
        p.horizonYear(),
        p.countCells(),
        p.macroShocks(),
        p.evidence());
  }

  /** The rows as a plain-text table. */
  public static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %10s %9s %10s %9s %7s %8s %7s | %8s %10s %7s %8s %10s %7s%n",
            "rare 2025 target",
            "P plain",
            "rel hw",
            "P IS",
            "rel hw",
            "VR",
            "Kish",
            "VR com",
            "plain s",
            "paths",
            "rel hw",
            "IS s",
            "paths",
            "rel hw"));
    for (Row r : rows) {
      BinomialEstimate is = r.importance().hit();
      out.append(
          String.format(
              Locale.ROOT,
              "%-34s %10.6f %8.2f%% %10.6f %8.2f%% %7.1f %8.0f %7.1f | %8.3f %10d %6.2f%% %8.3f %10d"
                  + " %6.2f%%  %s (common only: %s)%n",
              r.id(),
              r.plain().estimate(),
              100 * relative(r.plain()),
              is.estimate(),
              100 * relative(is),
              r.importance().varianceReduction(),
              r.importance().effectivePaths(),
              r.commonOnly().varianceReduction(),
              r.plainSeconds(),
              r.plainPathsToGoal(),
              100 * r.plainReached(),
              r.importanceSeconds(),
              r.importancePathsToGoal(),
              100 * r.reached(),
              r.importance().outcome(),
              r.commonOnly().outcome()));
    }
    return out.toString();
  }

  private static double relative(BinomialEstimate e) {
    return e.halfWidth() / Math.min(e.estimate(), 1 - e.estimate());
  }
}
