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

  private final CompiledModel m;
  /** Per target: paths on which it was hit. */
  final long[] hits;
  /** Per joint set: paths on which all its targets were hit. */
  final long[] jointHits;
  /**
   * Per value series (a group in a year, see {@link CompiledModel#seriesGroup}): its histogram,
   * with the series' window; empty when the tally counts hits only.
   */
  final LogHistogram[] seriesHistograms;
  /** Per chains-above or count target: its counts' histogram; null for value targets, and for all in a hits-only tally. */
  final CountHistogram[] countHistograms;
  /** Whether values are kept (histograms and sums), or only hits (a comparison's sides). */
  private final boolean values;
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

  /** A tally of hits and values. */
  Tally(CompiledModel model) {
    this(model, true);
  }

  /**
   * @param values false to count hits only: no histogram, no buffer (a comparison reads nothing
   *     else, and a fan's histograms per side and thread would be most of its memory)
   */
  Tally(CompiledModel model, boolean values) {
    this.m = model;
    this.values = values;
    int targets = model.targetCount;
    hits = new long[targets];
    jointHits = new long[model.jointCount];
    int series = values ? model.seriesCount : 0;
    seriesHistograms = new LogHistogram[series];
    for (int i = 0; i < series; i++) {
      seriesHistograms[i] = new LogHistogram(model.seriesWindowLo[i], model.seriesWindowHi[i]);
    }
    countHistograms = new CountHistogram[targets];
    for (int t = 0; t < targets && values; t++) {
      if (model.targetCountCells[t] != null) {
        countHistograms[t] = new CountHistogram(64, model.targetMaxCount[t]);
      } else if (!model.isValueTarget[t]) {
        countHistograms[t] = new CountHistogram(model.countedGroups[t].length + 1, model.targetMaxCount[t]);
      }
    }
    blockSums = new double[2 * targets];
    hitNow = new boolean[targets];
    seriesBuffer = new double[series * CHUNK];
  }

  /**
   * Most heap bytes a tally of {@code m} holds: its histograms at their fullest (every page of
   * every window), its buffers and counters.
   */
  static long maxBytes(CompiledModel m, boolean values) {
    long bytes = 128 + 2 * Footprint.longArray(m.targetCount) + Footprint.longArray(m.jointCount)
        + Footprint.doubleArray(2L * m.targetCount) + Footprint.booleanArray(m.targetCount)
        + Footprint.refArray(m.targetCount);
    if (!values) {
      return bytes;
    }
    bytes += Footprint.refArray(m.seriesCount) + Footprint.doubleArray((long) m.seriesCount * CHUNK);
    for (int s = 0; s < m.seriesCount; s++) {
      bytes += LogHistogram.maxBytes(m.seriesWindowHi[s] - m.seriesWindowLo[s]);
    }
    for (int t = 0; t < m.targetCount; t++) {
      if (!m.isValueTarget[t]) {
        bytes += CountHistogram.maxBytes(m.targetMaxCount[t]);
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
    final CompiledModel m = this.m;
    final boolean values = this.values;
    if (values) {
      final int slot = buffered;
      for (int series : m.seriesByYear[y]) {
        seriesBuffer[series * CHUNK + slot] = groupValues[m.seriesGroup[series]];
      }
    }
    // Hits and misses are coin flips for targets near the median: written
    // without branches (a mispredicted branch costs more than the rest of the
    // bookkeeping). The shortfall threshold - value is > 0 only on a miss (or 0
    // on a strict miss at the threshold), so max(0, .) sums it over misses.
    for (int t : m.targetsByYear[y]) {
      boolean hit;
      if (m.isValueTarget[t]) {
        double value = groupValues[m.targetGroup[t]];
        double threshold = m.threshold[t];
        hit = m.strict[t] ? value > threshold : value >= threshold;
        blockSums[2 * t] += value;
        blockSums[2 * t + 1] += Math.max(0.0, threshold - value);
      } else if (m.targetCountCells[t] != null) {
        int count = 0;
        for (int k : m.targetCountCells[t]) {
          count += pathCounts[k * m.yearCount + y];
        }
        double threshold = m.threshold[t];
        hit = m.strict[t] ? count > threshold : count >= threshold;
        if (values) {
          countHistograms[t].add(count);
        }
        blockSums[2 * t] += count;
        blockSums[2 * t + 1] += Math.max(0.0, threshold - count);
      } else {
        int count = 0;
        double level = m.level[t];
        for (int g : m.countedGroups[t]) {
          count += groupValues[g] >= level ? 1 : 0;
        }
        int min = m.minCount[t];
        hit = m.strict[t] ? count > min : count >= min;
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
    final int[][] joints = m.jointTargets;
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
