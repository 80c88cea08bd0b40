package chaincast.engine;

import java.util.Arrays;

/**
 * A mergeable histogram of non-negative doubles with logarithmic bins, for
 * percentiles over any number of paths in bounded memory.
 *
 * <p>A value's bin is the top {@value #MANTISSA_BITS} mantissa bits and the
 * exponent of its IEEE-754 representation, i.e. {@code bits >>> 42}: a
 * monotone key, so the bins tile [0, +inf] in order with a relative width of at
 * most 2^-10 (0.098 %) at every scale, with no window, reference or
 * under/overflow bins to choose. Bins live in pages of 1024 (one per binary
 * exponent), allocated on first use: a distribution spanning k octaves costs k
 * pages of 8 KiB.
 *
 * <p>Counts are integers, and the smallest and largest values are kept
 * exactly, so merging histograms gives the same result in any order.
 * Percentiles interpolate linearly inside the bin where the cumulative count
 * crosses the rank, and are clamped to [min, max] (a constant gives exactly
 * that constant). Their error from the sample's own percentile is under one
 * bin: at most 0.098 % of the value.
 */
final class LogHistogram {

  /** Mantissa bits kept in the bin key. */
  static final int MANTISSA_BITS = 10;

  /** Upper bound of a bin's width relative to its lower edge. */
  static final double RELATIVE_RESOLUTION = 1.0 / (1 << MANTISSA_BITS);

  private static final int SHIFT = 52 - MANTISSA_BITS;
  private static final int PAGE_SIZE = 1 << MANTISSA_BITS;
  private static final int PAGES = 1 << 11;

  private final long[][] pages = new long[PAGES][];
  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Adds a value (&gt;= 0, may be +inf). */
  void add(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
    }
    // + 0.0 turns -0.0 into +0.0, whose sign bit would index past the pages.
    long bits = Double.doubleToRawLongBits(value + 0.0);
    int exponent = (int) (bits >>> 52);
    long[] page = pages[exponent];
    if (page == null) {
      page = new long[PAGE_SIZE];
      pages[exponent] = page;
    }
    page[(int) (bits >>> SHIFT) & (PAGE_SIZE - 1)]++;
    count++;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }

  /**
   * Adds {@code values[from, to)}. Faster than one {@link #add} per value when
   * many come at once: the bins touched stay in the L1 cache.
   */
  void addAll(double[] values, int from, int to) {
    double lo = min;
    double hi = max;
    for (int i = from; i < to; i++) {
      double value = values[i];
      if (!(value >= 0)) {
        throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
      }
      long bits = Double.doubleToRawLongBits(value + 0.0);
      int exponent = (int) (bits >>> 52);
      long[] page = pages[exponent];
      if (page == null) {
        page = new long[PAGE_SIZE];
        pages[exponent] = page;
      }
      page[(int) (bits >>> SHIFT) & (PAGE_SIZE - 1)]++;
      lo = Math.min(lo, value);
      hi = Math.max(hi, value);
    }
    count += Math.max(0, to - from);
    min = lo;
    max = hi;
  }

  /** Adds every count of {@code other}. */
  void addAll(LogHistogram other) {
    for (int e = 0; e < PAGES; e++) {
      long[] src = other.pages[e];
      if (src == null) {
        continue;
      }
      long[] dst = pages[e];
      if (dst == null) {
        pages[e] = src.clone();
      } else {
        for (int i = 0; i < PAGE_SIZE; i++) {
          dst[i] += src[i];
        }
      }
    }
    count += other.count;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
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

  /** Pages in use (memory is this times 8 KiB). */
  int pagesInUse() {
    return (int) Arrays.stream(pages).filter(p -> p != null).count();
  }

  /**
   * The {@code percentile}-th percentile (0 &lt; percentile &lt; 100): the
   * value where the cumulative count reaches {@code percentile / 100 * count},
   * interpolated linearly inside its bin. NaN when empty.
   */
  double percentile(double percentile) {
    if (count == 0) {
      return Double.NaN;
    }
    double rank = percentile / 100.0 * count;
    long cumulative = 0;
    for (int e = 0; e < PAGES; e++) {
      long[] page = pages[e];
      if (page == null) {
        continue;
      }
      for (int i = 0; i < PAGE_SIZE; i++) {
        long c = page[i];
        if (c == 0) {
          continue;
        }
        if (cumulative + c >= rank) {
          long key = ((long) e << MANTISSA_BITS) | i;
          double low = Double.longBitsToDouble(key << SHIFT);
          if (Double.isInfinite(low)) {
            return low;
          }
          double high = Double.longBitsToDouble((key + 1) << SHIFT);
          double fraction = Math.max(0.0, (rank - cumulative) / c);
          double value = low + fraction * (high - low);
          return Math.max(min, Math.min(max, value));
        }
        cumulative += c;
      }
    }
    return max;
  }
}
