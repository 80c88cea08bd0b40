package chaincast.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Importance sampling for one rare target: P(hit) below 1%, or above 99% (then the misses are the
 * rare event chased). Plain Monte Carlo spends almost all its paths where the target is not in
 * question: at P = 0.17% a million paths leave a relative 95% half-width of about ±5%.
 *
 * <p>The run keeps only the target (the other targets, fans and joint sets would only cost time),
 * finds a shift of the normals that its value reads by the cross-entropy method ({@link
 * CrossEntropyTilt}: pilot levels on the calling thread, a few thousand paths each), then runs the
 * engine on normals shifted by it, a tenth of the paths left unshifted ({@link TiltedNormals}'s
 * defensive mixture), each path weighted by its likelihood ratio (times its evidence weight, if the
 * projection has observations). The engine's weighted estimator gives the self-normalised P(hit),
 * its delta-method standard error and a Wilson interval on the effective paths; the run's Kish
 * effective sample size and the count of clamped weights say how healthy the weights were.
 *
 * <p>Deterministic: the pilot levels are a function of the seed (on streams of their own), the run
 * is the engine's, so the estimate is bit-identical for any thread count.
 */
public final class ImportanceRun {

  /** Which draws the tilt may shift. */
  public enum Scope {
    /** The city and chain factors and the base priors the target reads. */
    COMMON,
    /**
     * Those, and the own shocks of the cells the target reads: needed when a cell's own shock
     * carries most of its variance (a cell alone in its chain).
     */
    COMMON_AND_OWN
  }

  /**
   * The scope {@link #estimate(MonteCarloEngine, Projection, int, RunSettings, CancellationSignal)}
   * uses.
   */
  public static final Scope DEFAULT_SCOPE = Scope.COMMON_AND_OWN;

  /**
   * Share of paths left untilted (a defensive mixture, see {@link TiltedNormals}): it bounds every
   * weight by 1 / DEFENSIVE, so the self-normalised estimate stays sound and no weight is clamped,
   * for at most this share of the tilt's gain.
   */
  static final double DEFENSIVE = 0.1;

  private ImportanceRun() {}

  /**
   * Estimates target {@code target} of {@code projection} by importance sampling, tilting {@link
   * #DEFAULT_SCOPE}'s draws, if it is rare.
   *
   * @param engine runs the tilted paths
   * @param projection the projection
   * @param target index of the target in {@code projection.targets()}
   * @param settings paths (or precision), seed and percentiles of the tilted run
   * @param cancel polled between pilot levels and before every block of the run
   * @return empty when the target is not rare (plain Monte Carlo's pilot estimate clearly between
   *     1% and 99%) or its value reads no normal; otherwise the estimate, which says whether it is
   *     usable
   * @throws IllegalArgumentException if the projection, target or settings are inconsistent
   * @throws RunCancelledException if {@code cancel} fires
   */
  public static Optional<ImportanceEstimate> estimate(
      MonteCarloEngine engine,
      Projection projection,
      int target,
      RunSettings settings,
      CancellationSignal cancel) {
    return estimate(engine, projection, target, settings, DEFAULT_SCOPE, cancel);
  }

  /**
   * As {@link #estimate(MonteCarloEngine, Projection, int, RunSettings, CancellationSignal)},
   * tilting the draws of {@code scope}.
   */
  public static Optional<ImportanceEstimate> estimate(
      MonteCarloEngine engine,
      Projection projection,
      int target,
      RunSettings settings,
      Scope scope,
      CancellationSignal cancel) {
    return estimate(engine, projection, target, settings, scope, null, cancel);
  }

  /**
   * The same; the tilted run's blocks spread as {@code origin} (of the whole projection) allows.
   */
  static Optional<ImportanceEstimate> estimate(
      MonteCarloEngine engine,
      Projection projection,
      int target,
      RunSettings settings,
      Scope scope,
      RemoteOrigin origin,
      CancellationSignal cancel) {
    Objects.requireNonNull(settings, "settings");
    Projection single = singleTarget(projection, target);
    CompiledModel model = CompiledModel.compile(single, false);
    RemoteOrigin kept = origin == null ? null : origin.single(target);
    return CrossEntropyTilt.search(model, settings.seed(), scope, cancel)
        .map(found -> run(engine, single, settings, found, kept, cancel));
  }

