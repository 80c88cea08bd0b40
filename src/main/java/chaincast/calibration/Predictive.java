package chaincast.calibration;

/** A forecast distribution of one log value, with the scores the backtest needs. */
public interface Predictive {
  /** P(Y &lt;= y): the probability integral transform of an outcome y. */
  double cdf(double y);

  /** The p-quantile. */
  double quantile(double p);

  /** ln of the density at y. */
  double logDensity(double y);

  /** Continuous ranked probability score of outcome y, in the units of y (lower is better). */
  double crps(double y);
}
