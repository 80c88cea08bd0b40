package chaincast.engine;

/**
 * A probability estimated from the paths of a run, with its standard error and a 95% interval in
 * the Wilson score form (sound near 0 and 1, where the normal interval collapses).
 *
 * <p>Unweighted paths ({@link #of}): hits / paths, the binomial error and the Wilson interval. With
 * no hits the interval is {@code [0, z²/(n + z²)]}, with all hits {@code [n/(n + z²), 1]}: never of
 * zero width. With no paths the estimate and its standard error are NaN and the interval is [0, 1].
 *
 * <p>Weighted paths ({@link #weighted}): the self-normalised estimate {@code P = Σ w h / Σ w}, its
 * delta-method error {@code sqrt(Σ w² (h - P)²) / Σ w}, and the Wilson interval with the effective
 * number of paths {@code P (1 - P) / SE²} in place of n (Kish's {@code (Σ w)² / Σ w²} when P is 0
 * or 1).
 *
 * @param hits paths on which the event happened (whatever their weight)
 * @param paths paths simulated
 * @param estimate the probability
 * @param standardError its Monte Carlo standard error
 * @param low lower end of the 95% interval
 * @param high upper end of the 95% interval
 * @param effectivePaths the number of unweighted paths that would give the same error ({@code
 *     paths} when unweighted)
 */
public record BinomialEstimate(
    long hits,
    long paths,
    double estimate,
    double standardError,
    double low,
    double high,
    double effectivePaths) {

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
      return new BinomialEstimate(0, 0, Double.NaN, Double.NaN, 0.0, 1.0, 0.0);
    }
    double n = paths;
    double p = hits / n;
    double variance = p * (1 - p) / n;
    double[] interval = wilson(p, n, variance, hits == 0, hits == paths);
    return new BinomialEstimate(
        hits, paths, p, Math.sqrt(variance), interval[0], interval[1], paths);
  }

  /**
   * The self-normalised estimate from weighted paths.
   *
   * @param hits paths on which the event happened
   * @param paths paths simulated
   * @param hitWeight {@code Σ w} over the paths that hit
   * @param hitWeightSq {@code Σ w²} over the paths that hit
   * @param totalWeight {@code Σ w} over all paths
   * @param totalWeightSq {@code Σ w²} over all paths
   */
  public static BinomialEstimate weighted(
      long hits,
      long paths,
      double hitWeight,
      double hitWeightSq,
      double totalWeight,
      double totalWeightSq) {
    if (paths == 0 || !(totalWeight > 0)) {
      return new BinomialEstimate(hits, paths, Double.NaN, Double.NaN, 0.0, 1.0, 0.0);
    }
    double p = Math.max(0.0, Math.min(1.0, hitWeight / totalWeight));
    double spread = Math.max(0.0, hitWeightSq - 2 * p * hitWeightSq + p * p * totalWeightSq);
    double variance = spread / (totalWeight * totalWeight);
    double kish = totalWeight * totalWeight / totalWeightSq;
    double effective = variance > 0 ? p * (1 - p) / variance : kish;
    double[] interval = wilson(p, effective, variance, hitWeight <= 0, hitWeight >= totalWeight);
    return new BinomialEstimate(
        hits, paths, p, Math.sqrt(variance), interval[0], interval[1], effective);
  }

  /**
   * The self-normalised estimate from per-path probabilities {@code p} in [0, 1] (a conditional
   * Monte Carlo estimate) rather than hits: {@code P = Σ w p / Σ w}, its delta-method error {@code
   * sqrt(Σ w² (p - P)²) / Σ w}, and the Wilson interval on the effective number of paths {@code P
   * (1 - P) / SE²}: the plain paths that would give the same error, often many more than were run.
   * Unweighted paths pass {@code w = 1}.
   *
   * @param hits paths on which the event happened
   * @param paths paths simulated
   * @param probWeight {@code Σ w p}
   * @param probWeightSq {@code Σ w² p}
   * @param probSqWeightSq {@code Σ w² p²}
   * @param totalWeight {@code Σ w}
   * @param totalWeightSq {@code Σ w²}
   */
  public static BinomialEstimate smoothed(
      long hits,
      long paths,
      double probWeight,
      double probWeightSq,
      double probSqWeightSq,
      double totalWeight,
      double totalWeightSq) {
    if (paths == 0 || !(totalWeight > 0)) {
      return new BinomialEstimate(hits, paths, Double.NaN, Double.NaN, 0.0, 1.0, 0.0);
    }
    double p = Math.max(0.0, Math.min(1.0, probWeight / totalWeight));
    double spread = Math.max(0.0, probSqWeightSq - 2 * p * probWeightSq + p * p * totalWeightSq);
    double variance = spread / (totalWeight * totalWeight);
    double kish = totalWeight * totalWeight / totalWeightSq;
    double effective = variance > 0 ? Math.max(1.0, p * (1 - p) / variance) : kish;
    double[] interval = wilson(p, effective, variance, probWeight <= 0, probWeight >= totalWeight);
    return new BinomialEstimate(
        hits, paths, p, Math.sqrt(variance), interval[0], interval[1], effective);
  }

  /** The Wilson score interval at {@code p} with {@code n} (effective) trials. */
  private static double[] wilson(double p, double n, double variance, boolean none, boolean all) {
    double z2 = Z95 * Z95;
    double scale = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / scale;
    double half = Z95 / scale * Math.sqrt(variance + z2 / (4 * n * n));
    // The exact ends at 0 and 1 keep round-off from pushing them outside [0, 1].
    double low = none ? 0.0 : Math.max(0.0, centre - half);
    double high = all ? 1.0 : Math.min(1.0, centre + half);
    return new double[] {low, high};
  }

  /** Half the width of the 95% interval. */
  public double halfWidth() {
    return (high - low) / 2;
  }
}
