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
 */
public record RunSettings(
    long paths, double wantedHalfWidth, long maxPaths, long seed, double[] percentiles) {

  /** Copies {@code percentiles}, so the settings stay immutable. */
  public RunSettings {
    percentiles = percentiles.clone();
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
