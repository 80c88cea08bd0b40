package chaincast.calibration;

/** Who made a backtest forecast. */
public enum ForecastMethod {
  /**
   * The calibrated model: the normal–inverse-gamma posterior predictive of {@link
   * DriftVolatilityEstimator} fitted on the data up to the vantage year.
   */
  MODEL,
  /**
   * Random walk with drift: the mean of the last 3 yearly log growth rates, spread from their sd,
   * Student-t with 2 degrees of freedom.
   */
  RANDOM_WALK,
  /** The plan's constant growth: the seeded drift, spread the seeded volatility·√h, normal. */
  PLAN
}
