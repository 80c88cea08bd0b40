package chaincast.engine;

/**
 * Draws of a counting process by inversion: the count arrived by a year is a monotone function of
 * one uniform, so a higher rate on the same uniform never gives fewer arrivals (which keeps
 * common-random-number comparisons tight), and a path costs one table search per count cell.
 *
 * <p>Law: yearly arrivals are Poisson with a rate {@code lambda} drawn once per path from a gamma
 * distribution with shape {@code r} and mean {@code m} (scale {@code theta = m / r}). Arrivals over
 * {@code n} years are then negative binomial: {@code P(N = k) = C(k + r - 1, k) p^r (1-p)^k} with
 * {@code p = 1 / (1 + n theta)}; with {@code r = 0} the rate is known and they are {@code Poisson(n
 * m)}. Given {@code N} arrivals in the first {@code n} years the rate is gamma with shape {@code r
 * + N} and scale {@code theta / (1 + n theta)}, so the arrivals of a later span are again negative
 * binomial with those parameters: that is how a path's counts in several target years stay one
 * consistent path.
 *
 * <p>Exact at every mean and shape: the inversion sums the pmf recursion {@link #nextPmf} from
 * {@code pmf(0)} when {@code pmf(0)} is a normal double of at least {@value #MIN_START}. Past that
 * ({@code e^-lambda} underflows once the Poisson mean passes about 708, {@code p^r} once {@code r
 * ln(1/p)} does; before, the draws of such laws were biased, then all {@code floor(mean) + 1}) the
 * recursion starts at the mode with weight 1, walks down to where the lower tail is below {@link
 * CountTable#TAIL} of the total, sums up from there to where the upper tail is, and inverts {@code
 * u} times that total: normalising by the sum makes the start's scale cancel, so no log-gamma and
 * no absolute {@code pmf(0)} is needed. Both tails are bounded by geometric series, because the
 * ratio {@code pmf(k + 1) / pmf(k)} is monotone in {@code k} (Poisson, and negative binomial for
 * {@code r >= 1}; for {@code r < 1} it is below {@code q}). Why inversion rather than a rejection
 * sampler (PTRS, or Commons RNG's): a rejection sampler uses a random number of uniforms and is not
 * monotone in one, which would loosen common-random-number comparisons and break the conditional
 * later-span draws above; inversion keeps both and is exact by construction.
 */
final class CountDraws {
  /**
   * Smallest {@code pmf(0)} a recursion starts from: far enough above the subnormal range
   * (2.2e-308) that the start has full precision. Laws whose {@code pmf(0)} is at least this draw
   * exactly as before (bit for bit).
   */
  static final double MIN_START = 1e-300;

  private CountDraws() {}

  /**
   * {@code P(N = 0)} over a span with mean arrivals {@code mean}: negative binomial, or Poisson for
   * shape 0.
   */
  static double firstPmf(double shape, double mean) {
    if (shape > 0) {
      double pSuccess = shape / (shape + mean);
      return Math.exp(shape * Math.log(pSuccess));
    }
    return Math.exp(-mean);
  }

  /**
   * {@code pmf(k + 1)} from {@code pmf(k)}: times {@code (shape + k) / (k + 1) * q} (negative
   * binomial, {@code q = 1 - p}) or {@code q / (k + 1)} (Poisson, {@code q} = the mean). One method
   * for every user, so a recursion restarted from a stored point repeats the same arithmetic bit
   * for bit.
   */
  static double nextPmf(double pmf, double shape, double q, int k) {
    return pmf * (shape > 0 ? (shape + k) / (k + 1) * q : q / (k + 1));
  }

  /** {@code pmf(k + 1) / pmf(k)}. */
  private static double ratio(double shape, double q, int k) {
    return shape > 0 ? (shape + k) / (k + 1) * q : q / (k + 1);
  }

