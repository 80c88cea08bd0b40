package chaincast.engine;

/**
 * The joint posterior of a cell's drift and volatility estimated from data, in Normal–Inverse-Gamma
 * form: {@code σ² ~ InvGamma(shape, scale)} and {@code μ | σ² ~ N(driftMean, σ² / kappa)}. Each
 * path draws its own (μ, σ) from it, once, from the cell's keyed sequence, so the odds carry the
 * parameters' uncertainty, the volatility's included.
 *
 * @param driftMean posterior mean of the drift (log growth a year)
 * @param kappa the drift's precision relative to one year's shock (&gt; 0)
 * @param shape the inverse gamma's shape (&gt; 0)
 * @param scale the inverse gamma's scale (&gt; 0), in log growth squared
 */
public record ParameterPosterior(double driftMean, double kappa, double shape, double scale) {

  /** Validates the parameters. */
  public ParameterPosterior {
    if (!(kappa > 0 && shape > 0 && scale > 0 && Double.isFinite(driftMean))
        || !Double.isFinite(kappa + shape + scale)) {
      throw new IllegalArgumentException(
          "posterior needs a finite mean and positive kappa, shape and scale, got "
              + driftMean
              + ", "
              + kappa
              + ", "
              + shape
              + ", "
              + scale);
    }
  }

  /** The posterior mean of the volatility's square, {@code scale / (shape - 1)} (shape &gt; 1). */
  public double meanVariance() {
    return shape > 1 ? scale / (shape - 1) : Double.POSITIVE_INFINITY;
  }

  /**
   * A gamma(shape, 1) variate by Marsaglia and Tsang's method (for shape &lt; 1, the boost {@code
   * G(shape + 1) * U^(1/shape)}), read from a keyed cursor.
   */
  static double gamma(double shape, KeyedStreams.Cursor r) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(shape + 1, r) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = r.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
