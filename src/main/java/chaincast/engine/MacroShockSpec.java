package chaincast.engine;

/**
 * A macro shock (the API's {@code chaincast.v1.MacroShock}): a known, deterministic change of
 * level. Every listed cell's output is multiplied by {@code exp(logFactor)} in {@code year}, and
 * the change persists in later years (e.g. {@code ln(0.9)} for -10% city-wide in 2024). It draws no
 * random number, so two runs that differ by a macro shock keep common random numbers exactly. An
 * observation of a cell in or after {@code year} overwrites it; a year before a cell's base year or
 * after the horizon changes nothing simulated for that cell.
 *
 * @param id names the shock in error messages
 * @param cells indices into {@link Projection#cells()}
 * @param year calendar year of the change
 * @param logFactor natural log of the factor applied, {@code ln(1 + change)} for the API's relative
 *     change
 */
public record MacroShockSpec(String id, int[] cells, int year, double logFactor) {

  /** Copies {@code cells}, so the record stays immutable. */
  public MacroShockSpec {
    cells = cells.clone();
  }

  /** A copy of the indices of the cells hit. */
  @Override
  public int[] cells() {
    return cells.clone();
  }
}
