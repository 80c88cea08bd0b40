package chaincast.engine;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * The two draws of a counting process: a gamma-distributed rate and Poisson arrivals by
 * inversion.
 *
 * <p>Arrivals use one uniform per year by inverting the Poisson distribution function, so the
 * count is a monotone function of that uniform: a higher rate on the same uniform never gives
 * fewer arrivals, which keeps comparisons under common random numbers tight.
 */
final class CountDraws {
  /** Above this mean the sequential inversion would underflow {@code exp(-lambda)}. */
  private static final double SEQUENTIAL_LIMIT = 500;

  private CountDraws() {}

  /** A Gamma(shape, 1) draw by Marsaglia and Tsang (2000); shape &lt; 1 by the boost U^(1/shape). */
  static double gamma(double shape, SplittableRandom r) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(shape + 1, r) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      double x2 = x * x;
      if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** The smallest k with P(Poisson(lambda) &lt;= k) &gt; u, for u in [0, 1). */
  static int poissonInverse(double lambda, double u) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > SEQUENTIAL_LIMIT) {
      return new PoissonDistribution(null, lambda, 1e-12, 10_000).inverseCumulativeProbability(u);
    }
    double p = Math.exp(-lambda);
    double cdf = p;
    int k = 0;
    while (u >= cdf && p > 0) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
}
