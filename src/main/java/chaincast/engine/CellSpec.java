package chaincast.engine;

import java.util.List;

/**
 * One cell's growth model in log space.
 *
 * <p>{@code ln V[t] = ln V[t-1] + mu + volatility * e[t] (+ event jumps, + macro shocks)} for every
 * year after {@code baseYear}; {@code mu ~ N(driftMean, driftSd²)} is drawn once per path. Before
 * and in its base year a cell holds {@code baseValue}.
 *
 * <p>An observation ({@code observedYear > 0}) conditions every path on the cell's value in that
 * year: the path is simulated as usual (same random draws, so common random numbers hold) and its
 * log value is reset to {@code ln observedValue} at the end of {@code observedYear}; later years
 * grow from there. Whatever happened before, events and macro shocks included, is overwritten by
 * what was observed.
 *
 * @param id cell id, for messages
 * @param chainIndex index of the chain factor the cell loads on, in [0, chainCount)
 * @param baseYear calendar year of {@code baseValue}
 * @param baseValue output in the base year (&gt; 0)
 * @param driftMean mean log growth per year
 * @param driftSd standard deviation of the per-path drift (&gt;= 0)
 * @param volatility standard deviation of the yearly shock in log output (&gt;= 0)
 * @param events project events that may step the cell up
 * @param observedYear calendar year of the latest observation, after the base year; 0 for none
 * @param observedValue the observed output in {@code observedYear} (&gt; 0 when observed)
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
    int observedYear,
    double observedValue) {

  /** Copies {@code events}, so the cell stays immutable. */
  public CellSpec {
    events = List.copyOf(events);
  }

  /** A cell with no observation after its base year. */
  public CellSpec(
      String id,
      int chainIndex,
      int baseYear,
      double baseValue,
      double driftMean,
      double driftSd,
      double volatility,
      List<EventSpec> events) {
    this(id, chainIndex, baseYear, baseValue, driftMean, driftSd, volatility, events, 0, 0.0);
  }

  /** True when the cell is pinned to an observed value after its base year. */
  public boolean isObserved() {
    return observedYear != 0;
  }
}