  /**
   * Estimates a rare target by importance sampling until its 95% half-width is at most {@code
   * relativeHalfWidth} of the rare side's probability (P(hit), or P(miss) for a target almost
   * always hit), as the last pilot level estimates it (aiming 10% below, as that estimate is
   * rough), or {@code maxPaths} are run.
   *
   * @see #estimate(MonteCarloEngine, Projection, int, RunSettings, CancellationSignal)
   */
  public static Optional<ImportanceEstimate> estimateToRelativeHalfWidth(
      MonteCarloEngine engine,
      Projection projection,
      int target,
      long seed,
      double relativeHalfWidth,
      long maxPaths,
      CancellationSignal cancel) {
    if (!(relativeHalfWidth > 0 && relativeHalfWidth < 1)) {
      throw new IllegalArgumentException(
          "relative half-width must be in (0, 1), got " + relativeHalfWidth);
    }
    Projection single = singleTarget(projection, target);
    CompiledModel model = CompiledModel.compile(single, false);
    return CrossEntropyTilt.search(model, seed, DEFAULT_SCOPE, cancel)
        .map(
            found -> {
              double wanted =
                  found.reached()
                      ? Math.max(MIN_HALF_WIDTH, AIM * relativeHalfWidth * found.rareShare())
                      : MIN_HALF_WIDTH;
              RunSettings settings = new RunSettings(0, wanted, maxPaths, seed, new double[] {50});
              return run(engine, single, settings, found, null, cancel);
            });
  }

  /**
   * How far below the wanted relative half-width the run aims: the pilot's estimate of the
   * probability, from a few hundred hits, is rough.
   */
  private static final double AIM = 0.9;

  /** The smallest half-width a precision run accepts. */
  private static final double MIN_HALF_WIDTH = 1e-5;

  /** Runs the tilted paths, or reports that no tilt was found. */
  private static ImportanceEstimate run(
      MonteCarloEngine engine,
      Projection single,
      RunSettings settings,
      CrossEntropyTilt.Found found,
      RemoteOrigin origin,
      CancellationSignal cancel) {
    if (!found.reached()) {
      return new ImportanceEstimate(
          ImportanceEstimate.Outcome.NO_TILT,
          BinomialEstimate.of(0, 0),
          Double.NaN,
          0.0,
          0,
          found.theta(),
          found.levels(),
          found.complement());
    }
    RunResult r =
        engine.run(
            single,
            settings,
            new TiltedNormals(found.theta(), DEFENSIVE),
            origin,
            cancel,
            ProgressListener.NONE);
    BinomialEstimate hit = r.targets().get(0).hit();
    double p = hit.estimate();
    double se = hit.standardError();
    double reduction = p * (1 - p) / r.paths() / (se * se);
    long clamped = r.weights().clampedPaths();
    ImportanceEstimate.Outcome outcome;
    if (clamped > 0) {
      outcome = ImportanceEstimate.Outcome.CLAMPED;
    } else if (!(reduction > 1)) {
      outcome = ImportanceEstimate.Outcome.NO_GAIN;
    } else {
      outcome = ImportanceEstimate.Outcome.USABLE;
    }
    return new ImportanceEstimate(
        outcome,
        hit,
        reduction,
        r.weights().effectivePaths(),
        clamped,
        found.theta(),
        found.levels(),
        found.complement());
  }

  /** {@code p} with target {@code target} alone: no other target, fan or joint set. */
  static Projection singleTarget(Projection p, int target) {
    Objects.requireNonNull(p, "projection");
    if (target < 0 || target >= p.targets().size()) {
      throw new IllegalArgumentException(
          "target index " + target + " out of range [0, " + p.targets().size() + ")");
    }
    return new Projection(
        p.cells(),
        p.chainCount(),
        p.shocks(),
        p.groups(),
        List.of(p.targets().get(target)),
        List.of(),
        List.of(),
        p.horizonYear(),
        p.countCells(),
        p.macroShocks(),
        p.evidence());
  }
}
