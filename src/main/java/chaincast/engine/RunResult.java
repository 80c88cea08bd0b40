package chaincast.engine;

import java.util.List;

/**
 * What a run estimated.
 *
 * @param paths paths simulated
 * @param stopReason why it stopped
 * @param maxHalfWidth widest 95% half-width among targets and joint sets
 * @param targets per target, in projection order
 * @param joints per joint set, in projection order
 * @param fans per fan, in projection order
 * @param elapsedNanos wall time
 * @param weights whether paths were weighted by evidence, and how many they are worth
 */
public record RunResult(
    long paths,
    RunStopReason stopReason,
    double maxHalfWidth,
    List<TargetResult> targets,
    List<JointResult> joints,
    List<FanResult> fans,
    long elapsedNanos,
    Weights weights) {

  /** Copies the lists, so the result stays immutable. */
  public RunResult {
    targets = List.copyOf(targets);
    joints = List.copyOf(joints);
    fans = List.copyOf(fans);
  }

  /**
   * One target.
   *
   * @param hit P(hit)
   * @param percentiles value percentiles, in the order of {@link RunSettings#percentiles()}
   * @param median the 50th percentile of the value
   * @param mean mean value
   * @param expectedShortfall E[threshold - value | missed] (0 when never missed); for chains-above
   *     targets, in chains
   * @param method how {@code hit} was estimated
   * @param varianceReduction the variance of plain Monte Carlo's estimate over {@code hit}'s, both
   *     measured on this run's paths (1 for plain Monte Carlo)
   * @param plainHit P(hit) by counting hits on the same paths (equal to {@code hit} when the method
   *     is plain Monte Carlo)
   */
  public record TargetResult(
      BinomialEstimate hit,
      double[] percentiles,
      double median,
      double mean,
      double expectedShortfall,
      EstimationMethod method,
      double varianceReduction,
      BinomialEstimate plainHit) {

    /** A target estimated by plain Monte Carlo. */
    public TargetResult(
        BinomialEstimate hit,
        double[] percentiles,
        double median,
        double mean,
        double expectedShortfall) {
      this(hit, percentiles, median, mean, expectedShortfall, EstimationMethod.PLAIN, 1.0, hit);
    }

    /** The same target with its probability estimated otherwise. */
    public TargetResult withHit(BinomialEstimate estimate, EstimationMethod how, double reduction) {
      return new TargetResult(
          estimate, percentiles, median, mean, expectedShortfall, how, reduction, plainHit);
    }
  }

  /**
   * How the paths were weighted.
   *
   * @param weighted whether observations weighted the paths (false: every path weighs 1)
   * @param effectivePaths Kish's effective number of paths {@code (Σ w)² / Σ w²}: the paths when
   *     unweighted; far fewer when the evidence is sharp
   * @param clampedPaths paths whose weight was clamped (see the engine's path weights; 0 in any
   *     sound run)
   */
  public record Weights(boolean weighted, double effectivePaths, long clampedPaths) {}

  /** One joint set: all its targets hit on the same path. */
  public record JointResult(BinomialEstimate allHit) {}

  /**
   * One fan.
   *
   * @param years calendar years, first year to horizon
   * @param percentiles [year index][percentile index] values
   */
  public record FanResult(int[] years, double[][] percentiles) {}
}
