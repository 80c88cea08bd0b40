package chaincast.engine;

/**
 * A counting process: how many firms, platforms, drugs... one cell has at the end of each year.
 *
 * <p>The count holds {@code baseCount} up to and including {@code baseYear}; in each later year
 * {@code N} arrivals are added, {@code N ~ Poisson(lambda)}, with {@code lambda} drawn once per
 * path as {@code yearlyRate * G / rateShape}, {@code G ~ Gamma(rateShape, 1)} (mean {@code
 * yearlyRate}, coefficient of variation {@code 1 / sqrt(rateShape)}). Over {@code n} years the
 * arrivals are then negative binomial with {@code r = rateShape} and success probability {@code
 * rateShape / (rateShape + n * yearlyRate)}; with {@code rateShape == 0} the rate is known and the
 * arrivals are {@code Poisson(n * yearlyRate)}. Counts never fall: exits are not modelled.
 *
 * <p>Counts draw from their own streams keyed by {@code id} and the path index, never from the
 * output stream, so adding, removing or changing a count changes no output path (and a count's
 * draws do not depend on any other count's).
 *
 * @param id count cell id: the key of its random streams
 * @param baseYear calendar year of {@code baseCount}
 * @param baseCount count at the end of {@code baseYear} (&gt;= 0)
 * @param yearlyRate mean arrivals per year (&gt;= 0)
 * @param rateShape gamma shape of the rate (&gt;= 0; 0: known rate)
 * @param baseLogSd for an assumed base count: standard deviation of the log of its prior; the
 *     path's base is {@code round(baseCount * exp(baseLogSd * z))}, {@code z ~ N(0, 1)} drawn once
 *     per path from the count's own keyed sequence (0: known exactly)
 */
public record CountCellSpec(
    String id, int baseYear, int baseCount, double yearlyRate, double rateShape, double baseLogSd) {

  /** A count cell whose base count is known exactly. */
  public CountCellSpec(
      String id, int baseYear, int baseCount, double yearlyRate, double rateShape) {
    this(id, baseYear, baseCount, yearlyRate, rateShape, 0.0);
  }
}
