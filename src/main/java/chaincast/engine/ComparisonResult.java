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
   */
  public record TargetPair(long hitsA, long hitsB, long onlyA, long onlyB, long paths) {

    /** P(hit in B) - P(hit in A). */
    public double difference() {
      return (double) (onlyB - onlyA) / paths;
    }

    /**
     * Standard error of {@link #difference()} from the paired paths: the per-path difference {@code
     * D = 1{hit B} - 1{hit A}} takes -1, 0, 1, so {@code Var D = p01 + p10 - d²} and the error is
     * {@code sqrt(Var D / n)}. Zero when the two sides never disagree.
     */
    public double standardError() {
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
      double a = (double) hitsA / paths;
      double b = (double) hitsB / paths;
      return Math.sqrt((a * (1 - a) + b * (1 - b)) / paths);
    }
  }
}
