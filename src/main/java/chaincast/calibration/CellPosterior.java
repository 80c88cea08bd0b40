package chaincast.calibration;

/**
 * The estimated parameters of one cell, in the form a simulation draws from once per path: σ² ~
 * InvGamma(shape, scale), then μ | σ² ~ N(driftMean, σ²/kappa); the path's volatility is σ and its
 * drift μ. The other fields summarise the same distribution for reports.
 *
 * @param cellId "chain@region"
 * @param chainId the cell's chain
 * @param driftMean posterior location (and mean) of μ, log growth per year
 * @param kappa posterior precision weight of μ, in years
 * @param shape posterior inverse-gamma shape of σ²
 * @param scale posterior inverse-gamma scale of σ²
 * @param observations how many yearly log growth rates the cell's own data gave
 * @param firstYear first year of the cell's series used (0 when none)
 * @param lastYear last year used (0 when none)
 * @param priorDriftMean location of the pooled prior of μ (seeded drift plus the chain offset that
 *     the other cells' data suggest)
 * @param priorKappa precision weight of that prior, in years
 * @param summary mean, sd and 80% interval of μ and σ
 */
public record CellPosterior(
    String cellId,
    String chainId,
    double driftMean,
    double kappa,
    double shape,
    double scale,
    int observations,
    int firstYear,
    int lastYear,
    double priorDriftMean,
    double priorKappa,
    Summary summary) {

  /**
   * Marginal summaries of the posterior.
   *
   * @param driftSd standard deviation of μ (marginal Student-t)
   * @param driftP10 10th percentile of μ
   * @param driftP90 90th percentile of μ
   * @param volatilityMean E[σ]
   * @param volatilitySd sd of σ (NaN when shape &lt;= 1)
   * @param volatilityP10 10th percentile of σ
   * @param volatilityP90 90th percentile of σ
   */
  public record Summary(
      double driftSd,
      double driftP10,
      double driftP90,
      double volatilityMean,
      double volatilitySd,
      double volatilityP10,
      double volatilityP90) {}

  /** The posterior and its summaries. */
  static CellPosterior of(
      String cellId,
      String chainId,
      NormalInverseGamma prior,
      NormalInverseGamma post,
      int observations,
      int firstYear,
      int lastYear) {
    LocationScaleT drift = post.drift();
    Summary s =
        new Summary(
            drift.sd(),
            drift.quantile(0.1),
            drift.quantile(0.9),
            post.volatilityMean(),
            post.volatilitySd(),
            post.volatilityQuantile(0.1),
            post.volatilityQuantile(0.9));
    return new CellPosterior(
        cellId,
        chainId,
        post.mean(),
        post.kappa(),
        post.shape(),
        post.scale(),
        observations,
        firstYear,
        lastYear,
        prior.mean(),
        prior.kappa(),
        s);
  }

  /** The posterior as a distribution. */
  public NormalInverseGamma nig() {
    return new NormalInverseGamma(driftMean, kappa, shape, scale);
  }
}
