package chaincast.engine;

/**
 * Receives what {@link PathSimulator} computes for one path: the recorded years' cell and group
 * values, then the end of the path. Arrays are reused: read them during the call only.
 */
interface PathSink {

  /**
   * Values in one recorded year.
   *
   * @param yearIndex years since the projection's first year
   * @param cellValues by internal cell index; only the cells recorded in this year are current
   * @param groupValues by group index; only the groups recorded in this year are current
   */
  void onYear(int yearIndex, double[] cellValues, double[] groupValues);

  /**
   * This path's counts, before its first {@link #onYear}: {@code [k * yearCount + y]} is count cell
   * k's count at the end of year index y. Called only when the projection has count cells.
   */
  default void onCounts(int[] counts) {}

  /**
   * This path's drift per cell, by internal cell index, before its first {@link #onYear}. Called
   * only by samplers that ask for it ({@link #wantsDrift()}).
   */
  default void onDrift(double[] drift) {}

  /**
   * The simulator's own log-space state, handed over once before a block: per cell (internal order)
   * its log value, the own-shock term of the span that ended in the year being recorded and that
   * term's standard deviation. The arrays are the simulator's own and change as it goes: read them
   * during {@link #onYear} only, for the cells recorded in that year. A conditional estimate
   * integrates that own term out (see {@link ConditionalPlan}).
   */
  default void onLogState(double[] logValue, double[] ownTerm, double[] ownSd) {}

  /** True when the sink wants {@link #onDrift}; the engine's own tallies do not. */
  default boolean wantsDrift() {
    return false;
  }

  /**
   * The log of this path's weight, just before {@link #onPathEnd}: the log likelihood of the
   * observations given the path (each term at most 0), plus the likelihood ratio of its draws when
   * the run samples them from another law (importance sampling). Called only when paths are
   * weighted; otherwise every path weighs the same.
   */
  default void onWeight(double logWeight) {}

  /** The path is complete. */
  void onPathEnd();
}
