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

  /** Per target: [2t] sum of values, [2t+1] sum of shortfalls; folded in block order. */
  private final double[] sums;

  RunTotals(MonteCarloEngine.Worker[] workers) {
    this.m = workers[0].model();
    this.workers = workers;
    this.sums = new double[2 * m.targets.count];
  }

  /** The tallies of the workers that ran (a worker is allocated on its first block). */
  private List<Tally> tallies() {
    List<Tally> out = new ArrayList<>();
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

  List<BinomialEstimate> targetEstimates(long paths) {
    List<BinomialEstimate> out = new ArrayList<>();
    for (long h : hits()) {
      out.add(BinomialEstimate.of(h, paths));
    }
    return out;
  }

  List<BinomialEstimate> jointEstimates(long paths) {
    List<BinomialEstimate> out = new ArrayList<>();
    for (long h : jointHits()) {
      out.add(BinomialEstimate.of(h, paths));
    }
    return out;
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
    List<RunResult.TargetResult> targets = new ArrayList<>();
    for (int t = 0; t < m.targets.count; t++) {
      BinomialEstimate hit = targetHits.get(t);
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
          pct[i] = counts.percentile(paths, percentiles[i]);
        }
        median = counts.percentile(paths, 50);
      }
      double mean = sums[2 * t] / paths;
      long misses = paths - hit.hits();
      double shortfall = misses == 0 ? 0.0 : sums[2 * t + 1] / misses;
      targets.add(new RunResult.TargetResult(hit, pct, median, mean, shortfall));
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
    return new RunResult(
        paths, reason, maxHalfWidth(targetHits, jointHits), targets, joints, fans, elapsedNanos);
  }
}
