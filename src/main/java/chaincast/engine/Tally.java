package chaincast.engine;

import java.util.Arrays;

/**
 * The estimators' accumulator for one worker: a {@link PathSink} that counts
 * hits, joint hits and histograms, and sums floating-point quantities per block.
 *
 * <p>Everything kept across blocks is an integer count (or an exact min/max),
 * so the tallies of all workers add up to the same totals whichever worker ran
 * which block. Floating-point sums (value sums and shortfalls) are kept for the
 * current block only ({@link #blockSums}); the engine folds them in block order.
 */
final class Tally implements PathSink {

  private final int yearCount;
  private final TargetTable targets;
  private final SeriesTable series;
  /** Per target: paths on which it was hit. */
  final long[] hits;
  /** Per joint set: paths on which all its targets were hit. */
  final long[] jointHits;
  /** Per value series (a group in a year, see {@link SeriesTable}): its histogram. */
  final LogHistogram[] seriesHistograms;
  /**
   * Per chains-above or count target: paths per count 0, 1, 2...; null for value targets. A count
   * target's histogram grows when a path exceeds it (counts have no fixed upper bound).
   */
  long[][] countHistograms;
  /** This path's counts (see {@link PathSink#onCounts}); null when the projection has none. */
  private int[] pathCounts;
  /**
   * Current block's sums: {@code [2t]} the value of target t, {@code [2t + 1]}
   * its shortfall {@code threshold - value} on paths that missed.
   */
  final double[] blockSums;
  /** This path's hit flags, per target (read by {@link PairedRun} at the end of a path). */
  final boolean[] hitNow;

  /**
   * Series values of the last paths, {@code [series * CHUNK + path]}, binned
   * CHUNK paths at a time. Why: a histogram add is a random increment in a
   * table of a few KiB; interleaving dozens of tables per path misses the L1
   * cache on almost every add (~6 ns), while binning one series' values in a
   * row keeps its table in L1 (~1.5 ns). Bounded: CHUNK values per series.
   */
  static final int CHUNK = 128;

  private final double[] seriesBuffer;
  private int buffered;

  Tally(CompiledModel model) {
    this.yearCount = model.yearCount;
    this.targets = model.targets;
    this.series = model.series;
    int targets = this.targets.count;
    hits = new long[targets];
    jointHits = new long[this.targets.jointCount];
    seriesHistograms = new LogHistogram[series.count];
    for (int i = 0; i < seriesHistograms.length; i++) {
      seriesHistograms[i] = new LogHistogram();
    }
    countHistograms = new long[targets][];
    for (int t = 0; t < targets; t++) {
      if (this.targets.countCells[t] != null) {
        countHistograms[t] = new long[64];
      } else if (!this.targets.isValue[t]) {
        countHistograms[t] = new long[this.targets.countedGroups[t].length + 1];
      }
    }
    blockSums = new double[2 * targets];
    hitNow = new boolean[targets];
    seriesBuffer = new double[series.count * CHUNK];
  }

  /** Clears the per-block sums. */
  void beginBlock() {
    Arrays.fill(blockSums, 0.0);
  }

  /** Bins the buffered series values; call after a block, before reading the histograms. */
  void endBlock() {
    flush();
  }

  private void flush() {
    for (int s = 0; s < seriesHistograms.length; s++) {
      seriesHistograms[s].addAll(seriesBuffer, s * CHUNK, s * CHUNK + buffered);
    }
    buffered = 0;
  }

  @Override
  public void onCounts(int[] counts) {
    pathCounts = counts;
  }

  @Override
  public void onYear(int y, double[] cellValues, double[] groupValues) {
    final TargetTable targets = this.targets;
    final SeriesTable series = this.series;
    final int slot = buffered;
    for (int s : series.byYear[y]) {
      seriesBuffer[s * CHUNK + slot] = groupValues[series.group[s]];
    }
    // Hits and misses are coin flips for targets near the median: written
    // without branches (a mispredicted branch costs more than the rest of the
    // bookkeeping). The shortfall threshold - value is > 0 only on a miss (or 0
    // on a strict miss at the threshold), so max(0, .) sums it over misses.
    for (int t : targets.byYear[y]) {
      boolean hit;
      if (targets.isValue[t]) {
        double value = groupValues[targets.group[t]];
        double threshold = targets.threshold[t];
        hit = targets.strict[t] ? value > threshold : value >= threshold;
        blockSums[2 * t] += value;
        blockSums[2 * t + 1] += Math.max(0.0, threshold - value);
      } else if (targets.countCells[t] != null) {
        int count = 0;
        for (int k : targets.countCells[t]) {
          count += pathCounts[k * yearCount + y];
        }
        double threshold = targets.threshold[t];
        hit = targets.strict[t] ? count > threshold : count >= threshold;
        long[] histogram = countHistograms[t];
        if (count >= histogram.length) {
          histogram = Arrays.copyOf(histogram, Math.max(2 * histogram.length, count + 1));
          countHistograms[t] = histogram;
        }
        histogram[count]++;
        blockSums[2 * t] += count;
        blockSums[2 * t + 1] += Math.max(0.0, threshold - count);
      } else {
        int count = 0;
        double level = targets.level[t];
        for (int g : targets.countedGroups[t]) {
          count += groupValues[g] >= level ? 1 : 0;
        }
        int min = targets.minCount[t];
        hit = targets.strict[t] ? count > min : count >= min;
        countHistograms[t][count]++;
        blockSums[2 * t] += count;
        blockSums[2 * t + 1] += Math.max(0, min - count);
      }
      hitNow[t] = hit;
      hits[t] += hit ? 1 : 0;
    }
  }

  @Override
  public void onPathEnd() {
    // Every target's year is recorded on every path, so hitNow holds this path's flags.
    final int[][] joints = targets.jointTargets;
    for (int j = 0; j < joints.length; j++) {
      int all = 1;
      for (int t : joints[j]) {
        all &= hitNow[t] ? 1 : 0;
      }
      jointHits[j] += all;
    }
    if (++buffered == CHUNK) {
      flush();
    }
  }
}
