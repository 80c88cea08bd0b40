package chaincast.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one run across rounds: the workers' {@link Tally tallies} (integer counts, merged on
 * demand in any order) and the floating-point sums folded block by block in block order. Turns them
 * into running estimates and the final {@link RunResult}.
 */
final class RunTotals {

  private final CompiledModel m;
  private final MonteCarloEngine.Worker[] workers;

  /** The blocks' weighted sums (layout of {@link Tally#blockSums}), folded in block order. */
  private final double[] sums;

  private final PathWeights weights;

  /** Which estimators the run may report (see {@link RunSettings.VarianceReduction}). */
  private final RunSettings.VarianceReduction mode;

  RunTotals(MonteCarloEngine.Worker[] workers, RunSettings.VarianceReduction mode) {
    this.m = workers[0].model();
    this.workers = workers;
    this.weights = workers[0].weights();
    this.mode = mode;
    this.sums = new double[Tally.sumsLength(m.targets)];
  }

  /** Counts of blocks run on other machines, added up; null until the first arrives. */
  private Tally imported;

  /** Adds the counts of blocks run on another machine (any order: they are integers). */
  void importCounts(TallyCounts counts) {
    if (imported == null) {
      imported = new Tally(m, true, weights);
    }
    imported.add(counts);
  }

  /**
   * The tallies of the workers that ran (a worker is allocated on its first block), and of the
   * blocks run elsewhere.
   */
  private List<Tally> tallies() {
    List<Tally> out = new ArrayList<>();
    if (imported != null) {
      out.add(imported);
    }
    for (MonteCarloEngine.Worker w : workers) {
      if (w.tally != null) {
        out.add(w.tally);
      }
    }
    return out;
  }

  /** Adds one block's sums; call in increasing block order only. */
  void foldBlock(double[] blockSums) {
    for (int i = 0; i < sums.length; i++) {
      sums[i] += blockSums[i];
    }
  }

  long[] hits() {
    long[] h = new long[m.targets.count];
    for (Tally t : tallies()) {
      for (int i = 0; i < h.length; i++) {
        h[i] += t.hits[i];
      }
    }
    return h;
  }

  long[] jointHits() {
    long[] h = new long[m.targets.jointCount];
    for (Tally t : tallies()) {
      for (int i = 0; i < h.length; i++) {
        h[i] += t.jointHits[i];
      }
    }
    return h;
  }

  /** Per target (or joint set): paths on which it was hit, whatever their weight. */
  private long[] hitPaths(boolean joint) {
    long[] h = new long[joint ? m.targets.jointCount : m.targets.count];
    for (Tally t : tallies()) {
      long[] own = joint ? t.jointHitPaths : t.hitPaths;
      for (int i = 0; i < h.length; i++) {
        h[i] += own[i];
      }
    }
    return h;
  }

  /** Fixed-point weight of every path tallied (their count when unweighted). */
  long totalWeight() {
    long w = 0;
    for (Tally t : tallies()) {
      w += t.totalWeight;
    }
    return w;
  }

  /** Paths whose weight was clamped (see {@link PathWeights}). */
  long clampedPaths() {
    long n = 0;
    for (Tally t : tallies()) {
      n += t.clampedPaths;
    }
    return n;
  }

  /** {@code Σ w} over the paths folded so far. */
  private double weightSum() {
    return sums[Tally.totalsIndex(m.targets)];
  }

  /** {@code Σ w²} over the paths folded so far. */
  private double weightSqSum() {
    return sums[Tally.totalsIndex(m.targets) + 1];
  }

  /** Kish's effective number of paths, {@code (Σ w)² / Σ w²} (the paths, unweighted). */
  double effectivePaths(long paths) {
    if (!weights.weighted) {
      return paths;
    }
    double w = weightSum();
    return w > 0 ? w * w / weightSqSum() : 0.0;
  }

  /** Per target, P(hit) by the estimator the run reports (see {@link #choose}). */
  List<BinomialEstimate> targetEstimates(long paths) {
    List<BinomialEstimate> plain = plainEstimates(paths);
    List<BinomialEstimate> out = new ArrayList<>();
    for (int t = 0; t < plain.size(); t++) {
      BinomialEstimate conditional = conditionalEstimate(t, plain.get(t).hits(), paths);
      out.add(choose(plain.get(t), conditional) ? conditional : plain.get(t));
    }
    return out;
  }

  /** Per target, P(hit) by counting the (weighted) hits. */
  List<BinomialEstimate> plainEstimates(long paths) {
    List<BinomialEstimate> out = new ArrayList<>();
    long[] hits = hits();
    long[] hitPaths = weights.weighted ? hitPaths(false) : hits;
    for (int t = 0; t < hits.length; t++) {
      out.add(estimate(hits[t], hitPaths[t], paths, sums[4 * t + 2], sums[4 * t + 3]));
    }
    return out;
  }

  /** Target t's conditional estimate, or null where it has none. */
  private BinomialEstimate conditionalEstimate(int t, long hitPaths, long paths) {
    if (m.conditional.cell[t] < 0) {
      return null;
    }
    int k = Tally.conditionalIndex(m.targets) + 3 * t;
    return BinomialEstimate.smoothed(
        hitPaths, paths, sums[k], sums[k + 1], sums[k + 2], weightSum(), weightSqSum());
  }

  /**
   * Whether to report the conditional estimate: where it exists and the run may use it, when its
   * interval is no wider than the plain one's on the same paths (it almost always is narrower; with
   * no hit at all the plain interval still has a width, so a rare target's conditional estimate
   * wins).
   */
  private boolean choose(BinomialEstimate plain, BinomialEstimate conditional) {
    if (conditional == null || mode == RunSettings.VarianceReduction.PLAIN) {
      return false;
    }
    return conditional.halfWidth() <= plain.halfWidth();
  }

