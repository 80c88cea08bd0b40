package chaincast.engine;

/**
 * A probability estimated as hits / paths, with its standard error and the Wilson score 95%
 * interval (sound near 0 and 1, where the normal interval collapses).
 *
 * <p>With no hits the interval is {@code [0, z²/(n + z²)]}, with all hits {@code [n/(n + z²), 1]}:
 * never of zero width. With no paths the estimate and its standard error are NaN and the interval
 * is [0, 1].
 */
public record BinomialEstimate(
    long hits, long paths, double estimate, double standardError, double low, double high) {

  /** z for a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  /**
   * The estimate from {@code hits} successes in {@code paths} trials.
   *
   * @throws IllegalArgumentException unless {@code 0 <= hits <= paths}
   */
  public static BinomialEstimate of(long hits, long paths) {
    if (paths < 0 || hits < 0 || hits > paths) {
      throw new IllegalArgumentException(
          "need 0 <= hits <= paths, got hits=" + hits + ", paths=" + paths);
    }
    if (paths == 0) {
      return new BinomialEstimate(0, 0, Double.NaN, Double.NaN, 0.0, 1.0);
    }
    double n = paths;
    double p = hits / n;
    double variance = p * (1 - p) / n;
    double z2 = Z95 * Z95;
    double scale = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / scale;
    double half = Z95 / scale * Math.sqrt(variance + z2 / (4 * n * n));
    // The exact ends at 0 and 1 keep round-off from pushing them outside [0, 1].
    double low = hits == 0 ? 0.0 : Math.max(0.0, centre - half);
    double high = hits == paths ? 1.0 : Math.min(1.0, centre + half);
    return new BinomialEstimate(hits, paths, p, Math.sqrt(variance), low, high);
  }

  /** Half the width of the 95% interval. */
  public double halfWidth() {
    return (high - low) / 2;
  }
}
