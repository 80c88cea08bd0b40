package chaincast.engine;

import java.util.Arrays;

/**
 * The estimators' accumulator for one worker: a {@link PathSink} that counts hits, joint hits and
 * histograms, and sums floating-point quantities per block.
 *
 * <p>Everything kept across blocks is an integer count (or an exact min/max), so the tallies of all
 * workers add up to the same totals whichever worker ran which block. Floating-point sums (value
 * sums and shortfalls) are kept for the current block only ({@link #blockSums}); the engine folds
 * them in block order.
 */
final class Tally implements PathSink {

  private final int yearCount;
  private final TargetTable targets;
  private final SeriesTable series;

  /** Per target: paths on which it was hit. */
  final long[] hits;

  /** Per joint set: paths on which all its targets were hit. */
  final long[] jointHits;

  /**
   * Per value series (a group in a year, see {@link SeriesTable}): its histogram, with the series'
   * window; empty when the tally counts hits only.
   */
  final LogHistogram[] seriesHistograms;

  /**
   * Per chains-above or count target: its counts' histogram; null for value targets, and for all in
   * a hits-only tally.
   */
  final CountHistogram[] countHistograms;

  /** Whether values are kept (histograms and sums), or only hits (a comparison's sides). */
  private final boolean values;

  /** This path's counts (see {@link PathSink#onCounts}); null when the projection has none. */
  private int[] pathCounts;

  /**
   * Current block's sums: {@code [2t]} the value of target t, {@code [2t + 1]} its shortfall {@code
   * threshold - value} on paths that missed.
   */
  final double[] blockSums;

  /** This path's hit flags, per target (read by {@link PairedRun} at the end of a path). */
  final boolean[] hitNow;

  /**
   * Series values of the last paths, {@code [series * CHUNK + path]}, binned CHUNK paths at a time.
   * Why: a histogram add is a random increment in a table of a few KiB; interleaving dozens of
   * tables per path misses the L1 cache on almost every add (~6 ns), while binning one series'
   * values in a row keeps its table in L1 (~1.5 ns). Bounded: CHUNK values per series.
   */
  static final int CHUNK = 128;

  private final double[] seriesBuffer;
  private int buffered;

  /** A tally of hits and values. */
  Tally(CompiledModel model) {
    this(model, true);
  }

  /**
   * @param values false to count hits only: no histogram, no buffer (a comparison reads nothing
   *     else, and a fan's histograms per side and thread would be most of its memory)
   */
  Tally(CompiledModel model, boolean values) {
    this.yearCount = model.yearCount;
    this.targets = model.targets;
    this.series = model.series;
    this.values = values;
    int targetCount = targets.count;
    hits = new long[targetCount];
    jointHits = new long[targets.jointCount];
    int seriesCount = values ? series.count : 0;
    seriesHistograms = new LogHistogram[seriesCount];
    for (int i = 0; i < seriesCount; i++) {
      seriesHistograms[i] = new LogHistogram(model.windows.lo[i], model.windows.hi[i]);
    }
    int[] maxCount = model.counts.targetMaxCount;
    countHistograms = new CountHistogram[targetCount];
    for (int t = 0; t < targetCount && values; t++) {
      if (targets.countCells[t] != null) {
        countHistograms[t] = new CountHistogram(64, maxCount[t]);
      } else if (!targets.isValue[t]) {
        countHistograms[t] = new CountHistogram(targets.countedGroups[t].length + 1, maxCount[t]);
      }
    }
    blockSums = new double[2 * targetCount];
    hitNow = new boolean[targetCount];
    seriesBuffer = new double[seriesCount * CHUNK];
  }

  /**
   * Most heap bytes a tally of {@code m} holds: its histograms at their fullest (every page of
   * every window), its buffers and counters.
   */
  static long maxBytes(CompiledModel m, boolean values) {
    TargetTable targets = m.targets;
    int seriesCount = m.series.count;
    long bytes =
        128
            + 2 * Footprint.longArray(targets.count)
            + Footprint.longArray(targets.jointCount)
            + Footprint.doubleArray(2L * targets.count)
            + Footprint.booleanArray(targets.count)
            + Footprint.refArray(targets.count);
    if (!values) {
      return bytes;
    }
    bytes += Footprint.refArray(seriesCount) + Footprint.doubleArray((long) seriesCount * CHUNK);
    for (int s = 0; s < seriesCount; s++) {
      bytes += LogHistogram.maxBytes(m.windows.octaves(s));
    }
    for (int t = 0; t < targets.count; t++) {
      if (!targets.isValue[t]) {
        bytes += CountHistogram.maxBytes(m.counts.targetMaxCount[t]);
      }
    }
    return bytes;
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
    final boolean values = this.values;
    if (values) {
      final SeriesTable series = this.series;
      final int slot = buffered;
      for (int s : series.byYear[y]) {
        seriesBuffer[s * CHUNK + slot] = groupValues[series.group[s]];
      }
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
        if (values) {
          countHistograms[t].add(count);
        }
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
        if (values) {
          countHistograms[t].add(count);
        }
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
    if (values && ++buffered == CHUNK) {
      flush();
    }
  }
}