  /**
   * Whether a recursion at count {@code k} (with {@code pmf} there and {@code total} summed so far,
   * both on the same scale) may stop: the rest of the upper tail is below {@link CountTable#TAIL}
   * of the total. The rest is at most {@code pmf * rho / (1 - rho)} with {@code rho} the largest
   * ratio beyond {@code k}: {@code ratio(k)} where the ratio falls with {@code k} (Poisson, shape
   * at least 1), {@code q} where it rises towards it (shape below 1).
   */
  static boolean upperTailDone(double shape, double q, int k, double pmf, double total) {
    if (k >= Integer.MAX_VALUE - 1) {
      return true;
    }
    double rho = shape > 0 && shape < 1 ? q : ratio(shape, q, k);
    return rho < 1 && pmf * rho <= CountTable.TAIL * total * (1 - rho);
  }

  /** A mode of the law: the first k whose ratio is below 1. */
  static int mode(double shape, double q, double mean) {
    double guess = shape > 0 ? (shape > 1 ? mean - mean / shape : 0) : mean;
    int m = (int) Math.min(Integer.MAX_VALUE - 2, Math.floor(guess));
    while (m < Integer.MAX_VALUE - 2 && ratio(shape, q, m) >= 1) {
      m++;
    }
    while (m > 0 && ratio(shape, q, m - 1) < 1) {
      m--;
    }
    return m;
  }

  /**
   * Where a recursion started at the mode with weight 1 may start its sum: walking down, the first
   * count whose lower tail (at most {@code w / (ratio(k - 1) - 1)}, since the ratio only grows
   * downwards) is below {@link CountTable#TAIL} of the mode's weight, with its weight.
   */
  static Start lowerStart(double shape, double q, int mode) {
    int k = mode;
    double w = 1.0;
    while (k > 0) {
      double rho = ratio(shape, q, k - 1);
      if (rho > 1 && w <= CountTable.TAIL * (rho - 1)) {
        break;
      }
      w /= rho;
      k--;
    }
    return new Start(k, w);
  }

  /** Where a recursion starts: its count and its (possibly unnormalised) pmf there. */
  record Start(int count, double pmf) {}

  /**
   * Arrivals over a later span of {@code years} years given {@code arrived} arrivals over the first
   * {@code before} years (see the class comment), by sequential inversion of {@code u}.
   */
  static int conditionalInverse(
      double meanRate, double shape, int before, int arrived, int years, double u) {
    double mean;
    double p0;
    double q;
    double a;
    if (shape > 0) {
      double theta = meanRate / shape;
      double scale = theta / (1 + before * theta);
      a = shape + arrived;
      double pSuccess = 1 / (1 + years * scale);
      p0 = Math.exp(a * Math.log(pSuccess));
      q = 1 - pSuccess;
      mean = a * years * scale;
    } else {
      a = 0;
      mean = meanRate * years;
      p0 = Math.exp(-mean);
      q = mean;
    }
    if (!(mean > 0)) {
      return 0;
    }
    if (!(p0 >= MIN_START)) {
      return fromMode(a, q, mean, u);
    }
    double pmf = p0;
    double cdf = p0;
    int k = 0;
    while (u >= cdf && pmf > 0) {
      pmf *= shape > 0 ? (a + k) / (k + 1) * q : q / (k + 1);
      k++;
      cdf += pmf;
    }
    return k;
  }

  /**
   * Inversion where {@code pmf(0)} is too small to start from: weights relative to the mode, summed
   * once for the total, then again up to {@code u} times it (see the class comment).
   */
  private static int fromMode(double shape, double q, double mean, double u) {
    Start start = lowerStart(shape, q, mode(shape, q, mean));
    int k = start.count();
    double pmf = start.pmf();
    double total = pmf;
    while (!upperTailDone(shape, q, k, pmf, total)) {
      pmf = nextPmf(pmf, shape, q, k);
      k++;
      total += pmf;
    }
    int last = k;
    double target = u * total;
    k = start.count();
    pmf = start.pmf();
    double cdf = pmf;
    while (cdf <= target && k < last) {
      pmf = nextPmf(pmf, shape, q, k);
      k++;
      cdf += pmf;
    }
    return k;
  }
}
