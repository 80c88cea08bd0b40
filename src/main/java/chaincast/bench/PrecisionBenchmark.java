package chaincast.bench;

import chaincast.engine.BinomialEstimate;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.ProgressListener;
import chaincast.engine.Projection;
import chaincast.engine.RunResult;
import chaincast.engine.RunSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Precision per second: how long the engine takes to bring every target of a projection to a wanted
 * 95% half-width, by each variance reduction, all measured in the same run on the same machine, so
 * the speed-ups are ratios that carry to other machines.
 *
 * <p>Each method runs a precision run (the engine stops when every target's reported half-width is
 * at most the wanted one) after a warm-up; the fastest of {@code repeat} runs is kept. A method
 * that reaches the precision with fewer paths, or in less time per path, gets a speed-up over plain
 * Monte Carlo with the same engine (the same streams, span steps and estimators' bookkeeping).
 */
public final class PrecisionBenchmark {

  /** The goal for output targets: at least this many times faster than plain Monte Carlo. */
  public static final double GOAL_SPEEDUP = 10.0;

  /** The goal for rare targets: a relative half-width of at most 5% within 1 s. */
  public static final double GOAL_RARE_RELATIVE_HALF_WIDTH = 0.05;

  public static final double GOAL_RARE_SECONDS = 1.0;

  private static final long SEED = 20251201L;
  private static final long MAX_PATHS = 200_000_000L;

  private PrecisionBenchmark() {}

  /**
   * One method's precision run.
   *
   * @param method the variance reduction asked for
   * @param paths paths the run needed
   * @param seconds its wall time (the fastest of the repeats)
   * @param widest the widest reported half-width at the end
   * @param reached whether every target reached the wanted half-width
   */
  public record Measurement(
      RunSettings.VarianceReduction method,
      long paths,
      double seconds,
      double widest,
      boolean reached) {}

  /**
   * Runs {@code projection} to a half-width of {@code halfWidth} on every target by each of {@code
   * methods}.
   */
  public static List<Measurement> measure(
      Projection projection,
      double halfWidth,
      List<RunSettings.VarianceReduction> methods,
      int threads,
      int repeat) {
    List<Measurement> out = new ArrayList<>();
    try (MonteCarloEngine engine = new MonteCarloEngine(threads)) {
      for (RunSettings.VarianceReduction method : methods) {
        RunSettings settings =
            new RunSettings(0, halfWidth, MAX_PATHS, SEED, new double[] {50}).with(method);
        RunResult warm =
            engine.run(
                projection,
                new RunSettings(100_000, 0, 0, SEED + 1, new double[] {50}).with(method),
                CancellationSignal.NEVER,
                ProgressListener.NONE);
        RunResult best = null;
        for (int i = 0; i < Math.max(1, repeat); i++) {
          RunResult r =
              engine.run(projection, settings, CancellationSignal.NEVER, ProgressListener.NONE);
          if (best == null || r.elapsedNanos() < best.elapsedNanos()) {
            best = r;
          }
        }
        if (warm.paths() < 0) {
          throw new IllegalStateException("unreachable: keeps the warm-up run alive");
        }
        out.add(
            new Measurement(
                method,
                best.paths(),
                best.elapsedNanos() / 1e9,
                best.maxHalfWidth(),
                best.maxHalfWidth() <= halfWidth));
      }
    }
    return out;
  }

  /**
   * A rare target's relative half-width after {@code seconds} of a run by {@code method}: the run
   * goes block round by block round, and the figure is the one reported at the first round past the
   * time, with the paths it took.
   */
  public record RareMeasurement(
      String targetId,
      RunSettings.VarianceReduction method,
      double estimate,
      double relativeHalfWidth,
      long paths,
      double seconds) {

    public boolean meetsGoal() {
      return relativeHalfWidth <= GOAL_RARE_RELATIVE_HALF_WIDTH && seconds <= GOAL_RARE_SECONDS;
    }
  }

  /**
   * Measures one rare target: a precision run to a relative half-width of 5% (the wanted half-width
   * set from a pilot estimate), and how long it took.
   */
  public static RareMeasurement rare(
      Projection projection, String targetId, RunSettings.VarianceReduction method, int threads) {
    try (MonteCarloEngine engine = new MonteCarloEngine(threads)) {
      RunResult pilot =
          engine.run(
              projection,
              new RunSettings(200_000, 0, 0, SEED + 2, new double[] {50}).with(method),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
      double p = pilot.targets().get(0).hit().estimate();
      // 10% below the pilot's figure, so that the final estimate's own 5% is met too
      double wanted = Math.max(1e-9, GOAL_RARE_RELATIVE_HALF_WIDTH * p * 0.9);
      RunResult r =
          engine.run(
              projection,
              new RunSettings(0, wanted, MAX_PATHS, SEED, new double[] {50}).with(method),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
      BinomialEstimate e = r.targets().get(0).hit();
      return new RareMeasurement(
          targetId,
          method,
          e.estimate(),
          e.halfWidth() / e.estimate(),
          r.paths(),
          r.elapsedNanos() / 1e9);
    }
  }

  /** The plain-text table of precision runs, speed-ups against the plain run. */
  public static String table(String label, double halfWidth, List<Measurement> runs) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s: every target to a 95%% half-width of %.4f%n%-14s %12s %9s %9s %9s%n",
            label,
            halfWidth,
            "method",
            "paths",
            "seconds",
            "speed-up",
            "reached"));
    double plain = plainSeconds(runs);
    for (Measurement m : runs) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-14s %12d %9.3f %9.1f %9s%n",
              m.method(),
              m.paths(),
              m.seconds(),
              plain / m.seconds(),
              m.reached() ? "yes" : "no"));
    }
    out.append(
        String.format(Locale.ROOT, "goal: at least %.0fx faster than PLAIN%n", GOAL_SPEEDUP));
    return out.toString();
  }

  /** The plain-text table of rare targets. */
  public static String rareTable(List<RareMeasurement> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "rare targets to a relative half-width of 5%%%n%-34s %-12s %10s %9s %11s %9s  %s%n",
            "target",
            "method",
            "P(hit)",
            "rel. hw",
            "paths",
            "seconds",
            "goal"));
    for (RareMeasurement r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-34s %-12s %10.6f %8.2f%% %11d %9.3f  %s%n",
              r.targetId(),
              r.method(),
              r.estimate(),
              100 * r.relativeHalfWidth(),
              r.paths(),
              r.seconds(),
              r.meetsGoal() ? "PASS" : "MISS"));
    }
    out.append("goal: relative half-width <= 5% within 1 s\n");
    return out.toString();
  }

  /** The plain run's seconds among {@code runs} (NaN if there is none). */
  public static double plainSeconds(List<Measurement> runs) {
    for (Measurement m : runs) {
      if (m.method() == RunSettings.VarianceReduction.PLAIN) {
        return m.seconds();
      }
    }
    return Double.NaN;
  }
}
