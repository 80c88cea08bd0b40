package chaincast.engine;

/**
 * A probability estimated as hits / paths, with its standard error and the
 * Wilson score 95% interval (sound near 0 and 1, where the normal interval
 * collapses).
 */
public record BinomialEstimate(
    long hits, long paths, double estimate, double standardError, double low, double high) {

  /** z for a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  public static BinomialEstimate of(long hits, long paths) {
    throw new UnsupportedOperationException("implemented by the engine");
  }

  /** Half the width of the 95% interval. */
  public double halfWidth() {
    return (high - low) / 2;
  }
}
