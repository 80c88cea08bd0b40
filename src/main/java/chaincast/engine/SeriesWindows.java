package chaincast.engine;

/**
 * The fine window of each value series' {@link LogHistogram}: the octaves its values can
 * reasonably reach, found from the compiled model alone, before any path is drawn.
 *
 * <p>For a cell in a year, its log value on the median path is known: the start (base value,
 * or the observation it was last reset to), plus the drift mean for every year it has moved, plus
 * the level shifts since. Around it, its log value spreads with sd
 * {@code s = sqrt(t² driftSd² + t vol² + Σ jumpSd²)} over the {@code t} years it has moved, and
 * project events that may have fired since can move it by their mean jump. The cell's range is
 * {@code [median - K s - down jumps, median + K s + up jumps]} with {@code K = }{@value #SIGMAS}
 * for normal shocks and {@code K = 6 sqrt(nu / (nu - 2))} for Student-t (its unit-variance
 * shocks have fatter tails). A group is a sum of positive cells, so its log value is at least any
 * one cell's and at most {@code ln(cells)} above the largest: its window runs from the highest
 * lower end to {@code ln(cells)} above the highest upper end, plus one octave either side, and at
 * most {@value #MAX_OCTAVES} octaves (kept around the group's median path). A value or a cell that
 * does not move (before its base year, in an observed year) has a window of a few octaves.
 *
 * <p>Values outside the window are still counted, one bin per octave; only a percentile that
 * falls there loses the fine resolution. With normal shocks that takes a path beyond 6 sd.
 */
final class SeriesWindows {
  /** Sds of log value the window covers either side, for normal shocks. */
  static final double SIGMAS = 6.0;
  /** Extra octaves either side. */
  static final int MARGIN_OCTAVES = 1;
  /** Widest window, in octaves: 40 fine pages of 4 KiB, 160 KiB per histogram at most. */
  static final int MAX_OCTAVES = 40;

  private static final double LN2 = Math.log(2);
  private static final int BIAS = 1023;

  private SeriesWindows() {}

  /** {@code {lo[], hi[]}}: per series of {@code m}, its window's biased exponents {@code [lo, hi)}. */
  static int[][] of(CompiledModel m) {
    int[] lo = new int[m.seriesCount];
    int[] hi = new int[m.seriesCount];
    double k = sigmas(m);
    double[] low = new double[m.cellCount];
    double[] high = new double[m.cellCount];
    double[] median = new double[m.cellCount];
    for (int y = 0; y < m.yearCount; y++) {
      if (m.seriesByYear[y].length == 0) {
        continue;
      }
      for (int c = 0; c < m.cellCount; c++) {
        cellRange(m, c, y, k, low, high, median);
      }
      for (int s : m.seriesByYear[y]) {
        int[] window = groupWindow(m, m.seriesGroup[s], low, high, median);
        lo[s] = window[0];
        hi[s] = window[1];
      }
    }
    return new int[][] {lo, hi};
  }

  /** Sds covered either side: {@value #SIGMAS}, widened for Student-t's fat tails. */
  static double sigmas(CompiledModel m) {
    if (!m.studentT) {
      return SIGMAS;
    }
    double nu = m.degreesOfFreedom;
    return nu > 2 ? SIGMAS * Math.sqrt(nu / (nu - 2)) : Double.POSITIVE_INFINITY;
  }

  /** Cell c's log range and median in year index y, into {@code low[c]}, {@code high[c]}, {@code median[c]}. */
  private static void cellRange(CompiledModel m, int c, int y, double k, double[] low, double[] high, double[] median) {
    int base = m.cellBaseIndex[c];
    int pin = m.pinYear[c];
    if (pin == y || y <= base) {
      // Recorded exactly: the observed value, or the base value of a cell that has not moved.
      double exact = pin == y ? m.logPin[c] : m.logBase[c];
      low[c] = exact;
      high[c] = exact;
      median[c] = exact;
      return;
    }
    // The path resets its log value to an observation made after the first year (the simulator
    // applies pins from year index 1), and moves only after its base year.
    boolean reset = pin >= 1 && pin < y;
    int start = reset ? Math.max(pin, base) : base;
    double center = reset ? m.logPin[c] : m.logBase[c];
    int t = y - start;
    center += t * m.driftMean[c];
    for (int j = start + 1; j <= y; j++) {
      int[] cells = m.shiftCells[j];
      for (int i = 0; i < cells.length; i++) {
        if (cells[i] == c) {
          center += m.shiftLog[j][i];
        }
      }
    }
    double variance = (double) t * t * m.driftSd[c] * m.driftSd[c] + t * m.volatility[c] * m.volatility[c];
    double down = 0;
    double up = 0;
    for (int e = 0; e < m.eventCount; e++) {
      if (m.eventCell[e] == c && m.eventFirst[e] <= y && m.eventLast[e] > start) {
        variance += m.eventJumpSd[e] * m.eventJumpSd[e];
        down += Math.max(0, -m.eventJumpMean[e]);
        up += Math.max(0, m.eventJumpMean[e]);
      }
    }
    double spread = k * Math.sqrt(variance);
    low[c] = center - spread - down;
    high[c] = center + spread + up;
    median[c] = center;
  }

  /** The window {@code {lo, hi}} of group g from its cells' log ranges. */
  private static int[] groupWindow(CompiledModel m, int g, double[] low, double[] high, double[] median) {
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.NEGATIVE_INFINITY;
    double medianMax = Double.NEGATIVE_INFINITY;
    int cells = m.groupStart[g + 1] - m.groupStart[g];
    for (int i = m.groupStart[g]; i < m.groupStart[g + 1]; i++) {
      int c = m.groupCells[i];
      lower = Math.max(lower, low[c]);
      upper = Math.max(upper, high[c]);
      medianMax = Math.max(medianMax, median[c]);
    }
    upper += Math.log(Math.max(1, cells));
    int lo = clamp(exponentOf(lower) - MARGIN_OCTAVES, 0, LogHistogram.EXPONENTS - 1);
    int hi = clamp(exponentOf(upper) + 1 + MARGIN_OCTAVES, lo + 1, LogHistogram.EXPONENTS);
    if (hi - lo > MAX_OCTAVES) {
      // Too wide: keep the octaves around the group's median path (its largest cell's median
      // to that plus ln(cells): the sum's median lies between).
      int middle = exponentOf(medianMax + 0.5 * Math.log(Math.max(1, cells)));
      lo = clamp(middle - MAX_OCTAVES / 2, lo, hi - MAX_OCTAVES);
      hi = lo + MAX_OCTAVES;
    }
    return new int[] {lo, hi};
  }

  /** The biased binary exponent of {@code exp(logValue)}, saturating at 0 and 2047 (and 1023 for NaN). */
  static int exponentOf(double logValue) {
    if (Double.isNaN(logValue)) {
      return BIAS;
    }
    double e = Math.floor(logValue / LN2) + BIAS;
    return (int) Math.max(0, Math.min(LogHistogram.EXPONENTS - 1, e));
  }

  private static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(max, v));
  }
}
