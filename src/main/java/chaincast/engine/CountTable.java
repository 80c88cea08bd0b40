package chaincast.engine;

import java.util.Arrays;

/**
 * The cumulative law of a count cell's arrivals over its first span, {@code P(N <= k)} for k from 0
 * to {@link #last()}, for inversion (see {@link CountDraws} for the law), in bounded memory.
 *
 * <p>The law is the sequence of the pmf recursion {@link CountDraws#nextPmf} summed from 0; it
 * stops where the upper tail is below 1e-15, or at {@link #MAX_COUNT} (the most arrivals a span
 * draws), or where the pmf underflows far in the tail. The first {@value #DENSE} cumulative values
 * are stored with a guide table (Chen and Asau), so the usual draw is a step or two. Past them only
 * every {@value #STRIDE}th point of the recursion is stored (its pmf and cumulative value); a draw
 * that lands there restarts the recursion at the checkpoint below it and repeats at most {@value
 * #STRIDE} steps. The recursion is the same arithmetic in the same order, so every draw is bit for
 * bit the one a full table would give. Why: a full table of a large, uncertain rate (say 10 000 a
 * year with gamma shape 1e-6) held 65 536 doubles and as many ints, 768 KiB per count cell and run;
 * this holds at most about 80 KiB.
 */
final class CountTable {
  /**
   * Tables stop where the upper tail is below this (a uniform never lands beyond it in practice).
   */
  static final double TAIL = 1e-15;

  /** Most arrivals over one span: the logical table has at most this many entries past 0. */
  static final int MAX_COUNT = (1 << 16) - 1;

  /** Cumulative values stored one by one. */
  static final int DENSE = 1024;

  /** Past the dense part, one checkpoint every this many counts. */
  static final int STRIDE = 16;

  private final double shape;
  private final double q;
  private final double mean;

  /** {@code cdf[k] = P(N <= k)} for k below min(DENSE, last + 1). */
  private final double[] cdf;

  private final int[] guide;

  /** Index of the last entry of the logical table. */
  private final int last;

  /** Checkpoint j is count {@code DENSE - 1 + j * STRIDE}: its pmf and cumulative value. */
  private final double[] checkpointPmf;

  private final double[] checkpointCdf;

  private CountTable(
      double shape, double q, double mean, double[] cdf, int last, double[] pmf, double[] cum) {
    this.shape = shape;
    this.q = q;
    this.mean = mean;
    this.cdf = cdf;
    this.guide = guide(cdf);
    this.last = last;
    this.checkpointPmf = pmf;
    this.checkpointCdf = cum;
  }

  /**
   * The law of the arrivals over {@code years} years at mean yearly rate {@code meanRate} with
   * gamma shape {@code shape}.
   */
  static CountTable of(double meanRate, double shape, int years) {
    double mean = meanRate * years;
    if (!(mean > 0)) {
      return new CountTable(shape, 0, mean, new double[] {1.0}, 0, new double[0], new double[0]);
    }
    double q = shape > 0 ? 1 - shape / (shape + mean) : mean;
    double pmf = CountDraws.firstPmf(shape, mean);
    double total = pmf;
    double[] dense = new double[64];
    dense[0] = total;
    double[] cpPmf = new double[8];
    double[] cpCdf = new double[8];
    int checkpoints = 0;
    int k = 0;
    while (1 - total > TAIL && k < MAX_COUNT) {
      pmf = CountDraws.nextPmf(pmf, shape, q, k);
      k++;
      total += pmf;
      if (k < DENSE) {
        if (k == dense.length) {
          dense = Arrays.copyOf(dense, Math.min(DENSE, 2 * dense.length));
        }
        dense[k] = total;
      }
      if (k >= DENSE - 1 && (k - (DENSE - 1)) % STRIDE == 0) {
        if (checkpoints == cpPmf.length) {
          cpPmf = Arrays.copyOf(cpPmf, 2 * checkpoints);
          cpCdf = Arrays.copyOf(cpCdf, 2 * checkpoints);
        }
        cpPmf[checkpoints] = pmf;
        cpCdf[checkpoints] = total;
        checkpoints++;
      }
      if (pmf == 0 && total < 1 - TAIL && k > mean) {
        break; // underflow far in the tail
      }
    }
    return new CountTable(
        shape,
        q,
        mean,
        Arrays.copyOf(dense, Math.min(DENSE, k + 1)),
        k,
        Arrays.copyOf(cpPmf, checkpoints),
        Arrays.copyOf(cpCdf, checkpoints));
  }

