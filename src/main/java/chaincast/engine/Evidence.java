package chaincast.engine;

/**
 * An observation weighed as evidence: the total of some cells in one calendar year was seen as
 * {@code value}, with a lognormal measurement error, {@code ln value = ln(true total) + e}, {@code
 * e ~ N(0, logSd²)}.
 *
 * <p>The engine conditions on it. A single cell observed after its base year is conditioned exactly
 * through its own shock of that year (the shock is drawn from its Gaussian posterior and the path
 * is weighted by the observation's predictive density); a single cell observed in or before its
 * base year updates its base prior in closed form; a sum of cells weights each path by the
 * likelihood of the observation given the path's total.
 *
 * @param id the observation's id, for messages and reports
 * @param cells indices into {@link Projection#cells()}, distinct, at least one
 * @param year calendar year observed (the value at the end of that year)
 * @param value the observed total in 亿元 (&gt; 0)
 * @param logSd standard deviation of the log measurement error (&gt; 0)
 */
public record Evidence(String id, int[] cells, int year, double value, double logSd) {

  /** Smallest measurement error accepted: below it the likelihood is a spike no path can hit. */
  public static final double MIN_LOG_SD = 1e-4;

  /** Largest measurement error accepted. */
  public static final double MAX_LOG_SD = 2.0;

  /** Copies {@code cells}, so the evidence stays immutable. */
  public Evidence {
    cells = cells.clone();
  }

  /** A copy of the cells observed. */
  @Override
  public int[] cells() {
    return cells.clone();
  }
}
