package chaincast.engine;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The estimators' accumulator for one worker: a {@link PathSink} that counts hits, joint hits and
 * histograms, and sums floating-point quantities per block, each path counted with its weight.
 *
 * <p>Everything kept across blocks is an integer (hit tallies and histogram bins in the fixed point
 * of {@link PathWeights}: plain counts when paths are unweighted) or an exact min/max, so the
 * tallies of all workers add up to the same totals whichever worker ran which block. Floating-point
 * sums are kept for the current block only ({@link #blockSums}); the engine folds them in block
 * order. A path's weight is known only at its end (an observation may come after a target's year),
 * so a path's hits and values are held until {@link #onPathEnd}.
 */
final class Tally implements PathSink {

  private final int yearCount;
  private final TargetTable targets;
  private final SeriesTable series;

  /**
   * Per target: the fixed-point weight of the paths on which it was hit (their count, unweighted).
   */
  final long[] hits;

  /** Per joint set: the fixed-point weight of the paths on which all its targets were hit. */
  final long[] jointHits;

  /** Per target: the number of paths on which it was hit, whatever their weight. */
  final long[] hitPaths;

  /** Per joint set: the number of paths on which all its targets were hit. */
  final long[] jointHitPaths;

  /** Fixed-point weight of all paths tallied (their count, unweighted). */
  long totalWeight;

  /** Paths whose weight was clamped (see {@link PathWeights}). */
  long clampedPaths;

  private final PathWeights weights;

  /** This path's log weight (0 until {@link #onWeight}). */
  private double pathLogWeight;

  /** This path's value (or count) and shortfall per target, held until its end. */
  private final double[] valueNow;

  private final double[] shortfallNow;

  /**
   * Per target: the cell whose last own shock its conditional estimate integrates out, or -1 (see
   * {@link ConditionalPlan}); and this path's conditional probability of a hit, held until its end.
   */
  private final int[] conditionalCell;

  private final double[] conditionalNow;

  private final boolean anyConditional;
  private final int totalsBase;
  private final int conditionalBase;

  /** The simulator's log-space state (see {@link PathSink#onLogState}). */
  private double[] logValue;

  private double[] ownTerm;
  private double[] ownSd;

  /** This path's count per count or chains-above target, held until its end. */
  private final int[] countNow;

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
   * Current block's sums, each term times the path's relative weight {@code w}: {@code [4t]} the
   * value of target t, {@code [4t + 1]} its shortfall {@code threshold - value} on paths that
   * missed, {@code [4t + 2]} {@code w} on paths that hit, {@code [4t + 3]} {@code w²} on paths that
   * hit; then per joint set j, at {@code 4T + 2j}, {@code w} and {@code w²} on paths that hit all;
   * then {@code w} and {@code w²} over all paths (at {@link #totalsIndex}); last, per target t at
   * {@link #conditionalIndex}{@code + 3t}, its conditional probability {@code p} summed as {@code w
   * p}, {@code w² p} and {@code w² p²} (zeros for targets without one). See {@link #sumsLength}.
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

  /** Counts of the last paths per count or chains-above target, {@code [t * CHUNK + path]}. */
  private final int[] countBuffer;

  /** The targets with a count histogram. */
  private final int[] countTargets;

  /**
   * Per count target: where its cells' counts of its year sit in the path's counts ({@code k *
   * yearCount + y}), so a path's count is a sum of direct loads.
   */
  private final int[][] countSlots;

  /** The fixed-point weight of each buffered path. */
  private final long[] weightBuffer;

  private int buffered;

  /** A tally of hits and values of unweighted paths. */
  Tally(CompiledModel model) {
    this(model, true, PathWeights.UNIFORM);
  }

  /**
   * @param values false to count hits only: no histogram, no buffer (a comparison reads nothing
   *     else, and a fan's histograms per side and thread would be most of its memory)
   * @param weights how each path's log weight becomes its weight
   */
  Tally(CompiledModel model, boolean values, PathWeights weights) {
    this.weights = weights;
    this.yearCount = model.yearCount;
    this.targets = model.targets;
    this.series = model.series;
    this.values = values;
    int targetCount = targets.count;
    hits = new long[targetCount];
    jointHits = new long[targets.jointCount];
    hitPaths = new long[targetCount];
    jointHitPaths = new long[targets.jointCount];
    valueNow = new double[targetCount];
    shortfallNow = new double[targetCount];
    countNow = new int[targetCount];
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
    blockSums = new double[sumsLength(targets)];
    hitNow = new boolean[targetCount];
    conditionalCell = model.conditional.cell;
    anyConditional = model.conditional.any;
    totalsBase = totalsIndex(targets);
    conditionalBase = conditionalIndex(targets);
    conditionalNow = new double[targetCount];
    seriesBuffer = new double[seriesCount * CHUNK];
    countTargets =
        IntStream.range(0, targetCount).filter(t -> countHistograms[t] != null).toArray();
    countBuffer = new int[values ? targetCount * CHUNK : 0];
    countSlots = new int[targetCount][];
    for (int t = 0; t < targetCount; t++) {
      int[] cells = targets.countCells[t];
      if (cells != null) {
        countSlots[t] = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
          countSlots[t][i] = cells[i] * yearCount + targets.yearIndex[t];
        }
      }
    }
    weightBuffer = new long[values ? CHUNK : 0];
  }

  /** The length of {@link #blockSums} for these targets. */
  static int sumsLength(TargetTable targets) {
    return conditionalIndex(targets) + 3 * targets.count;
  }

  /** Where {@code Σ w} and {@code Σ w²} over all paths sit in {@link #blockSums}. */
  static int totalsIndex(TargetTable targets) {
    return 4 * targets.count + 2 * targets.jointCount;
  }

  /** Where the conditional estimates' sums start in {@link #blockSums}. */
  static int conditionalIndex(TargetTable targets) {
    return totalsIndex(targets) + 2;
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
            + 3 * Footprint.longArray(targets.count)
            + 2 * Footprint.longArray(targets.jointCount)
            + Footprint.doubleArray(sumsLength(targets))
            + 2 * Footprint.doubleArray(targets.count)
            + Footprint.intArray(targets.count)
            + Footprint.booleanArray(targets.count)
            + Footprint.refArray(targets.count);
    if (!values) {
      return bytes;
    }
    bytes +=
        Footprint.refArray(seriesCount)
            + Footprint.doubleArray((long) seriesCount * CHUNK)
            + Footprint.intArray((long) targets.count * CHUNK)
            + Footprint.longArray(CHUNK);
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

  /**
   * The integer counts and histograms tallied so far (call between blocks), for another machine to
   * add: see {@link #add(TallyCounts)}.
   */
  TallyCounts counts() {
    TallyCounts.Bins[] bins = new TallyCounts.Bins[seriesHistograms.length];
    for (int s = 0; s < bins.length; s++) {
      bins[s] = seriesHistograms[s].sparse();
    }
    TallyCounts.Counts[] counts = new TallyCounts.Counts[countHistograms.length];
    for (int t = 0; t < counts.length; t++) {
      counts[t] = countHistograms[t] == null ? null : countHistograms[t].sparse();
    }
    return new TallyCounts(
        hits.clone(),
        jointHits.clone(),
        hitPaths.clone(),
        jointHitPaths.clone(),
        totalWeight,
        clampedPaths,
        bins,
        counts);
  }

  /** Adds the counts of {@code other}, a tally of the same model (call between blocks). */
  void add(Tally other) {
    add(other.counts());
  }

  /**
   * Adds counts tallied elsewhere on the same model: integers, so the totals are the same whichever
   * machine counted which block.
   *
   * @throws IllegalArgumentException if the counts do not fit this tally's model
   */
  void add(TallyCounts other) {
    if (other.hits().length != hits.length
        || other.jointHits().length != jointHits.length
        || other.hitPaths().length != hitPaths.length
        || other.jointHitPaths().length != jointHitPaths.length
        || other.series().length != seriesHistograms.length
        || other.countHistograms().length != countHistograms.length) {
      throw new IllegalArgumentException("counts of another model cannot be added");
    }
    addInto(hits, other.hits());
    addInto(jointHits, other.jointHits());
    addInto(hitPaths, other.hitPaths());
    addInto(jointHitPaths, other.jointHitPaths());
    totalWeight += other.totalWeight();
    clampedPaths += other.clampedPaths();
    for (int s = 0; s < seriesHistograms.length; s++) {
      seriesHistograms[s].addAll(other.series()[s]);
    }
    for (int t = 0; t < countHistograms.length; t++) {
      TallyCounts.Counts c = other.countHistograms()[t];
      if ((c == null) != (countHistograms[t] == null)) {
        throw new IllegalArgumentException("target " + t + "'s count histogram does not match");
      }
      if (c != null) {
        countHistograms[t].addAll(c);
      }
    }
  }

  private static void addInto(long[] into, long[] add) {
    for (int i = 0; i < into.length; i++) {
      into[i] += add[i];
    }
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
      if (weights.weighted) {
        seriesHistograms[s].addAll(seriesBuffer, s * CHUNK, s * CHUNK + buffered, weightBuffer);
      } else {
        seriesHistograms[s].addAll(seriesBuffer, s * CHUNK, s * CHUNK + buffered);
      }
    }
    for (int t : countTargets) {
      CountHistogram h = countHistograms[t];
      int from = t * CHUNK;
      for (int i = 0; i < buffered; i++) {
        h.add(countBuffer[from + i], weightBuffer[i]);
      }
    }
    buffered = 0;
  }

  @Override
  public void onLogState(double[] logValue, double[] ownTerm, double[] ownSd) {
    this.logValue = logValue;
    this.ownTerm = ownTerm;
    this.ownSd = ownSd;
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
        valueNow[t] = value;
        shortfallNow[t] = Math.max(0.0, threshold - value);
        int c = conditionalCell[t];
        if (c >= 0) {
          conditionalNow[t] = conditional(c, threshold, value - cellValues[c], hit);
        }
      } else {
        int count = countOf(t, groupValues);
        double threshold =
            targets.countCells[t] != null ? targets.threshold[t] : targets.minCount[t];
        hit = targets.strict[t] ? count > threshold : count >= threshold;
        countNow[t] = count;
        valueNow[t] = count;
        shortfallNow[t] = Math.max(0.0, threshold - count);
      }
      hitNow[t] = hit;
    }
  }

  /**
   * P(hit | everything but cell c's last own shock): the group's total is {@code rest + exp(a + s
   * Z)} with {@code a} the cell's log value without the shock.
   */
  private double conditional(int c, double threshold, double rest, boolean hit) {
    if (ownSd == null) {
      throw new IllegalStateException("a sink wrapping a tally must pass on onLogState");
    }
    double s = ownSd[c];
    double gap = threshold - rest;
    if (gap <= 0.0) {
      return 1.0; // the other cells reach the threshold alone
    }
    if (!(s > 0.0)) {
      return hit ? 1.0 : 0.0; // nothing left to integrate on this path
    }
    return NormalCdf.fast((logValue[c] - ownTerm[c] - Math.log(gap)) / s);
  }

  /** A count target's count, or a chains-above target's number of chains above its level. */
  private int countOf(int t, double[] groupValues) {
    int count = 0;
    if (targets.countCells[t] != null) {
      final int[] counts = pathCounts;
      for (int slot : countSlots[t]) {
        count += counts[slot];
      }
    } else {
      double level = targets.level[t];
      for (int g : targets.countedGroups[t]) {
        count += groupValues[g] >= level ? 1 : 0;
      }
    }
    return count;
  }

  @Override
  public void onWeight(double logWeight) {
    pathLogWeight = logWeight;
  }

  @Override
  public void onPathEnd() {
    // Every target's year is recorded on every path, so hitNow holds this path's flags.
    final PathWeights weights = this.weights;
    double w = weights.relative(pathLogWeight);
    long fixed = weights.fixed(w);
    clampedPaths += weights.clamped(pathLogWeight) ? 1 : 0;
    pathLogWeight = 0.0;
    final double[] sums = this.blockSums;
    final int targetCount = hitNow.length;
    for (int t = 0; t < targetCount; t++) {
      boolean hit = hitNow[t];
      hits[t] += hit ? fixed : 0;
      hitPaths[t] += hit ? 1 : 0;
      sums[4 * t] += valueNow[t] * w;
      sums[4 * t + 1] += shortfallNow[t] * w;
      sums[4 * t + 2] += hit ? w : 0.0;
      sums[4 * t + 3] += hit ? w * w : 0.0;
      if (values) {
        countBuffer[t * CHUNK + buffered] = countNow[t]; // binned with the chunk (see flush)
      }
    }
    if (anyConditional) {
      final int[] cells = conditionalCell;
      final double[] p = conditionalNow;
      final double w2 = w * w;
      for (int t = 0, k = conditionalBase; t < targetCount; t++, k += 3) {
        if (cells[t] >= 0) {
          double pt = p[t];
          sums[k] += w * pt;
          sums[k + 1] += w2 * pt;
          sums[k + 2] += w2 * pt * pt;
        }
      }
    }
    final int[][] joints = targets.jointTargets;
    int base = 4 * targetCount;
    for (int j = 0; j < joints.length; j++) {
      boolean all = true;
      for (int t : joints[j]) {
        all &= hitNow[t];
      }
      jointHits[j] += all ? fixed : 0;
      jointHitPaths[j] += all ? 1 : 0;
      sums[base + 2 * j] += all ? w : 0.0;
      sums[base + 2 * j + 1] += all ? w * w : 0.0;
    }
    int last = totalsBase;
    sums[last] += w;
    sums[last + 1] += w * w;
    totalWeight += fixed;
    if (values) {
      weightBuffer[buffered] = fixed;
      if (++buffered == CHUNK) {
        flush();
      }
    }
  }
}
