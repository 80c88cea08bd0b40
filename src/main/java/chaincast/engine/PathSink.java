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

  /** True when the sink wants {@link #onDrift}; the engine's own tallies do not. */
  default boolean wantsDrift() {
    return false;
  }

  /**
   * The log of this path's weight, just before {@link #onPathEnd}: the log likelihood of the
   * observations given the path (each term at most 0). Called only when the projection has
   * evidence; otherwise every path weighs the same.
   */
  default void onWeight(double logWeight) {}

  /** The path is complete. */
  void onPathEnd();
}
