package chaincast.calibration;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A normal forecast N(m, s²); CRPS(y) = s·[z(2Φ(z) − 1) + 2φ(z) − 1/√π] with z = (y − m)/s.
 *
 * @param mean m
 * @param sd s &gt; 0
 */
public record NormalPredictive(double mean, double sd) implements Predictive {
  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

  /** Checks the parameters. */
  public NormalPredictive {
    if (!Double.isFinite(mean) || !(sd > 0)) {
      throw new IllegalArgumentException("need a finite mean and positive sd: " + mean + ", " + sd);
    }
  }

  @Override
  public double cdf(double y) {
    return STANDARD.cumulativeProbability((y - mean) / sd);
  }

  @Override
  public double quantile(double p) {
    return mean + sd * STANDARD.inverseCumulativeProbability(p);
  }

  @Override
  public double logDensity(double y) {
    return STANDARD.logDensity((y - mean) / sd) - Math.log(sd);
  }

  @Override
  public double crps(double y) {
    double z = (y - mean) / sd;
    return sd
        * (z * (2 * STANDARD.cumulativeProbability(z) - 1)
            + 2 * STANDARD.density(z)
            - 1 / Math.sqrt(Math.PI));
  }
}
