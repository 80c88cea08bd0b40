package chaincast.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Randomised quasi-Monte Carlo: a run made of R independent randomisations of scrambled Sobol
 * points ({@link ScrambledSobolNormals}), each an ordinary engine run with its own seed and its own
 * scramble, combined by {@link RandomizedEstimates} (the error is the spread of the R estimates, so
 * it is honest whatever the points' convergence rate). Each randomisation is run with {@link
 * RunSettings.VarianceReduction#CONDITIONAL}, so where the conditional estimator is valid both it
 * and the hit count are combined and the one with the narrower interval is reported ({@link
 * EstimationMethod#QUASI_RANDOM_CONDITIONAL} or {@link EstimationMethod#QUASI_RANDOM}).
 *
 * <p>Points per randomisation ({@link #split}): the paths asked for, split as evenly as they go, so
 * the run has exactly the paths asked for. Blocks are the engine's, so each randomisation, hence
 * the whole result, is bit-identical for any thread count.
 *
 * <p>Precision runs start with {@value #FIRST_PRECISION_POINTS} points per randomisation and double
 * them until every target's and joint set's half-width is at most the wanted one, or until R times
 * the points would pass the path cap (the last round then uses the most whole blocks, or the
 * largest power of two, within the cap). A doubled round runs each randomisation again from its
 * first point (a randomisation's first n paths are the same whatever its length), so the work is at
 * most twice the final round's paths, and the result, a function of the final round alone, is the
 * same as a fixed run of that size.
 */
public final class RandomizedQmcRun {

  /** Randomisations per run: the error's degrees of freedom are one fewer. */
  public static final int RANDOMISATIONS = 16;

  /** Points per randomisation in the first round of a precision run. */
  static final long FIRST_PRECISION_POINTS = MonteCarloEngine.BLOCK_SIZE;

  /** Keeps the randomisations' seeds apart from the master seed's own streams. */
  private static final long SEED_SALT = 0x7a11e5b0b5eed5L;

  private RandomizedQmcRun() {}

  /**
   * Runs {@code projection} by randomised quasi-Monte Carlo with {@value #RANDOMISATIONS}
   * randomisations.
   *
   * @param engine whose threads run each randomisation
   * @param projection what to simulate
   * @param settings paths or precision, seed and percentiles (the variance reduction is ignored)
   * @param cancel polled before every block
   * @param progress told after every randomisation, on this thread
   * @return the combined estimates
   * @throws IllegalArgumentException if the projection or settings are inconsistent
   * @throws RunCancelledException if {@code cancel} fires or this thread is interrupted
   */
  public static RunResult run(
      MonteCarloEngine engine,
      Projection projection,
      RunSettings settings,
      CancellationSignal cancel,
      ProgressListener progress) {
    return run(engine, projection, settings, RANDOMISATIONS, cancel, progress);
  }

  /** The same with {@code randomisations} randomisations (at least 2). */
  static RunResult run(
      MonteCarloEngine engine,
      Projection projection,
      RunSettings settings,
      int randomisations,
      CancellationSignal cancel,
      ProgressListener progress) {
    return run(engine, projection, settings, randomisations, null, cancel, progress);
  }

  /** The same, each randomisation's blocks spread as {@code origin} allows (null: not). */
  static RunResult run(
      MonteCarloEngine engine,
      Projection projection,
      RunSettings settings,
      int randomisations,
      RemoteOrigin origin,
      CancellationSignal cancel,
      ProgressListener progress) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(cancel, "cancel");
    Objects.requireNonNull(progress, "progress");
    if (randomisations < 2) {
      throw new IllegalArgumentException("need at least 2 randomisations, got " + randomisations);
    }
    long started = System.nanoTime();
    DrawLayout layout = CompiledModel.compile(projection, false).layout;
    ScrambledSobolNormals[] sources = new ScrambledSobolNormals[randomisations];
    for (int r = 0; r < randomisations; r++) {
      sources[r] = new ScrambledSobolNormals(layout, settings.seed(), r);
    }
    Rounds rounds =
        new Rounds(engine, projection, settings, sources, origin, cancel, progress, started);
    if (!settings.isPrecisionRun()) {
      if (settings.paths() < 1 || settings.paths() > MonteCarloEngine.MAX_RUN_PATHS) {
        throw new IllegalArgumentException(
            "paths must be from 1 to "
                + MonteCarloEngine.MAX_RUN_PATHS
                + ", got "
                + settings.paths());
      }
      if (settings.paths() < randomisations) {
        throw new IllegalArgumentException(
            "quasi-random runs need at least "
                + randomisations
                + " paths (one per randomisation), got "
                + settings.paths());
      }
      return rounds
          .run(split(settings.paths(), randomisations), settings.paths())
          .result(RunStopReason.PATHS_DONE, System.nanoTime() - started);
    }
    checkPrecision(settings);
    long cap = roundDown(Math.max(1, settings.maxPaths() / randomisations));
    long points = Math.min(FIRST_PRECISION_POINTS, cap);
    while (true) {
      long[] each = new long[randomisations];
      Arrays.fill(each, points);
      RandomizedEstimates round = rounds.run(each, settings.maxPaths());
      RunResult result = round.result(RunStopReason.PRECISION_REACHED, System.nanoTime() - started);
      if (result.maxHalfWidth() <= settings.wantedHalfWidth()) {
        return result;
      }
      if (points >= cap) {
        return round.result(RunStopReason.PATH_CAP, System.nanoTime() - started);
      }
      points = Math.min(2 * points, cap);
    }
  }

  /**
   * The normals one path of {@code projection} draws and, of those, how many get Sobol coordinates
   * (the rest are pseudo-random: the run is a hybrid when they differ).
   */
  public static int[] drawsPerPath(Projection projection) {
    int count = CompiledModel.compile(projection, false).layout.count;
    return new int[] {count, Math.min(count, SobolPoints.MAX_DIMENSION)};
  }

  /**
   * The paths asked for, split as evenly as they go: every randomisation gets {@code paths / R}
   * points and the first {@code paths mod R} one more, so the run has exactly the paths asked for.
   * Each randomisation's estimate is unbiased whatever its point count, so their mean is too; the
   * Sobol points' balance is best at powers of two, which {@code 2^k * R} paths give.
   */
  static long[] split(long paths, int randomisations) {
    long[] each = new long[randomisations];
    for (int r = 0; r < randomisations; r++) {
      each[r] = paths / randomisations + (r < paths % randomisations ? 1 : 0);
    }
    return each;
  }

  /** The most whole blocks, or the largest power of two, at most {@code m}. */
  private static long roundDown(long m) {
    if (m >= MonteCarloEngine.BLOCK_SIZE) {
      return m / MonteCarloEngine.BLOCK_SIZE * MonteCarloEngine.BLOCK_SIZE;
    }
    return Long.highestOneBit(m);
  }

  /** The seed of randomisation {@code r}'s run: its events and counts are its own. */
  static long seedOf(long seed, int r) {
    UniformRandomProvider s = BlockStreams.forBlock(seed ^ SEED_SALT, r);
    return s.nextLong();
  }

  private static void checkPrecision(RunSettings s) {
    String problem = ParameterDomain.HALF_WIDTH.violation(s.wantedHalfWidth());
    if (problem != null) {
      throw new IllegalArgumentException("wanted half-width " + problem);
    }
    if (s.maxPaths() < 1 || s.maxPaths() > MonteCarloEngine.MAX_RUN_PATHS) {
      throw new IllegalArgumentException(
          "a precision run needs maxPaths from 1 to "
              + MonteCarloEngine.MAX_RUN_PATHS
              + ", got "
              + s.maxPaths());
    }
  }

  /** Runs rounds of all the randomisations, counting the work for progress and cancellation. */
  private static final class Rounds {
    private final MonteCarloEngine engine;
    private final Projection projection;
    private final RunSettings settings;
    private final ScrambledSobolNormals[] sources;
    private final RemoteOrigin origin;
    private final CancellationSignal cancel;
    private final ProgressListener progress;
    private final long started;
    private long work;

    Rounds(
        MonteCarloEngine engine,
        Projection projection,
        RunSettings settings,
        ScrambledSobolNormals[] sources,
        RemoteOrigin origin,
        CancellationSignal cancel,
        ProgressListener progress,
        long started) {
      this.engine = engine;
      this.projection = projection;
      this.settings = settings;
      this.sources = sources;
      this.origin = origin;
      this.cancel = cancel;
      this.progress = progress;
      this.started = started;
    }

    /**
     * Every randomisation r with {@code points[r]} points, one after another on the calling thread
     * (each uses all the engine's threads for its blocks, and holds no more than one run's admitted
     * footprint); progress against {@code planned}.
     */
    RandomizedEstimates run(long[] points, long planned) {
      List<RunResult> runs = new ArrayList<>();
      for (int r = 0; r < sources.length; r++) {
        if (cancel.isCancelled()) {
          throw new RunCancelledException(work);
        }
        RunSettings one =
            new RunSettings(
                points[r],
                0,
                0,
                seedOf(settings.seed(), r),
                settings.percentiles(),
                RunSettings.VarianceReduction.CONDITIONAL);
        RunResult result;
        try {
          result = engine.run(projection, one, sources[r], origin, cancel, ProgressListener.NONE);
        } catch (RunCancelledException e) {
          throw new RunCancelledException(work + e.pathsDone());
        }
        work += result.paths();
        runs.add(result);
        report(runs, planned);
      }
      return new RandomizedEstimates(runs);
    }

    /** Progress after a randomisation: the combined estimates once there are two. */
    private void report(List<RunResult> runs, long planned) {
      long done = 0;
      for (RunResult r : runs) {
        done += r.paths();
      }
      RunResult now = runs.size() < 2 ? runs.get(0) : new RandomizedEstimates(runs).result(null, 0);
      List<BinomialEstimate> hits = new ArrayList<>();
      now.targets().forEach(t -> hits.add(t.hit()));
      progress.onProgress(
          new RunProgress(
              Math.min(done, planned),
              planned,
              hits,
              now.maxHalfWidth(),
              System.nanoTime() - started));
    }
  }
}
