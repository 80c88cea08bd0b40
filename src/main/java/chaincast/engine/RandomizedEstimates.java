package chaincast.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Combines the results of independent randomisations of one quasi-Monte Carlo run (see {@link
 * RandomizedQmcRun}): each randomisation's estimate is unbiased, so their mean is, and their spread
 * is an honest measure of its error whatever the (unknown) convergence rate of the points.
 *
 * <p>Per target and joint set: the estimate is the mean of the R randomisations' estimates, its
 * standard error their sample standard deviation over √R, its 95% interval the estimate ± t(R-1,
 * 0.975)·SE clipped to [0, 1]. When that standard error is 0 (every randomisation gave exactly the
 * same estimate, as when no path of any hit or missed), the interval is the Wilson interval of the
 * pooled hit count instead, which never has zero width. Value percentiles, medians, means, expected
 * shortfalls and fans are the means over the randomisations (each randomisation's own histogram
 * estimate, so within the engine's histogram resolution of the pooled ones).
 */
final class RandomizedEstimates {

  private final List<RunResult> runs;
  private final double t975;
  private final long paths;
  private final boolean weighted;

  /** The combination of {@code runs} (at least 2, all of the same projection and settings). */
  RandomizedEstimates(List<RunResult> runs) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException("need at least 2 randomisations, got " + runs.size());
    }
    this.runs = List.copyOf(runs);
    this.t975 = new TDistribution(null, runs.size() - 1.0).inverseCumulativeProbability(0.975);
    long sum = 0;
    boolean anyWeighted = false;
    for (RunResult r : runs) {
      sum += r.paths();
      anyWeighted |= r.weights().weighted();
    }
    this.paths = sum;
    this.weighted = anyWeighted;
  }

  /** Paths over all randomisations. */
  long paths() {
    return paths;
  }

  /** The combined result. */
  RunResult result(RunStopReason reason, long elapsedNanos) {
    List<RunResult.TargetResult> targets = targets();
    List<RunResult.JointResult> joints = new ArrayList<>();
    for (int j = 0; j < runs.get(0).joints().size(); j++) {
      int at = j;
      joints.add(new RunResult.JointResult(combine(r -> r.joints().get(at).allHit())));
    }
    List<BinomialEstimate> hits = new ArrayList<>();
    targets.forEach(t -> hits.add(t.hit()));
    List<BinomialEstimate> jointHits = new ArrayList<>();
    joints.forEach(j -> jointHits.add(j.allHit()));
    return new RunResult(
        paths,
        reason,
        RunTotals.maxHalfWidth(hits, jointHits),
        targets,
        joints,
        fans(),
        elapsedNanos,
        weights());
  }

  /** Per target: the better of the combined conditional and hit-count estimates. */
  List<RunResult.TargetResult> targets() {
    List<RunResult.TargetResult> out = new ArrayList<>();
    int count = runs.get(0).targets().size();
    for (int i = 0; i < count; i++) {
      int at = i;
      BinomialEstimate plain = combine(r -> r.targets().get(at).plainHit());
      BinomialEstimate conditional = combine(r -> r.targets().get(at).hit());
      boolean useConditional = true;
      for (RunResult r : runs) {
        useConditional &= r.targets().get(at).method() == EstimationMethod.CONDITIONAL;
      }
      useConditional &= conditional.halfWidth() < plain.halfWidth();
      BinomialEstimate hit = useConditional ? conditional : plain;
      EstimationMethod method =
          useConditional
              ? EstimationMethod.QUASI_RANDOM_CONDITIONAL
              : EstimationMethod.QUASI_RANDOM;
      out.add(
          new RunResult.TargetResult(
              hit,
              meanArray(r -> r.targets().get(at).percentiles()),
              mean(r -> r.targets().get(at).median()),
              mean(r -> r.targets().get(at).mean()),
              mean(r -> r.targets().get(at).expectedShortfall()),
              method,
              reduction(hit, at),
              plain));
    }
    return out;
  }

  /**
   * Plain Monte Carlo's variance on as many paths over {@code hit}'s: p(1 - p)/N unweighted; with
   * weighted paths, the mean of the randomisations' hit-count variances (each computed as if its
   * paths were independent, i.e. plain Monte Carlo's on that many paths) over R. 1 when {@code hit}
   * has no measured error.
   */
  private double reduction(BinomialEstimate hit, int target) {
    double se = hit.standardError();
    if (!(se > 0)) {
      return 1.0;
    }
    double plainVariance;
    if (weighted) {
      double sum = 0;
      for (RunResult r : runs) {
        double s = r.targets().get(target).plainHit().standardError();
        sum += s * s;
      }
      plainVariance = sum / runs.size() / runs.size();
    } else {
      double p = hit.estimate();
      plainVariance = p * (1 - p) / paths;
    }
    return plainVariance / (se * se);
  }

  /** The randomisation-based estimate from each run's {@code estimate}. */
  BinomialEstimate combine(Function<RunResult, BinomialEstimate> estimate) {
    int n = runs.size();
    long hits = 0;
    long total = 0;
    double sum = 0;
    for (RunResult r : runs) {
      BinomialEstimate e = estimate.apply(r);
      hits += e.hits();
      total += e.paths();
      sum += e.estimate();
    }
    double mean = sum / n;
    double squares = 0;
    for (RunResult r : runs) {
      double d = estimate.apply(r).estimate() - mean;
      squares += d * d;
    }
    double se = Math.sqrt(squares / (n - 1) / n);
    if (Double.isNaN(mean)) {
      return new BinomialEstimate(hits, total, Double.NaN, Double.NaN, 0.0, 1.0, 0.0);
    }
    if (se == 0) {
      BinomialEstimate pooled = BinomialEstimate.of(hits, total);
      return new BinomialEstimate(hits, total, mean, 0.0, pooled.low(), pooled.high(), total);
    }
    double half = t975 * se;
    double effective = mean * (1 - mean) / (se * se);
    return new BinomialEstimate(
        hits, total, mean, se, Math.max(0.0, mean - half), Math.min(1.0, mean + half), effective);
  }

  private double mean(ToDoubleFunction<RunResult> value) {
    double sum = 0;
    for (RunResult r : runs) {
      sum += value.applyAsDouble(r);
    }
    return sum / runs.size();
  }

  private double[] meanArray(Function<RunResult, double[]> values) {
    double[] sum = values.apply(runs.get(0)).clone();
    for (int k = 1; k < runs.size(); k++) {
      double[] v = values.apply(runs.get(k));
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= runs.size();
    }
    return sum;
  }

  private List<RunResult.FanResult> fans() {
    List<RunResult.FanResult> out = new ArrayList<>();
    for (int f = 0; f < runs.get(0).fans().size(); f++) {
      RunResult.FanResult first = runs.get(0).fans().get(f);
      double[][] mean = new double[first.percentiles().length][];
      for (int y = 0; y < mean.length; y++) {
        int fan = f;
        int year = y;
        mean[y] = meanArray(r -> r.fans().get(fan).percentiles()[year]);
      }
      out.add(new RunResult.FanResult(first.years().clone(), mean));
    }
    return out;
  }

  private RunResult.Weights weights() {
    double effective = 0;
    long clamped = 0;
    for (RunResult r : runs) {
      effective += r.weights().effectivePaths();
      clamped += r.weights().clampedPaths();
    }
    return new RunResult.Weights(weighted, effective, clamped);
  }
}
