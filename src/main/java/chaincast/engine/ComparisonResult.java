package chaincast.engine;

import java.util.List;

/**
 * Two projections run on the same paths (common random numbers): per target, how often each hit and
 * how often they disagreed.
 *
 * @param paths paths per side
 * @param targets per target, in projection order
 * @param elapsedNanos wall time
 */
public record ComparisonResult(long paths, List<TargetPair> targets, long elapsedNanos) {

  /** Copies {@code targets}, so the result stays immutable. */
  public ComparisonResult {
    targets = List.copyOf(targets);
  }

  /**
   * One target on both sides.
   *
   * @param hitsA paths on which it was hit in projection A
   * @param hitsB paths on which it was hit in projection B
   * @param onlyA paths hit in A and missed in B
   * @param onlyB paths hit in B and missed in A
   * @param paths paths per side
   * @param weighted the weighted estimates, when observations weighted the paths; null otherwise
   */
  public record TargetPair(
      long hitsA, long hitsB, long onlyA, long onlyB, long paths, WeightedPair weighted) {

    /** P(hit in A), with its error. */
    public BinomialEstimate estimateA() {
      return weighted != null ? weighted.a() : BinomialEstimate.of(hitsA, paths);
    }

    /** P(hit in B), with its error. */
    public BinomialEstimate estimateB() {
      return weighted != null ? weighted.b() : BinomialEstimate.of(hitsB, paths);
    }

    /** P(hit in B) - P(hit in A). */
    public double difference() {
      if (weighted != null) {
        return weighted.b().estimate() - weighted.a().estimate();
      }
      return (double) (onlyB - onlyA) / paths;
    }

    /**
     * Standard error of {@link #difference()} from the paired paths: the per-path difference {@code
     * D = 1{hit B} - 1{hit A}} takes -1, 0, 1, so {@code Var D = p01 + p10 - d²} and the error is
     * {@code sqrt(Var D / n)}. Zero when the two sides never disagree.
     */
    public double standardError() {
      if (weighted != null) {
        double va = square(weighted.a().standardError());
        double vb = square(weighted.b().standardError());
        double variance = va + vb - 2 * weighted.covariance();
        // Two sides that never disagree cancel exactly in theory; in floating point the expanded
        // sums leave a residue of order 1e-16 (va + vb), which is no error at all.
        return variance <= 1e-12 * (va + vb) ? 0.0 : Math.sqrt(variance);
      }
      double pb = (double) onlyB / paths;
      double pa = (double) onlyA / paths;
      double d = pb - pa;
      return Math.sqrt(Math.max(0.0, pa + pb - d * d) / paths);
    }

    /**
     * The error the same difference would carry from two independent runs of {@code paths} paths
     * each: {@code sqrt(pA(1-pA)/n + pB(1-pB)/n)}.
     */
    public double independentStandardError() {
      if (weighted != null) {
        return Math.hypot(weighted.a().standardError(), weighted.b().standardError());
      }
      double a = (double) hitsA / paths;
      double b = (double) hitsB / paths;
      return Math.sqrt((a * (1 - a) + b * (1 - b)) / paths);
    }
  }

  private static double square(double x) {
    return x * x;
  }

  /**
   * The weighted estimates of one target on both sides: each side's self-normalised estimate and
   * the delta-method covariance of the two, {@code Σ a b (hA - pA)(hB - pB) / (Σ a Σ b)}, which the
   * paired error subtracts (twice) from the two variances.
   *
   * @param a side A's estimate
   * @param b side B's estimate
   * @param covariance the covariance of the two estimates over the shared paths
   */
  public record WeightedPair(BinomialEstimate a, BinomialEstimate b, double covariance) {}
}