  /**
   * The variance-reduction factor of {@code chosen} over {@code plain} on the same paths: the ratio
   * of their squared 95% half-widths (their variances' ratio, where the intervals are normal).
   */
  static double reduction(BinomialEstimate plain, BinomialEstimate chosen) {
    if (chosen.equals(plain)) {
      return 1.0;
    }
    double p = plain.halfWidth();
    double c = chosen.halfWidth();
    return c > 0 ? (p / c) * (p / c) : Double.POSITIVE_INFINITY;
  }

  List<BinomialEstimate> jointEstimates(long paths) {
    List<BinomialEstimate> out = new ArrayList<>();
    long[] hits = jointHits();
    long[] hitPaths = weights.weighted ? hitPaths(true) : hits;
    int base = 4 * m.targets.count;
    for (int j = 0; j < hits.length; j++) {
      out.add(estimate(hits[j], hitPaths[j], paths, sums[base + 2 * j], sums[base + 2 * j + 1]));
    }
    return out;
  }

  private BinomialEstimate estimate(
      long fixedHits, long hitPaths, long paths, double hitWeight, double hitWeightSq) {
    if (!weights.weighted) {
      return BinomialEstimate.of(fixedHits, paths);
    }
    return BinomialEstimate.weighted(
        hitPaths, paths, hitWeight, hitWeightSq, weightSum(), weightSqSum());
  }

  /** Widest 95% half-width among targets and joint sets (0 when there are none). */
  static double maxHalfWidth(List<BinomialEstimate> targets, List<BinomialEstimate> joints) {
    double w = 0;
    for (BinomialEstimate e : targets) {
      w = Math.max(w, e.halfWidth());
    }
    for (BinomialEstimate e : joints) {
      w = Math.max(w, e.halfWidth());
    }
    return w;
  }

  RunResult result(long paths, RunStopReason reason, double[] percentiles, long elapsedNanos) {
    List<BinomialEstimate> targetHits = targetEstimates(paths);
    List<BinomialEstimate> plainHits = plainEstimates(paths);
    List<BinomialEstimate> jointHits = jointEstimates(paths);
    // Each series is merged alone into one scratch histogram and read at once: merging every
    // series first would hold one more copy of all of them beside the workers' own.
    double[][] seriesPercentiles = new double[m.series.count][];
    double[] seriesMedian = new double[m.series.count];
    for (int i = 0; i < m.series.count; i++) {
      LogHistogram merged = new LogHistogram(m.windows.lo[i], m.windows.hi[i]);
      for (Tally tally : tallies()) {
        merged.addAll(tally.seriesHistograms[i]);
      }
      double[] wanted = Arrays.copyOf(percentiles, percentiles.length + 1);
      wanted[percentiles.length] = 50;
      double[] got = merged.percentiles(wanted);
      seriesPercentiles[i] = Arrays.copyOf(got, percentiles.length);
      seriesMedian[i] = got[percentiles.length];
    }
    long total = totalWeight(); // the count histograms' total: paths, or their fixed-point weight
    List<RunResult.TargetResult> targets = new ArrayList<>();
    for (int t = 0; t < m.targets.count; t++) {
      BinomialEstimate hit = targetHits.get(t);
      BinomialEstimate plain = plainHits.get(t);
      double[] pct = new double[percentiles.length];
      double median;
      if (m.targets.isValue[t]) {
        System.arraycopy(seriesPercentiles[m.series.ofTarget[t]], 0, pct, 0, pct.length);
        median = seriesMedian[m.series.ofTarget[t]];
      } else {
        CountHistogram counts = new CountHistogram(1, m.counts.targetMaxCount[t]);
        for (Tally tally : tallies()) {
          counts.addAll(tally.countHistograms[t]);
        }
        for (int i = 0; i < pct.length; i++) {
          pct[i] = counts.percentile(total, percentiles[i]);
        }
        median = counts.percentile(total, 50);
      }
      double mean;
      double shortfall;
      if (weights.weighted) {
        mean = sums[4 * t] / weightSum();
        double missWeight = weightSum() - sums[4 * t + 2];
        shortfall = missWeight > 0 ? sums[4 * t + 1] / missWeight : 0.0;
      } else {
        mean = sums[4 * t] / paths;
        long misses = paths - plain.hits();
        shortfall = misses == 0 ? 0.0 : sums[4 * t + 1] / misses;
      }
      EstimationMethod method =
          hit.equals(plain) ? EstimationMethod.PLAIN : EstimationMethod.CONDITIONAL;
      targets.add(
          new RunResult.TargetResult(
              hit, pct, median, mean, shortfall, method, reduction(plain, hit), plain));
    }
    List<RunResult.JointResult> joints = new ArrayList<>();
    for (BinomialEstimate e : jointHits) {
      joints.add(new RunResult.JointResult(e));
    }
    List<RunResult.FanResult> fans = new ArrayList<>();
    int[] years = new int[m.yearCount];
    for (int y = 0; y < m.yearCount; y++) {
      years[y] = m.firstYear + y;
    }
    for (int f = 0; f < m.series.fanCount; f++) {
      double[][] values = new double[m.yearCount][percentiles.length];
      for (int y = 0; y < m.yearCount; y++) {
        values[y] = seriesPercentiles[m.series.ofFan[f][y]].clone();
      }
      fans.add(new RunResult.FanResult(years.clone(), values));
    }
    RunResult.Weights w =
        new RunResult.Weights(weights.weighted, effectivePaths(paths), clampedPaths());
    return new RunResult(
        paths, reason, maxHalfWidth(targetHits, jointHits), targets, joints, fans, elapsedNanos, w);
  }
}
