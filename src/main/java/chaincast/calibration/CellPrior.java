package chaincast.calibration;

/**
 * What the seeded model says about one cell before any data: the plan-realism drift (planned growth
 * scaled by the realised/planned ratio) and its spread, and the assumed volatility.
 *
 * @param cellId "chain@region"
 * @param chainId the chain whose cells share a drift offset
 * @param driftMean seeded mean log growth per year
 * @param driftSd seeded standard deviation of the drift (the prior's spread), &gt; 0
 * @param volatility seeded standard deviation of the yearly log growth, &gt; 0
 */
public record CellPrior(
    String cellId, String chainId, double driftMean, double driftSd, double volatility) {
  /** Checks the numbers are usable. */
  public CellPrior {
    if (!(driftSd > 0) || !(volatility > 0) || !Double.isFinite(driftMean)) {
      throw new IllegalArgumentException(
          "prior of " + cellId + " needs a finite drift and positive drift_sd and volatility");
    }
  }
}