  /**
   * Heap bytes of the table {@link #of(double, double, int) of(meanRate, shape, years)} would
   * build, found by running its recursion without storing it.
   */
  static long bytesOf(double meanRate, double shape, int years) {
    int k = lastOf(meanRate, shape, years);
    int dense = Math.min(DENSE, k + 1);
    int checkpoints = k >= DENSE - 1 ? (k - (DENSE - 1)) / STRIDE + 1 : 0;
    // While it is built, the dense array doubles and the checkpoint arrays double: count the
    // largest intermediate copies beside the final ones.
    return 96
        + 2 * Footprint.doubleArray(dense)
        + Footprint.intArray(dense)
        + 4
            * Footprint.doubleArray(
                Math.max(8, Integer.highestOneBit(Math.max(1, checkpoints)) * 2L));
  }

  /**
   * The {@link #last()} of the table {@link #of(double, double, int) of(meanRate, shape, years)}
   * would build: the most arrivals it draws, found by running its recursion without storing it.
   */
  static int lastOf(double meanRate, double shape, int years) {
    double mean = meanRate * years;
    int k = 0;
    if (mean > 0) {
      double q = shape > 0 ? 1 - shape / (shape + mean) : mean;
      double pmf = CountDraws.firstPmf(shape, mean);
      double total = pmf;
      while (1 - total > TAIL && k < MAX_COUNT) {
        pmf = CountDraws.nextPmf(pmf, shape, q, k);
        k++;
        total += pmf;
        if (pmf == 0 && total < 1 - TAIL && k > mean) {
          break;
        }
      }
    }
    return k;
  }

  /** Index of the last entry: the most arrivals this table draws. */
  int last() {
    return last;
  }

  /** Count of stored cumulative values (the dense part). */
  int denseLength() {
    return cdf.length;
  }

  /** The smallest k with {@code P(N <= k) > u}; {@link #last()} when u is beyond the table. */
  int inverse(double u) {
    double[] cdf = this.cdf;
    int end = cdf.length - 1;
    int k = guide[(int) (u * guide.length)];
    while (k < end && cdf[k] <= u) {
      k++;
    }
    if (cdf[k] > u || k == last) {
      return k;
    }
    return tailInverse(u);
  }

  /** Inversion past the dense part: from the checkpoint below u, the recursion step by step. */
  private int tailInverse(double u) {
    // The first checkpoint whose cumulative value is above u; the answer is at most its count.
    int j = Arrays.binarySearch(checkpointCdf, u);
    j = j >= 0 ? j + 1 : -j - 1;
    while (j < checkpointCdf.length && checkpointCdf[j] <= u) {
      j++; // equal values after a binary search hit, or a flat run
    }
    int from = Math.max(0, j - 1);
    int k = DENSE - 1 + from * STRIDE;
    double pmf = checkpointPmf[from];
    double total = checkpointCdf[from];
    while (k < last) {
      pmf = CountDraws.nextPmf(pmf, shape, q, k);
      k++;
      total += pmf;
      if (total > u) {
        return k;
      }
    }
    return last;
  }

  /**
   * A guide table for {@link #inverse} (Chen and Asau's method): {@code guide[g]} is the smallest k
   * with {@code cdf[k] > g / guide.length}, so a search starts at most a step or two before its
   * answer instead of bisecting (whose unpredictable branches cost more than the rest of a count).
   */
  private static int[] guide(double[] cdf) {
    int[] guide = new int[cdf.length];
    int k = 0;
    for (int g = 0; g < guide.length; g++) {
      double u = (double) g / guide.length;
      while (k < cdf.length - 1 && cdf[k] <= u) {
        k++;
      }
      guide[g] = k;
    }
    return guide;
  }

  /** For tests: the mean arrivals of the span. */
  double mean() {
    return mean;
  }
}
