package chaincast.engine;

import java.util.Arrays;

/**
 * A mergeable histogram of non-negative doubles with logarithmic bins, for percentiles over any
 * number of paths in bounded memory.
 *
 * <p>A value's bin is the top {@value #MANTISSA_BITS} mantissa bits and the exponent of its
 * IEEE-754 representation, i.e. {@code bits >>> 42}: a monotone key, so the bins tile [0, +inf] in
 * order with a relative width of at most 2^-10 (0.098 %) at every scale. Bins live in pages of 1024
 * (one per binary exponent, i.e. per octave), allocated on first use.
 *
 * <h2>Window</h2>
 *
 * Only the octaves of a fixed <em>window</em>, chosen before any value arrives (see {@link
 * SeriesWindows}), get pages; a value outside it is counted in one coarse bin per octave. So a
 * histogram never holds more than {@link #maxBytes(int) maxBytes(window)} however wide the values
 * spread (a Student-t path far in the tail used to cost a fresh 8 KiB page per octave it reached).
 * The window is a function of the projection only, never of the data, so every worker's histogram
 * has the same one and merging stays exact and order-independent. A percentile inside the window is
 * within one fine bin of the sample percentile; one in the coarse tails is within its octave.
 *
 * <p>Counts are integers ({@code int}: a run is at most {@link MonteCarloEngine#MAX_RUN_PATHS}
 * paths), and the smallest and largest values are kept exactly, so merging histograms gives the
 * same result in any order. Percentiles interpolate linearly inside the bin where the cumulative
 * count crosses the rank, and are clamped to [min, max] (a constant gives exactly that constant).
 */
final class LogHistogram {

  /** Mantissa bits kept in the bin key. */
  static final int MANTISSA_BITS = 10;

  /** Upper bound of a bin's width relative to its lower edge. */
  static final double RELATIVE_RESOLUTION = 1.0 / (1 << MANTISSA_BITS);

  /** Biased binary exponents of a double: 0 (zero, subnormals) to 2047 (inf, NaN). */
  static final int EXPONENTS = 1 << 11;

  private static final int SHIFT = 52 - MANTISSA_BITS;
  private static final int PAGE_SIZE = 1 << MANTISSA_BITS;

  /** Heap bytes of one fine page ({@code long[1024]} with its array header). */
  static final long PAGE_BYTES = Footprint.longArray(PAGE_SIZE);

  /** First exponent of the fine window. */
  private final int lo;

  /** Fine pages of exponents {@code [lo, lo + pages.length)}, allocated on first use. */
  private final long[][] pages;

  /** Per exponent, the values outside the window; allocated on the first such value. */
  private long[] coarse;

  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** A histogram with every octave fine (for tests and small, bounded uses). */
  LogHistogram() {
    this(0, EXPONENTS);
  }

  /**
   * A histogram whose fine window is the exponents {@code [lo, hi)}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= lo < hi <= 2048}
   */
  LogHistogram(int lo, int hi) {
    if (lo < 0 || hi > EXPONENTS || lo >= hi) {
      throw new IllegalArgumentException(
          "window must be within [0, 2048) and not empty, got [" + lo + ", " + hi + ")");
    }
    this.lo = lo;
    this.pages = new long[hi - lo][];
  }

  /**
   * Most heap bytes a histogram with a window of {@code octaves} octaves can hold: every fine page,
   * the coarse array, the page table and the object itself.
   */
  static long maxBytes(int octaves) {
    return 48 + Footprint.refArray(octaves) + octaves * PAGE_BYTES + Footprint.longArray(EXPONENTS);
  }

  /** The biased exponent (the octave) of a non-negative double. */
  static int exponent(double value) {
    return (int) (Double.doubleToRawLongBits(value + 0.0) >>> 52);
  }

  /** Adds a value (&gt;= 0, may be +inf). */
  void add(double value) {
    add(value, 1);
  }

