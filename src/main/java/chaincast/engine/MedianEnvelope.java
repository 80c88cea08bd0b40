package chaincast.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a cell's median path would leave {@link ParameterDomain#PROJECTED_OUTPUT}: the check of
 * combinations no single parameter's bounds can catch (many events or macro shocks on one cell, or
 * a start split from a group total down to almost nothing).
 *
 * <p>The envelope of a cell follows the engine's order within a year: from its start it adds its
 * drift mean each year, every event's mean jump in the first year the event can fire (the upper
 * envelope takes the rising jumps, the lower one the falling jumps: an event fires or not), the
 * macro shocks of that year (observations are evidence that weighs paths, not a new start). Values
 * inside leave about 640 log units of room before {@code exp} overflows or underflows, far more
 * than the random part of a path needs; a rare path beyond that still runs (its value is then
 * infinite or 0, and counts as such).
 */
public final class MedianEnvelope {

  private static final double LOG_LOW = Math.log(ParameterDomain.PROJECTED_OUTPUT.low());
  private static final double LOG_HIGH = Math.log(ParameterDomain.PROJECTED_OUTPUT.high());

  private MedianEnvelope() {}

  /** What moved the envelope last before it crossed: the part of the request to blame. */
  public enum Cause {
    /** The cell's starting value (its base value). */
    START,
    /** A project event of the cell; the index is into {@link CellSpec#events()}. */
    EVENT,
    /** A macro shock; the index is into the projection's macro shocks. */
    SHIFT
  }

  /**
   * A crossing.
   *
   * @param cell index of the cell in the projection
   * @param year calendar year in which the envelope leaves the domain
   * @param cause the last contribution that moved the envelope that way
   * @param index index of that event or shift (0 otherwise)
   * @param logValue the envelope's log value (亿元) there
   * @param above true when the envelope goes above the domain, false when below
   */
  public record Crossing(
      int cell, int year, Cause cause, int index, double logValue, boolean above) {
    /** The envelope's value there, in 亿元 (may be infinite or 0). */
    public double value() {
      return Math.exp(logValue);
    }

    /** A sentence describing the crossing, without the cell's name. */
    public String describe() {
      double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.3g", value()));
      return "its median path reaches "
          + ParameterDomain.format(rounded)
          + " 亿元 in "
          + year
          + (above
              ? ", above the " + ParameterDomain.format(ParameterDomain.PROJECTED_OUTPUT.high())
              : ", below the " + ParameterDomain.format(ParameterDomain.PROJECTED_OUTPUT.low()))
          + " 亿元 a run represents (events, macro shocks and observations on it add up)";
    }
  }

  /**
   * The first crossing, in cell order, of any cell up to {@code horizonYear}; empty when every
   * median path stays inside. Cells and shifts are assumed individually valid.
   */
  public static Optional<Crossing> find(
      List<CellSpec> cells, List<MacroShockSpec> shifts, int horizonYear) {
    for (int c = 0; c < cells.size(); c++) {
      Optional<Crossing> crossing = ofCell(c, cells.get(c), shifts, horizonYear);
      if (crossing.isPresent()) {
        return crossing;
      }
    }
    return Optional.empty();
  }

  private static Optional<Crossing> ofCell(
      int c, CellSpec cell, List<MacroShockSpec> shifts, int horizonYear) {
    Walk w = new Walk(c, Math.log(cell.baseValue()));
    Crossing crossing = w.check(cell.baseYear());
    for (int y = cell.baseYear() + 1; y <= horizonYear && crossing == null; y++) {
      w.add(cell.driftMean(), null, 0);
      for (int k = 0; k < cell.events().size(); k++) {
        EventSpec e = cell.events().get(k);
        if (e.yearlyProbability() > 0
            && Math.max(e.firstYear(), cell.baseYear() + 1) == y
            && e.lastYear() >= y) {
          w.add(e.jumpLogMean(), Cause.EVENT, k);
        }
      }
      for (int k = 0; k < shifts.size(); k++) {
        if (shifts.get(k).year() == y && hits(shifts.get(k), c)) {
          w.add(shifts.get(k).logFactor(), Cause.SHIFT, k);
        }
      }
      crossing = w.check(y);
    }
    return Optional.ofNullable(crossing);
  }

  private static boolean hits(MacroShockSpec shift, int cell) {
    for (int c : shift.cells()) {
      if (c == cell) {
        return true;
      }
    }
    return false;
  }

  /** The upper and lower envelope of one cell, and what moved each last. */
  private static final class Walk {
    private final int cell;
    private double high;
    private double low;
    private Cause highCause = Cause.START;
    private int highIndex;
    private Cause lowCause = Cause.START;
    private int lowIndex;

    Walk(int cell, double start) {
      this.cell = cell;
      this.high = start;
      this.low = start;
    }

    /**
     * Adds a step. Drift and shifts are certain and move both sides; an event may not fire, so it
     * moves only the side it pushes. A named step (event, shift) is blamed for the side it pushes.
     */
    void add(double step, Cause cause, int index) {
      boolean certain = cause != Cause.EVENT;
      if (step > 0 || certain) {
        high += step;
      }
      if (step < 0 || certain) {
        low += step;
      }
      if (cause != null && step > 0) {
        highCause = cause;
        highIndex = index;
      } else if (cause != null && step < 0) {
        lowCause = cause;
        lowIndex = index;
      }
    }

    Crossing check(int year) {
      if (!(high <= LOG_HIGH)) {
        return new Crossing(cell, year, highCause, highIndex, high, true);
      }
      if (!(low >= LOG_LOW)) {
        return new Crossing(cell, year, lowCause, lowIndex, low, false);
      }
      return null;
    }
  }
}
