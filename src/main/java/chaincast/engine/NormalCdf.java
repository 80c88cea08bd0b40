package chaincast.engine;

/**
 * The standard normal distribution function, fast enough for the inner loop: Hart's algorithm 5666
 * (a rational approximation of {@code exp(-x²/2)}'s multiplier below {@code |x| = 10/√2}, a
 * continued fraction above), as given by G. West, "Better approximations to cumulative normal
 * functions" (Wilmott, 2005). Accurate to about 1e-15 in absolute terms across the line (checked
 * against Commons Math's {@code NormalDistribution} in the tests); it costs one {@code exp},
 * against an {@code erfc} series for Commons Math's, which matters when every path of a conditional
 * estimate evaluates it once per target.
 */
final class NormalCdf {

  private static final double SQRT_2PI = 2.5066282746310002;

  private NormalCdf() {}

  /** {@code Φ(x) = P(Z <= x)} for a standard normal Z. */
  static double cdf(double x) {
    double lower = lowerTail(Math.abs(x));
    return x > 0 ? 1.0 - lower : lower;
  }

  /** {@code Φ(-a)} for {@code a >= 0}: the smaller tail, computed without cancellation. */
  private static double lowerTail(double a) {
    if (!(a <= 37.0)) {
      return a > 37.0 ? 0.0 : Double.NaN;
    }
    double e = Math.exp(-0.5 * a * a);
    if (a < 7.07106781186547) {
      double n = 3.52624965998911E-02 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      double d = 8.83883476483184E-02 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      return e * n / d;
    }
    double f = a + 0.65;
    f = a + 4.0 / f;
    f = a + 3.0 / f;
    f = a + 2.0 / f;
    f = a + 1.0 / f;
    return e / f / SQRT_2PI;
  }
}
