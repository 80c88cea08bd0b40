package chaincast.engine;

import java.util.List;

/**
 * One cell's growth model in log space.
 *
 * <p>{@code ln V[t] = ln V[t-1] + mu + volatility * e[t] (+ event jumps, + macro shocks)} for every
 * year after {@code baseYear}; {@code mu ~ N(driftMean, driftSd²)} is drawn once per path. Before
 * and in its base year a cell holds {@code baseValue}.
 *
 * <p>A base value that is an assumption carries a lognormal prior: {@code ln baseValue + baseLogSd
 * * z}, {@code z ~ N(0, 1)} drawn once per path from the cell's own keyed sequence (so it moves no
 * other draw). Documented and derived bases have {@code baseLogSd == 0} and are held fixed.
 *
 * @param id cell id, for messages
 * @param chainIndex index of the chain factor the cell loads on, in [0, chainCount)
 * @param baseYear calendar year of {@code baseValue}
 * @param baseValue output in the base year (&gt; 0)
 * @param driftMean mean log growth per year
 * @param driftSd standard deviation of the per-path drift (&gt;= 0)
 * @param volatility standard deviation of the yearly shock in log output (&gt;= 0)
 * @param events project events that may step the cell up
 * @param baseLogSd standard deviation of the log of the base value's prior (0: known exactly)
 * @param posterior the drift and volatility estimated from data, drawn per path in place of {@code
 *     driftMean}, {@code driftSd} and {@code volatility} (which then only size the histograms);
 *     null for a cell whose parameters are given
 */
public record CellSpec(
    String id,
    int chainIndex,
    int baseYear,
    double baseValue,
    double driftMean,
    double driftSd,
    double volatility,
    List<EventSpec> events,
    double baseLogSd,
    ParameterPosterior posterior) {

  /** Copies {@code events}, so the cell stays immutable. */
  public CellSpec {
    events = List.copyOf(events);
  }

  /** A cell whose parameters are given (not estimated). */
  public CellSpec(
      String id,
      int chainIndex,
      int baseYear,
      double baseValue,
      double driftMean,
      double driftSd,
      double volatility,
      List<EventSpec> events,
      double baseLogSd) {
    this(
        id,
        chainIndex,
        baseYear,
        baseValue,
        driftMean,
        driftSd,
        volatility,
        events,
        baseLogSd,
        null);
  }

  /** A cell whose base value is known exactly. */
  public CellSpec(
      String id,
      int chainIndex,
      int baseYear,
      double baseValue,
      double driftMean,
      double driftSd,
      double volatility,
      List<EventSpec> events) {
    this(id, chainIndex, baseYear, baseValue, driftMean, driftSd, volatility, events, 0.0);
  }

  /** True when the base value is uncertain (drawn per path). */
  public boolean hasBasePrior() {
    return baseLogSd > 0;
  }
}
