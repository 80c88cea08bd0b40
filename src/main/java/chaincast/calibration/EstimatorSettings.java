package chaincast.calibration;

/**
 * The estimator's hyper-parameters.
 *
 * @param pseudoObservations ν0: how many years of growth the seeded volatility counts for in the
 *     inverse-gamma prior of σ² (shape ν0/2, scale ν0·volatility²/2); &gt; 0
 * @param cityShare share of the seeded drift variance that is common to every cell (a city-wide
 *     offset from the plans)
 * @param chainShare share common to the cells of one chain
 * @param cellShare share that is the cell's own; the three shares add up to 1
 */
public record EstimatorSettings(
    double pseudoObservations, double cityShare, double chainShare, double cellShare) {
  /** Four pseudo-years for σ², the drift variance split equally over city, chain and cell. */
  public static final EstimatorSettings DEFAULT =
      new EstimatorSettings(4, 1 / 3.0, 1 / 3.0, 1 / 3.0);

  /** Checks the shares. */
  public EstimatorSettings {
    if (!(pseudoObservations > 0)
        || cityShare < 0
        || chainShare < 0
        || !(cellShare > 0)
        || Math.abs(cityShare + chainShare + cellShare - 1) > 1e-9) {
      throw new IllegalArgumentException(
          "need pseudoObservations > 0, shares >= 0 (cell share > 0) adding up to 1");
    }
  }

  /** No pooling: every cell is estimated from its own prior and data alone. */
  public static EstimatorSettings unpooled() {
    return new EstimatorSettings(DEFAULT.pseudoObservations, 0, 0, 1);
  }
}
