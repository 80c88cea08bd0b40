package chaincast.calibration;

/**
 * One scored forecast: a method's forecast of a cell's value {@code horizon} years after the
 * vantage year, made from data up to the vantage year, against the held-back actual.
 *
 * @param method who forecast
 * @param cellId the cell
 * @param vantageYear the last year of data the forecast saw
 * @param horizon years ahead (the target year is vantageYear + horizon)
 * @param median forecast median, 亿元
 * @param lower50 lower end of the central 50% interval, 亿元
 * @param upper50 upper end of the central 50% interval, 亿元
 * @param lower80 lower end of the central 80% interval, 亿元
 * @param upper80 upper end of the central 80% interval, 亿元
 * @param lower95 lower end of the central 95% interval, 亿元
 * @param upper95 upper end of the central 95% interval, 亿元
 * @param actual the held-back value, 亿元
 * @param pit the forecast's cdf at the actual (probability integral transform), in [0, 1]
 * @param crps continuous ranked probability score of ln(actual), in log units (lower is better)
 * @param logScore negative log predictive density of ln(actual) (lower is better)
 */
public record ScoredForecast(
    ForecastMethod method,
    String cellId,
    int vantageYear,
    int horizon,
    double median,
    double lower50,
    double upper50,
    double lower80,
    double upper80,
    double lower95,
    double upper95,
    double actual,
    double pit,
    double crps,
    double logScore) {

  /** True when the actual lies in the central interval of the given level (0.5, 0.8 or 0.95). */
  public boolean covered(double level) {
    return Math.abs(pit - 0.5) <= level / 2;
  }

  static ScoredForecast score(
      ForecastMethod method, String cellId, int vantage, int horizon, Predictive f, double actual) {
    double y = Math.log(actual);
    return new ScoredForecast(
        method,
        cellId,
        vantage,
        horizon,
        Math.exp(f.quantile(0.5)),
        Math.exp(f.quantile(0.25)),
        Math.exp(f.quantile(0.75)),
        Math.exp(f.quantile(0.10)),
        Math.exp(f.quantile(0.90)),
        Math.exp(f.quantile(0.025)),
        Math.exp(f.quantile(0.975)),
        actual,
        f.cdf(y),
        f.crps(y),
        -f.logDensity(y));
  }
}
