package chaincast.run;

import chaincast.engine.BinomialEstimate;
import chaincast.engine.RunResult;
import chaincast.v1.EstimationMethod;
import chaincast.v1.ThresholdOdds;

/**
 * Puts a threshold's answer back together from its engine targets: the lower bound's estimate, its
 * complement ({@code <=}, {@code <}), or a range's difference of two bounds.
 */
final class ThresholdOddsBuilder {
  private ThresholdOddsBuilder() {}

  static ThresholdOdds odds(PlannedRun.ThresholdMeta meta, RunResult result, double[] pct) {
    RunResult.TargetResult lower = result.targets().get(meta.lower());
    BinomialEstimate p = lower.hit();
    if (meta.upper() >= 0) {
      RunResult.TargetResult upper = result.targets().get(meta.upper());
      boolean plainHits =
          Methods.plain(lower.method())
              && Methods.plain(upper.method())
              && !result.weights().weighted();
      p = plainHits ? exactRange(p, upper.hit()) : rangeBound(p, upper.hit());
    }
    if (meta.complement()) {
      p = complement(p);
    }
    ThresholdOdds.Builder b =
        ThresholdOdds.newBuilder()
            .setId(meta.threshold().getId())
            .setThreshold(meta.threshold())
            .setName(meta.name())
            .setUnit(meta.unit())
            .setKind(meta.kind())
            .setProbability(ReportBuilder.probability(p))
            .setMethod(EstimationMethod.valueOf("ESTIMATION_METHOD_" + lower.method().name()))
            .setVarianceReduction(lower.varianceReduction())
            .setMedian(lower.median())
            .setMean(lower.mean())
            .setRegionId(meta.regionId())
            .setChainId(meta.chainId());
    for (int k = 0; k < pct.length; k++) {
      b.addPercentiles(ReportBuilder.percentile(pct[k], lower.percentiles()[k]));
    }
    return b.build();
  }

  /** P(not A): the same error, the interval mirrored. */
  static BinomialEstimate complement(BinomialEstimate e) {
    return new BinomialEstimate(
        e.paths() - e.hits(),
        e.paths(),
        1 - e.estimate(),
        e.standardError(),
        1 - e.high(),
        1 - e.low(),
        e.effectivePaths());
  }

  /**
   * P(≥ a) - P(> b) from plain, unweighted hit counts: the paths in the range are exactly the hits
   * of the first less those of the second (every path above b is above a), so this is an ordinary
   * binomial estimate.
   */
  static BinomialEstimate exactRange(BinomialEstimate atLeastA, BinomialEstimate aboveB) {
    return BinomialEstimate.of(Math.max(0, atLeastA.hits() - aboveB.hits()), atLeastA.paths());
  }

  /**
   * P(≥ a) - P(> b) from other estimators: the error is the root sum of squares, an upper bound
   * because both estimates rise and fall together on the same paths (positive covariance), and the
   * interval is ±1.96 of it, clipped to [0, 1].
   */
  static BinomialEstimate rangeBound(BinomialEstimate atLeastA, BinomialEstimate aboveB) {
    double p = Math.max(0, atLeastA.estimate() - aboveB.estimate());
    double se = Math.hypot(atLeastA.standardError(), aboveB.standardError());
    double half = BinomialEstimate.Z95 * se;
    double effective = se > 0 ? p * (1 - p) / (se * se) : atLeastA.effectivePaths();
    return new BinomialEstimate(
        Math.max(0, atLeastA.hits() - aboveB.hits()),
        atLeastA.paths(),
        p,
        se,
        Math.max(0, p - half),
        Math.min(1, p + half),
        effective);
  }
}
