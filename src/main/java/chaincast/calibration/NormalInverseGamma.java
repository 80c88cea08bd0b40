package chaincast.calibration;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * A normal–inverse-gamma distribution of a cell's drift μ and yearly variance σ²: σ² ~
 * InvGamma(shape, scale) and μ | σ² ~ N(mean, σ²/kappa). It is conjugate to normal log growth
 * rates, so a prior of this form updated with data stays of this form ({@link #update}).
 *
 * @param mean location of μ
 * @param kappa how many years of growth the location counts for, &gt; 0
 * @param shape inverse-gamma shape of σ², &gt; 0
 * @param scale inverse-gamma scale of σ², &gt; 0
 */
public record NormalInverseGamma(double mean, double kappa, double shape, double scale) {
  /** Checks the parameters. */
  public NormalInverseGamma {
    if (!Double.isFinite(mean) || !(kappa > 0) || !(shape > 0) || !(scale > 0)) {
      throw new IllegalArgumentException(
          "need finite mean and positive kappa, shape, scale: "
              + mean
              + ", "
              + kappa
              + ", "
              + shape
              + ", "
              + scale);
    }
  }

  /**
   * The posterior after observing log growth rates g: κn = κ0 + n, mn = (κ0 m0 + n ḡ)/κn, an = a0 +
   * n/2, bn = b0 + ½ Σ(g − ḡ)² + κ0 n (ḡ − m0)² / (2 κn).
   *
   * @param growth yearly log growth rates; none returns this prior
   * @return the posterior
   */
  public NormalInverseGamma update(double[] growth) {
    int n = growth.length;
    if (n == 0) {
      return this;
    }
    double sum = 0;
    for (double g : growth) {
      sum += g;
    }
    double gbar = sum / n;
    double ss = 0;
    for (double g : growth) {
      ss += (g - gbar) * (g - gbar);
    }
    double kn = kappa + n;
    double mn = (kappa * mean + n * gbar) / kn;
    double an = shape + n / 2.0;
    double bn = scale + ss / 2 + kappa * n * (gbar - mean) * (gbar - mean) / (2 * kn);
    return new NormalInverseGamma(mn, kn, an, bn);
  }

  /** The marginal of μ: Student-t with 2·shape degrees of freedom. */
  public LocationScaleT drift() {
    return new LocationScaleT(mean, Math.sqrt(scale / (shape * kappa)), 2 * shape);
  }

  /**
   * The predictive of the sum of the next h log growth rates (ln V[v+h] − ln V[v]): given σ² it is
   * N(h·mean, σ²·(h + h²/kappa)); integrating σ² gives a Student-t with 2·shape degrees of freedom
   * and squared scale (scale/shape)·(h + h²/kappa).
   *
   * @param horizon years ahead, &gt;= 1
   * @return the predictive distribution, on log scale
   */
  public LocationScaleT predictive(int horizon) {
    double h = horizon;
    return new LocationScaleT(h * mean, Math.sqrt(scale / shape * (h + h * h / kappa)), 2 * shape);
  }

  /** Quantile p of the volatility σ (σ² inverse-gamma: σ²_p = scale / Gamma(shape, 1)_{1−p}). */
  public double volatilityQuantile(double p) {
    double g = new GammaDistribution(null, shape, 1).inverseCumulativeProbability(1 - p);
    return Math.sqrt(scale / g);
  }

  /** E[σ] = √scale · Γ(shape − ½) / Γ(shape); needs shape &gt; ½. */
  public double volatilityMean() {
    return Math.sqrt(scale) * Math.exp(Gamma.logGamma(shape - 0.5) - Gamma.logGamma(shape));
  }

  /** sd of σ from E[σ²] = scale/(shape − 1); NaN when shape &lt;= 1 (no finite variance). */
  public double volatilitySd() {
    if (shape <= 1) {
      return Double.NaN;
    }
    double m = volatilityMean();
    return Math.sqrt(Math.max(0, scale / (shape - 1) - m * m));
  }
}
