package chaincast.engine;

/**
 * A known, deterministic change of level: every listed cell's output is multiplied by
 * {@code exp(logFactor)} in {@code year}, and the change persists in later years (a macro shock,
 * e.g. {@code ln(0.9)} for -10% city-wide in 2024). It draws no random number, so two runs that
 * differ by a shift keep common random numbers exactly. An observation of a cell in or after
 * {@code year} overwrites it.
 *
 * @param cells indices into {@link Projection#cells()}
 */
public record LevelShift(String id, int[] cells, int year, double logFactor) {

  public LevelShift {
    cells = cells.clone();
  }

  @Override
  public int[] cells() {
    return cells.clone();
  }
}
