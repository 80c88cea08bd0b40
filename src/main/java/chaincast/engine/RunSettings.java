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
   * Which estimators a run may use. {@link #AUTO} (the default) reports, per target, the valid
   * estimator with the smallest variance measured on the run's own paths; the others force one
   * method wherever it is valid (plain Monte Carlo elsewhere), for comparisons and tests.
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

  /** Settings with the default variance reduction ({@link VarianceReduction#AUTO}). */
  public RunSettings(
      long paths, double wantedHalfWidth, long maxPaths, long seed, double[] percentiles) {
    this(paths, wantedHalfWidth, maxPaths, seed, percentiles, VarianceReduction.AUTO);
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
