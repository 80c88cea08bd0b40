package chaincast.engine;

/**
 * How long to run and what to estimate.
 *
 * @param paths paths to run; for a precision run, ignored
 * @param wantedHalfWidth 0 for a fixed-path run; otherwise run until every target's and joint set's
 *     95% Wilson half-width is at most this
 * @param maxPaths path cap of a precision run
 * @param seed master seed
 * @param percentiles percentiles in (0, 100) reported for targets and fans
 * @param variance how probabilities are estimated (see {@link VarianceReduction})
 */
public record RunSettings(
    long paths,
    double wantedHalfWidth,
    long maxPaths,
    long seed,
    double[] percentiles,
    VarianceReduction variance) {

  /**
   * Which estimators a run may use; each target reports the one it got.
   *
   * <ul>
   *   <li>{@link #AUTO}, the API's default: randomised quasi-Monte Carlo paths (for precision runs,
   *       and fixed runs of at least 16 x 1024 paths; pseudo-random below), per target the narrower
   *       of the conditional and the hit-count estimate, then importance sampling for rare targets
   *       where it is narrower still.
   *   <li>{@link #CONDITIONAL}, the engine's default: pseudo-random paths, per target the narrower
   *       of the conditional and the hit-count estimate.
   *   <li>{@link #PLAIN}: pseudo-random paths, hit counts only.
   *   <li>{@link #QUASI_RANDOM}: randomised quasi-Monte Carlo at any path count.
   *   <li>{@link #IMPORTANCE}: as CONDITIONAL, then importance sampling for every rare target where
   *       it is usable.
   * </ul>
   */
  public enum VarianceReduction {
    AUTO,
    PLAIN,
    CONDITIONAL,
    QUASI_RANDOM,
    IMPORTANCE
  }

  /** Copies {@code percentiles}, so the settings stay immutable. */
  public RunSettings {
    percentiles = percentiles.clone();
    if (variance == null) {
      throw new IllegalArgumentException("variance reduction is null");
    }
  }

  /**
   * Settings with the engine's default variance reduction ({@link VarianceReduction#CONDITIONAL}:
   * pseudo-random paths, the paths an engine run has always drawn for a seed).
   */
  public RunSettings(
      long paths, double wantedHalfWidth, long maxPaths, long seed, double[] percentiles) {
    this(paths, wantedHalfWidth, maxPaths, seed, percentiles, VarianceReduction.CONDITIONAL);
  }

  /** The same settings with another variance reduction. */
  public RunSettings with(VarianceReduction how) {
    return new RunSettings(paths, wantedHalfWidth, maxPaths, seed, percentiles, how);
  }

  /** A copy of the percentiles asked for. */
  @Override
  public double[] percentiles() {
    return percentiles.clone();
  }

  /** True when the run stops on precision rather than on a path count. */
  public boolean isPrecisionRun() {
    return wantedHalfWidth > 0;
  }
}