  /** Adds a value (&gt;= 0, may be +inf) with a weight (&gt;= 0; 0 adds nothing). */
  void add(double value, long weight) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
    }
    if (weight == 0) {
      return;
    }
    bin(Double.doubleToRawLongBits(value + 0.0), weight);
    count += weight;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }

  /**
   * Counts one value by its bits (+0.0 for zero: -0.0's sign bit would index past the exponents).
   */
  private void bin(long bits, long weight) {
    int e = (int) (bits >>> 52);
    int i = e - lo;
    if (i >= 0 && i < pages.length) {
      long[] page = pages[i];
      if (page == null) {
        page = new long[PAGE_SIZE];
        pages[i] = page;
      }
      page[(int) (bits >>> SHIFT) & (PAGE_SIZE - 1)] += weight;
    } else {
      if (coarse == null) {
        coarse = new long[EXPONENTS];
      }
      coarse[e] += weight;
    }
  }

  /**
   * Adds {@code values[from, to)}. Faster than one {@link #add} per value when many come at once:
   * the bins touched stay in the L1 cache.
   */
  void addAll(double[] values, int from, int to) {
    double low = min;
    double high = max;
    for (int i = from; i < to; i++) {
      double value = values[i];
      if (!(value >= 0)) {
        throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
      }
      bin(Double.doubleToRawLongBits(value + 0.0), 1);
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    count += Math.max(0, to - from);
    min = low;
    max = high;
  }

  /**
   * Adds {@code values[from, to)} with the weights {@code weights[0, to - from)} (fixed-point, see
   * {@link PathWeights}): the bins and the count hold weight sums, so the percentiles are those of
   * the weighted paths. A value of weight 0 is not counted (nor does it move the min or max).
   */
  void addAll(double[] values, int from, int to, long[] weights) {
    double low = min;
    double high = max;
    long added = 0;
    for (int i = from; i < to; i++) {
      double value = values[i];
      if (!(value >= 0)) {
        throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
      }
      long w = weights[i - from];
      if (w == 0) {
        continue;
      }
      bin(Double.doubleToRawLongBits(value + 0.0), w);
      added += w;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    count += added;
    min = low;
    max = high;
  }

  /**
   * Adds every count of {@code other}.
   *
   * @throws IllegalArgumentException if the windows differ (histograms of one series share one)
   */
  void addAll(LogHistogram other) {
    if (other.lo != lo || other.pages.length != pages.length) {
      throw new IllegalArgumentException("histograms with different windows cannot be merged");
    }
    for (int i = 0; i < pages.length; i++) {
      long[] src = other.pages[i];
      if (src == null) {
        continue;
      }
      long[] dst = pages[i];
      if (dst == null) {
        pages[i] = src.clone();
      } else {
        for (int b = 0; b < PAGE_SIZE; b++) {
          dst[b] += src[b];
        }
      }
    }
    if (other.coarse != null) {
      if (coarse == null) {
        coarse = other.coarse.clone();
      } else {
        for (int e = 0; e < EXPONENTS; e++) {
          coarse[e] += other.coarse[e];
        }
      }
    }
    count += other.count;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /** The non-zero bins, for another machine to add (see {@link #addAll(TallyCounts.Bins)}). */
  TallyCounts.Bins sparse() {
    int fine = 0;
    for (long[] page : pages) {
      if (page != null) {
        for (long c : page) {
          fine += c != 0 ? 1 : 0;
        }
      }
    }
    int[] keys = new int[fine];
    long[] counts = new long[fine];
    int n = 0;
    for (int i = 0; i < pages.length; i++) {
      long[] page = pages[i];
      for (int b = 0; page != null && b < PAGE_SIZE; b++) {
        if (page[b] != 0) {
          keys[n] = ((lo + i) << MANTISSA_BITS) | b;
          counts[n++] = page[b];
        }
      }
    }
    int coarseBins = 0;
    for (int e = 0; coarse != null && e < EXPONENTS; e++) {
      coarseBins += coarse[e] != 0 ? 1 : 0;
    }
    int[] exponents = new int[coarseBins];
    long[] coarseCounts = new long[coarseBins];
    int m = 0;
    for (int e = 0; coarse != null && e < EXPONENTS; e++) {
      if (coarse[e] != 0) {
        exponents[m] = e;
        coarseCounts[m++] = coarse[e];
      }
    }
    return new TallyCounts.Bins(count, min, max, keys, counts, exponents, coarseCounts);
  }

  /**
   * Adds another machine's histogram of the same series, bin by bin: the same counts as {@link
   * #addAll(LogHistogram)} of that histogram, so merging stays exact and order-independent.
   *
   * @throws IllegalArgumentException if a bin lies outside this histogram's keys
   */
  void addAll(TallyCounts.Bins other) {
    int[] keys = other.fineKeys();
    long[] counts = other.fineCounts();
    for (int k = 0; k < keys.length; k++) {
      int e = keys[k] >>> MANTISSA_BITS;
      if (keys[k] < 0 || e >= EXPONENTS) {
        throw new IllegalArgumentException("histogram bin key out of range: " + keys[k]);
      }
      bin(((long) keys[k]) << SHIFT, counts[k]);
    }
    int[] exponents = other.coarseExponents();
    long[] coarseCounts = other.coarseCounts();
    for (int k = 0; k < exponents.length; k++) {
      if (exponents[k] < 0 || exponents[k] >= EXPONENTS) {
        throw new IllegalArgumentException("histogram exponent out of range: " + exponents[k]);
      }
      // A coarse bin of the sender is coarse here too: the windows are the projection's.
      if (coarse == null) {
        coarse = new long[EXPONENTS];
      }
      coarse[exponents[k]] += coarseCounts[k];
    }
    count += other.count();
    min = Math.min(min, other.min());
    max = Math.max(max, other.max());
  }

  /** Empties the histogram and drops its pages (the window stays). */
  void clear() {
    Arrays.fill(pages, null);
    coarse = null;
    count = 0;
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
  }

  long count() {
    return count;
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  /** Fine pages in use (memory is this times {@link #PAGE_BYTES}). */
  int pagesInUse() {
    int n = 0;
    for (long[] p : pages) {
      n += p == null ? 0 : 1;
    }
    return n;
  }

  /** Values counted outside the fine window. */
  long coarseCount() {
    long n = 0;
    if (coarse != null) {
      for (long c : coarse) {
        n += c;
      }
    }
    return n;
  }

  /**
   * The {@code percentile}-th percentile (0 &lt; percentile &lt; 100): the value where the
   * cumulative count reaches {@code percentile / 100 * count}, interpolated linearly inside its
   * bin. NaN when empty.
   */
  double percentile(double percentile) {
    if (count == 0) {
      return Double.NaN;
    }
    double[] bin = binAtRank(percentile / 100.0 * count);
    if (bin == null) {
      return max;
    }
    double low = bin[0];
    if (Double.isInfinite(low)) {
      return low;
    }
    double value = low + bin[2] * (bin[1] - low);
    return Math.max(min, Math.min(max, value));
  }

  /**
   * {@link #percentile} of each of {@code percentiles}, in one pass over the bins (a heavy report
   * reads 20 percentiles of hundreds of histograms, each tens of thousands of bins).
   */
  double[] percentiles(double[] percentiles) {
    double[] out = new double[percentiles.length];
    if (count == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    Integer[] order = new Integer[percentiles.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(percentiles[x], percentiles[y]));
    int next = 0;
    long cumulative = 0;
    for (int e = 0; e < EXPONENTS && next < order.length; e++) {
      int i = e - lo;
      if (i >= 0 && i < pages.length) {
        long[] page = pages[i];
        if (page == null) {
          continue;
        }
        for (int b = 0; b < PAGE_SIZE && next < order.length; b++) {
          long c = page[b];
          if (c == 0) {
            continue;
          }
          long key = ((long) e << MANTISSA_BITS) | b;
          next =
              resolve(
                  out,
                  percentiles,
                  order,
                  next,
                  cumulative,
                  c,
                  Double.longBitsToDouble(key << SHIFT),
                  Double.longBitsToDouble((key + 1) << SHIFT));
          cumulative += c;
        }
      } else if (coarse != null && coarse[e] != 0) {
        long c = coarse[e];
        next =
            resolve(
                out,
                percentiles,
                order,
                next,
                cumulative,
                c,
                Double.longBitsToDouble((long) e << 52),
                Double.longBitsToDouble((long) (e + 1) << 52));
        cumulative += c;
      }
    }
    for (; next < order.length; next++) {
      out[order[next]] = max;
    }
    return out;
  }

  /** Sets every pending percentile whose rank this bin reaches; returns the next pending one. */
  private int resolve(
      double[] out,
      double[] percentiles,
      Integer[] order,
      int next,
      long cumulative,
      long c,
      double low,
      double high) {
    while (next < order.length) {
      double rank = percentiles[order[next]] / 100.0 * count;
      if (cumulative + c < rank) {
        return next;
      }
      double value;
      if (Double.isInfinite(low)) {
        value = low;
      } else {
        double fraction = Math.max(0.0, (rank - cumulative) / c);
        value = Math.max(min, Math.min(max, low + fraction * (high - low)));
      }
      out[order[next]] = value;
      next++;
    }
    return next;
  }

  /**
   * The bin where the cumulative count first reaches {@code rank} (and is above 0): {@code {low
   * edge, high edge, fraction of the bin's count below the rank}}, or null if the rank is beyond
   * every count.
   */
  double[] binAtRank(double rank) {
    long cumulative = 0;
    for (int e = 0; e < EXPONENTS; e++) {
      int i = e - lo;
      if (i >= 0 && i < pages.length) {
        long[] page = pages[i];
        if (page == null) {
          continue;
        }
        for (int b = 0; b < PAGE_SIZE; b++) {
          long c = page[b];
          if (c == 0) {
            continue;
          }
          if (cumulative + c >= rank) {
            long key = ((long) e << MANTISSA_BITS) | b;
            return new double[] {
              Double.longBitsToDouble(key << SHIFT),
              Double.longBitsToDouble((key + 1) << SHIFT),
              Math.max(0.0, (rank - cumulative) / c)
            };
          }
          cumulative += c;
        }
      } else if (coarse != null && coarse[e] != 0) {
        long c = coarse[e];
        if (cumulative + c >= rank) {
          return new double[] {
            Double.longBitsToDouble((long) e << 52),
            Double.longBitsToDouble((long) (e + 1) << 52),
            Math.max(0.0, (rank - cumulative) / c)
          };
        }
        cumulative += c;
      }
    }
    return null;
  }
}
