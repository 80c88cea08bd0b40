package chaincast.engine;

import java.util.Arrays;

/**
 * The cumulative law of a count cell's arrivals over its first span, {@code P(N <= k)} for k from
 * {@link #low()} to {@link #last()}, for inversion (see {@link CountDraws} for the law and why its
 * draws are exact), in bounded memory.
 *
 * <p>The law is the sequence of the pmf recursion {@link CountDraws#nextPmf} summed from its start.
 * A law whose {@code pmf(0)} is at least {@link CountDraws#MIN_START} and whose recursion reaches
 * an upper tail below 1e-15 within {@link #MAX_COUNT} steps starts at 0 and is built as it always
 * was, so its draws are unchanged bit for bit. Any other law (a Poisson mean past about 708, a
 * large shape, or a long flat negative binomial that used to be cut at {@link #MAX_COUNT} with the
 * rest of its mass piled there) starts at 0 from {@code pmf(0)}, or, when that is too small, at the
 * lower end found from the mode ({@link CountDraws#lowerStart}), and runs to where the geometric
 * bound of its upper tail is below 1e-15 of its sum; a draw inverts {@code u} times that sum, so
 * the law is normalised whatever scale it started on.
 *
 * <p>The first {@value #DENSE} cumulative values are stored with a guide table (Chen and Asau), so
 * the usual draw is a step or two. Past them only every {@code stride}th point of the recursion is
 * stored (its pmf and cumulative value), at most {@value #MAX_CHECKPOINTS} of them: the stride
 * starts at {@value #STRIDE} and doubles (dropping every other checkpoint) whenever they would be
 * more. A draw that lands there restarts the recursion at the checkpoint below it and repeats at
 * most a stride of steps, the same arithmetic in the same order, so every draw is bit for bit the
 * one a full table would give. Why: a full table of a large, uncertain rate held 65 536 doubles and
 * as many ints, 768 KiB per count cell and run; this holds at most about 150 KiB.
 */
final class CountTable {
  /**
   * Tables stop where the upper tail is below this (a uniform never lands beyond it in practice).
   */
  static final double TAIL = 1e-15;

  /** Most steps of a law built as before (from 0, to 1 - {@link #TAIL}). */
  static final int MAX_COUNT = (1 << 16) - 1;

  /** Cumulative values stored one by one. */
  static final int DENSE = 1024;

  /** Past the dense part, one checkpoint every this many counts at first. */
  static final int STRIDE = 16;

  /** Most checkpoints stored: past them the stride doubles. */
  static final int MAX_CHECKPOINTS = 4096;

  private final double shape;
  private final double q;
  private final double mean;

  /** The first count of the law. */
  private final int low;

  /** Scale of the cumulative values: 1 for laws built as before, else their sum. */
  private final double total;

  /** {@code cdf[i] = P(N <= low + i)} (times {@link #total}) for i below min(DENSE, last + 1). */
  private final double[] cdf;

  private final int[] guide;

  /** The last count of the law. */
  private final int last;

  private final int stride;

  /** Checkpoint j is count {@code low + DENSE - 1 + j * stride}: its pmf and cumulative value. */
  private final double[] checkpointPmf;

  private final double[] checkpointCdf;

