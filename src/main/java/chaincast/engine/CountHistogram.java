package chaincast.engine;

import java.util.Arrays;

/**
 * A mergeable histogram of non-negative integer counts (a count target's sum of count cells, or how
 * many chains pass a level) in bounded memory.
 *
 * <p>Counts below {@value #EXACT} are kept one bin per count, exactly; larger ones go to a {@link
 * LogHistogram} whose fine window covers every int from {@value #EXACT} up, with bins at most 0.1%
 * wide (one count wide up to 2048). Before, one array held a bin for every count up to the largest
 * seen, so a count cell with a huge rate (say 10 000 a year with a very uncertain rate) grew it to
 * millions of bins per target and per worker thread.
 *
 * <p>Percentiles are the smallest count whose cumulative frequency reaches the rank, exact below
 * {@value #EXACT}; above, the lowest count of the bin where the rank falls (within 0.1%).
 */
final class CountHistogram {
  /** Counts below this have a bin each. */
  static final int EXACT = 1024;

  /** The log bins' window: the octaves of 2^10 to 2^31 (biased exponents 1033 to 1054). */
  private static final int LARGE_LO = 1023 + 10;

  private static final int LARGE_HI = 1023 + 32;

  private long[] exact;
  private LogHistogram large;

  /** End of the log bins' window: past the octave of the largest count possible. */
  private final int largeHi;

  /**
   * A histogram of any int counts, whose exact part starts with room for counts below {@code
   * initial}.
   */
  CountHistogram(int initial) {
    this(initial, Integer.MAX_VALUE);
  }

  /**
   * A histogram of counts up to {@code maxCount}, whose exact part starts with room for counts
   * below {@code initial}; its log bins reach only as far as {@code maxCount} (so its memory bound,
   * {@link #maxBytes(int)}, is that of the counts it can see).
   */
  CountHistogram(int initial, int maxCount) {
    exact = new long[Math.max(1, Math.min(EXACT, initial))];
    largeHi = largeHi(maxCount);
  }

  private static int largeHi(int maxCount) {
    return Math.min(
        LARGE_HI, Math.max(LARGE_LO + 1, LogHistogram.exponent(Math.max(0, maxCount)) + 1));
  }

  /**
   * Most heap bytes a histogram of counts up to {@code maxCount} holds: the exact part as far as it
   * can grow and every log page. No count falls outside the log window, so no coarse bins.
   */
  static long maxBytes(int maxCount) {
    long exactBytes = Footprint.longArray(Math.min(EXACT, Math.max(64, (long) maxCount + 1)));
    if (maxCount < EXACT) {
      return 64 + exactBytes;
    }
    int octaves = largeHi(maxCount) - LARGE_LO;
    // While the exact part grows, the old copy is alive beside the new one.
    return 64
        + 2 * exactBytes
        + 48
        + Footprint.refArray(octaves)
        + octaves * LogHistogram.PAGE_BYTES;
  }

  /** Counts one path's count (&gt;= 0). */
  void add(int count) {
    add(count, 1);
  }

  /**
   * Counts one path's count (&gt;= 0) with the path's weight (fixed-point, {@link PathWeights}).
   */
  void add(int count, long weight) {
    if (count < exact.length) {
      exact[count] += weight;
    } else if (count < EXACT) {
      exact = Arrays.copyOf(exact, Math.min(EXACT, Math.max(2 * exact.length, count + 1)));
      exact[count] += weight;
    } else {
      if (large == null) {
        large = new LogHistogram(LARGE_LO, largeHi);
      }
      large.add(count, weight);
    }
  }

  /** Adds every count of {@code other}. */
  void addAll(CountHistogram other) {
    if (other.exact.length > exact.length) {
      exact = Arrays.copyOf(exact, other.exact.length);
    }
    for (int k = 0; k < other.exact.length; k++) {
      exact[k] += other.exact[k];
    }
    if (other.large != null) {
      if (large == null) {
        large = new LogHistogram(LARGE_LO, other.largeHi);
      }
      large.addAll(other.large);
    }
  }

  /** The non-zero bins, for another machine to add (see {@link #addAll(TallyCounts.Counts)}). */
  TallyCounts.Counts sparse() {
    int n = 0;
    for (long c : exact) {
      n += c != 0 ? 1 : 0;
    }
    int[] indexes = new int[n];
    long[] weights = new long[n];
    int i = 0;
    for (int k = 0; k < exact.length; k++) {
      if (exact[k] != 0) {
        indexes[i] = k;
        weights[i++] = exact[k];
      }
    }
    return new TallyCounts.Counts(
        exact.length, indexes, weights, large == null ? null : large.sparse());
  }

  /** Adds another machine's histogram of the same target: as {@link #addAll(CountHistogram)}. */
  void addAll(TallyCounts.Counts other) {
    int length = other.exactLength();
    if (length < 1 || length > EXACT) {
      throw new IllegalArgumentException("exact part length out of range: " + length);
    }
    if (length > exact.length) {
      exact = Arrays.copyOf(exact, length);
    }
    int[] indexes = other.exactIndexes();
    long[] weights = other.exactWeights();
    for (int k = 0; k < indexes.length; k++) {
      if (indexes[k] < 0 || indexes[k] >= length) {
        throw new IllegalArgumentException("count out of the exact part: " + indexes[k]);
      }
      exact[indexes[k]] += weights[k];
    }
    if (other.large() != null) {
      if (large == null) {
        large = new LogHistogram(LARGE_LO, largeHi);
      }
      large.addAll(other.large());
    }
  }

  /**
   * The smallest count whose cumulative frequency reaches {@code percentile / 100 * paths} ({@code
   * paths}: the total weight added, for weighted paths) (no interpolation between counts); above
   * {@value #EXACT}, the lowest count of the bin it falls in.
   */
  double percentile(long paths, double percentile) {
    double rank = percentile / 100.0 * paths;
    long cumulative = 0;
    for (int k = 0; k < exact.length; k++) {
      cumulative += exact[k];
      if (cumulative > 0 && cumulative >= rank) {
        return k;
      }
    }
    if (large == null || large.count() == 0) {
      return exact.length - 1;
    }
    double[] bin = large.binAtRank(rank - cumulative);
    if (bin == null) {
      return large.max();
    }
    return Math.max(large.min(), Math.min(large.max(), Math.ceil(bin[0])));
  }
}
