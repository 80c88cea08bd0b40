package chaincast.calibration;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * A Student-t distribution m + s·T_ν: the posterior of a drift and the predictive of a log value.
 * Its CRPS has a closed form (Gneiting and Raftery 2007; Jordan, Krüger and Lerch 2019):
 *
 * <pre>
 * CRPS(z) = s·[ z(2F(z) − 1) + 2f(z)(ν + z²)/(ν − 1) − 2√ν·B(½, ν − ½) / ((ν − 1)·B(½, ν/2)²) ]
 * </pre>
 *
 * with z = (y − m)/s and F, f the standard t's cdf and density; it needs ν &gt; 1.
 *
 * @param location m
 * @param scale s &gt; 0
 * @param df ν &gt; 0
 */
public record LocationScaleT(double location, double scale, double df) implements Predictive {
  /** Checks the parameters. */
  public LocationScaleT {
    if (!Double.isFinite(location) || !(scale > 0) || !(df > 0)) {
      throw new IllegalArgumentException(
          "need finite location, positive scale and df: " + location + ", " + scale + ", " + df);
    }
  }

  private TDistribution standard() {
    return new TDistribution(null, df);
  }

  @Override
  public double cdf(double y) {
    return standard().cumulativeProbability((y - location) / scale);
  }

  @Override
  public double quantile(double p) {
    return location + scale * standard().inverseCumulativeProbability(p);
  }

  @Override
  public double logDensity(double y) {
    return standard().logDensity((y - location) / scale) - Math.log(scale);
  }

  @Override
  public double crps(double y) {
    if (!(df > 1)) {
      throw new IllegalStateException("the CRPS of a Student-t needs df > 1, got " + df);
    }
    TDistribution t = standard();
    double z = (y - location) / scale;
    double f = t.density(z);
    double cdf = t.cumulativeProbability(z);
    double constant =
        2
            * Math.sqrt(df)
            * Math.exp(Beta.logBeta(0.5, df - 0.5) - 2 * Beta.logBeta(0.5, df / 2))
            / (df - 1);
    return scale * (z * (2 * cdf - 1) + 2 * f * (df + z * z) / (df - 1) - constant);
  }

  /** Standard deviation, infinite for df &lt;= 2. */
  public double sd() {
    return df > 2 ? scale * Math.sqrt(df / (df - 2)) : Double.POSITIVE_INFINITY;
  }
}
