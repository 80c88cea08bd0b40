package chaincast.engine;

import java.util.List;

/**
 * One cell's growth model in log space.
 *
 * <p>{@code ln V[t] = ln V[t-1] + mu + volatility * e[t] (+ event jumps)} for
 * every year after {@code baseYear}; {@code mu ~ N(driftMean, driftSd²)} is drawn
 * once per path. Before and in its base year a cell holds {@code baseValue}.
 *
 * @param id         cell id, for messages
 * @param chainIndex index of the chain factor the cell loads on, in [0, chainCount)
 * @param baseYear   calendar year of {@code baseValue}
 * @param baseValue  output in the base year (&gt; 0)
 * @param driftMean  mean log growth per year
 * @param driftSd    standard deviation of the per-path drift (&gt;= 0)
 * @param volatility standard deviation of the yearly shock in log output (&gt;= 0)
 * @param events     project events that may step the cell up
 */
public record CellSpec(
    String id,
    int chainIndex,
    int baseYear,
    double baseValue,
    double driftMean,
    double driftSd,
    double volatility,
    List<EventSpec> events) {

  public CellSpec {
    events = List.copyOf(events);
  }
}