  private CountTable(
      double shape,
      double q,
      double mean,
      int low,
      double total,
      double[] cdf,
      int last,
      int stride,
      double[] pmf,
      double[] cum) {
    this.shape = shape;
    this.q = q;
    this.mean = mean;
    this.low = low;
    this.total = total;
    this.cdf = cdf;
    this.guide = guide(cdf, total);
    this.last = last;
    this.stride = stride;
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
      return new CountTable(
          shape, 0, mean, 0, 1.0, new double[] {1.0}, 0, STRIDE, new double[0], new double[0]);
    }
    double q = shape > 0 ? 1 - shape / (shape + mean) : mean;
    double p0 = CountDraws.firstPmf(shape, mean);
    if (p0 >= CountDraws.MIN_START && lastAsBefore(shape, q, mean, p0) >= 0) {
      return asBefore(shape, q, mean, p0);
    }
    return general(shape, q, mean, p0);
  }

  /**
   * A law whose recursion from {@code pmf(0)} reaches 1 - {@link #TAIL}: built as it always was.
   */
  private static CountTable asBefore(double shape, double q, double mean, double pmf) {
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
        0,
        1.0,
        Arrays.copyOf(dense, Math.min(DENSE, k + 1)),
        k,
        STRIDE,
        Arrays.copyOf(cpPmf, checkpoints),
        Arrays.copyOf(cpCdf, checkpoints));
  }

  /**
   * Any other law: from 0, or from the lower end found from the mode when {@code pmf(0)} is too
   * small, to where the upper tail's bound is below {@link #TAIL} of the sum (see the class
   * comment); the cumulative values are on the start's scale and a draw scales its uniform by their
   * sum.
   */
  private static CountTable general(double shape, double q, double mean, double p0) {
    CountDraws.Start start =
        p0 >= CountDraws.MIN_START
            ? new CountDraws.Start(0, p0)
            : CountDraws.lowerStart(shape, q, CountDraws.mode(shape, q, mean));
    double pmf = start.pmf();
    double total = pmf;
    double[] dense = new double[64];
    dense[0] = total;
    double[] cpPmf = new double[8];
    double[] cpCdf = new double[8];
    int checkpoints = 0;
    int stride = STRIDE;
    int k = start.count();
    int i = 0;
    while (!CountDraws.upperTailDone(shape, q, k, pmf, total)) {
      pmf = CountDraws.nextPmf(pmf, shape, q, k);
      k++;
      i++;
      total += pmf;
      if (i < DENSE) {
        if (i == dense.length) {
          dense = Arrays.copyOf(dense, Math.min(DENSE, 2 * dense.length));
        }
        dense[i] = total;
      }
      if (i >= DENSE - 1 && (i - (DENSE - 1)) % stride == 0) {
        if (checkpoints == MAX_CHECKPOINTS) { // keep every other one: the stride doubles
          for (int j = 0; 2 * j < checkpoints; j++) {
            cpPmf[j] = cpPmf[2 * j];
            cpCdf[j] = cpCdf[2 * j];
          }
          checkpoints /= 2;
          stride *= 2; // this count, DENSE - 1 + MAX_CHECKPOINTS * old stride, is still one
        }
        if (checkpoints == cpPmf.length) {
          cpPmf = Arrays.copyOf(cpPmf, 2 * checkpoints);
          cpCdf = Arrays.copyOf(cpCdf, 2 * checkpoints);
        }
        cpPmf[checkpoints] = pmf;
        cpCdf[checkpoints] = total;
        checkpoints++;
      }
    }
    return new CountTable(
        shape,
        q,
        mean,
        start.count(),
        total,
        Arrays.copyOf(dense, Math.min(DENSE, i + 1)),
        k,
        stride,
        Arrays.copyOf(cpPmf, checkpoints),
        Arrays.copyOf(cpCdf, checkpoints));
  }

  /**
   * The last count of a law built as before, or -1 when its recursion from {@code pmf(0)} does not
   * reach 1 - {@link #TAIL} (cut at {@link #MAX_COUNT}, or underflowing first).
   */
  private static int lastAsBefore(double shape, double q, double mean, double pmf) {
    double total = pmf;
    int k = 0;
    while (1 - total > TAIL && k < MAX_COUNT) {
      pmf = CountDraws.nextPmf(pmf, shape, q, k);
      k++;
      total += pmf;
      if (pmf == 0 && total < 1 - TAIL && k > mean) {
        break;
      }
    }
    return 1 - total > TAIL ? -1 : k;
  }

  /**
   * Heap bytes of the table {@link #of(double, double, int) of(meanRate, shape, years)} would
   * build: for a law built as before, found by running its recursion without storing it; for any
   * other, the most its arrays can hold.
   */
  static long bytesOf(double meanRate, double shape, int years) {
    double mean = meanRate * years;
    int k = 0;
    if (mean > 0) {
      double q = shape > 0 ? 1 - shape / (shape + mean) : mean;
      double p0 = CountDraws.firstPmf(shape, mean);
      k = p0 >= CountDraws.MIN_START ? lastAsBefore(shape, q, mean, p0) : -1;
    }
    if (k < 0) {
      return 96
          + 2 * Footprint.doubleArray(DENSE)
          + Footprint.intArray(DENSE)
          + 4 * Footprint.doubleArray(MAX_CHECKPOINTS);
    }
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
   * would build: the most arrivals it draws (for a law built as before, found by running its
   * recursion without storing it).
   */
  static int lastOf(double meanRate, double shape, int years) {
    double mean = meanRate * years;
    if (!(mean > 0)) {
      return 0;
    }
    double q = shape > 0 ? 1 - shape / (shape + mean) : mean;
    double p0 = CountDraws.firstPmf(shape, mean);
    int k = p0 >= CountDraws.MIN_START ? lastAsBefore(shape, q, mean, p0) : -1;
    return k >= 0 ? k : general(shape, q, mean, p0).last();
  }

  /** The most arrivals this table draws. */
  int last() {
    return last;
  }

  /** The fewest arrivals this table draws (0 unless the law's lower tail was cut). */
  int low() {
    return low;
  }

  /** Count of stored cumulative values (the dense part). */
  int denseLength() {
    return cdf.length;
  }

  /** The smallest k with {@code P(N <= k) > u}; {@link #last()} when u is beyond the table. */
  int inverse(double u) {
    double t = u * total; // exactly u for laws built as before
    double[] cdf = this.cdf;
    int end = cdf.length - 1;
    int k = guide[(int) (u * guide.length)];
    while (k < end && cdf[k] <= t) {
      k++;
    }
    if (cdf[k] > t || low + k == last) {
      return low + k;
    }
    return tailInverse(t);
  }

  /** Inversion past the dense part: from the checkpoint below t, the recursion step by step. */
  private int tailInverse(double t) {
    // The first checkpoint whose cumulative value is above t; the answer is at most its count.
    int j = Arrays.binarySearch(checkpointCdf, t);
    j = j >= 0 ? j + 1 : -j - 1;
    while (j < checkpointCdf.length && checkpointCdf[j] <= t) {
      j++; // equal values after a binary search hit, or a flat run
    }
    int from = Math.max(0, j - 1);
    int k = low + DENSE - 1 + from * stride;
    double pmf = checkpointPmf[from];
    double total = checkpointCdf[from];
    while (k < last) {
      pmf = CountDraws.nextPmf(pmf, shape, q, k);
      k++;
      total += pmf;
      if (total > t) {
        return k;
      }
    }
    return last;
  }

  /**
   * A guide table for {@link #inverse} (Chen and Asau's method): {@code guide[g]} is the smallest i
   * with {@code cdf[i] > g / guide.length} (times the scale), so a search starts at most a step or
   * two before its answer instead of bisecting (whose unpredictable branches cost more than the
   * rest of a count).
   */
  private static int[] guide(double[] cdf, double scale) {
    int[] guide = new int[cdf.length];
    int k = 0;
    for (int g = 0; g < guide.length; g++) {
      double u = (double) g / guide.length * scale;
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
