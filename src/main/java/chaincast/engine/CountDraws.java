package chaincast.engine;

import org.apache.commons.math3.special.Gamma;

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
 */
final class CountDraws {
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
    if (p0 == 0) {
      // Far from zero: start the recursion in log space at the mode instead.
      return logSpaceInverse(a, q, mean, shape > 0, u);
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

  /** Inversion for large means where pmf(0) underflows: sums pmfs computed with log-gamma. */
  private static int logSpaceInverse(
      double a, double q, double mean, boolean negativeBinomial, double u) {
    double cdf = 0;
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, mean + 50 * Math.sqrt(mean + 1) + 1000);
    for (int k = 0; k < limit; k++) {
      double logPmf =
          negativeBinomial
              ? Gamma.logGamma(a + k)
                  - Gamma.logGamma(a)
                  - Gamma.logGamma(k + 1.0)
                  + a * Math.log1p(-q)
                  + k * Math.log(q)
              : -mean + k * Math.log(mean) - Gamma.logGamma(k + 1.0);
      cdf += Math.exp(logPmf);
      if (cdf > u) {
        return k;
      }
    }
    return limit;
  }
}
