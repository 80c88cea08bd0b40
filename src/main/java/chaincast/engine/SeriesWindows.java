package chaincast.engine;

/**
 * The fine window of each value series' {@link LogHistogram}: the octaves its values can reasonably
 * reach, found from the compiled model alone, before any path is drawn.
 *
 * <p>For a cell in a year, its log value on the median path is known: the start (base value, or the
 * observation it was last reset to), plus the drift mean for every year it has moved, plus the
 * macro shocks since. Around it, its log value spreads with sd {@code s = sqrt(t² driftSd² + t vol²
 * + Σ jumpSd²)} over the {@code t} years it has moved, and project events that may have fired since
 * can move it by their mean jump. The cell's range is {@code [median - K s - down jumps, median + K
 * s + up jumps]} with {@code K = }{@value #SIGMAS} for normal shocks and {@code K = 6 sqrt(nu / (nu
 * - 2))} for Student-t (its unit-variance shocks have fatter tails). A group is a sum of positive
 * cells, so its log value is at least any one cell's and at most {@code ln(cells)} above the
 * largest: its window runs from the highest lower end to {@code ln(cells)} above the highest upper
 * end, plus one octave either side, and at most {@value #MAX_OCTAVES} octaves (kept around the
 * group's median path). A value or a cell that does not move (before its base year, in an observed
 * year) has a window of a few octaves.
 *
 * <p>Values outside the window are still counted, one bin per octave; only a percentile that falls
 * there loses the fine resolution. With normal shocks that takes a path beyond 6 sd.
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

  /** Per series: the lowest biased exponent of its window. */
  final int[] lo;

  /** Per series: one past the highest biased exponent of its window. */
  final int[] hi;

  private SeriesWindows(int[] lo, int[] hi) {
    this.lo = lo;
    this.hi = hi;
  }

  /** The window of every value series of {@code m}, from its other sections. */
  static SeriesWindows of(CompiledModel m) {
    int seriesCount = m.series.count;
    int cellCount = m.order.count;
    int[] lo = new int[seriesCount];
    int[] hi = new int[seriesCount];
    double k = sigmas(m.cells);
    double[] low = new double[cellCount];
    double[] high = new double[cellCount];
    double[] median = new double[cellCount];
    for (int y = 0; y < m.yearCount; y++) {
      if (m.series.byYear[y].length == 0) {
        continue;
      }
      for (int c = 0; c < cellCount; c++) {
        cellRange(m, c, y, k, low, high, median);
      }
      for (int s : m.series.byYear[y]) {
        int[] window = groupWindow(m.groups, m.series.group[s], low, high, median);
        lo[s] = window[0];
        hi[s] = window[1];
      }
    }
    return new SeriesWindows(lo, hi);
  }

  /** Octaves of series s's window. */
  int octaves(int s) {
    return hi[s] - lo[s];
  }

  /** Sds covered either side: {@value #SIGMAS}, widened for Student-t's fat tails. */
  static double sigmas(CellDynamics cells) {
    if (!cells.studentT) {
      return SIGMAS;
    }
    double nu = cells.degreesOfFreedom;
    return nu > 2 ? SIGMAS * Math.sqrt(nu / (nu - 2)) : Double.POSITIVE_INFINITY;
  }

  /**
   * Cell c's log range and median in year index y, into {@code low[c]}, {@code high[c]}, {@code
   * median[c]}.
   */
  private static void cellRange(
      CompiledModel m, int c, int y, double k, double[] low, double[] high, double[] median) {
    CellDynamics cell = m.cells;
    int base = m.order.baseIndex[c];
    // The median of the prior path: observations weigh paths but do not move the window, which
    // is wide enough (several standard deviations, then coarse octaves) for any posterior.
    double center = m.evidence.startLog[c];
    double baseSd = m.evidence.baseSd[c];
    if (y <= base && baseSd == 0) {
      // Recorded exactly: the base value of a cell that has not moved.
      low[c] = cell.logBase[c];
      high[c] = cell.logBase[c];
      median[c] = cell.logBase[c];
      return;
    }
    int start = base;
    int t = Math.max(0, y - start);
    center = withShocks(center + t * cell.driftMean[c], m.macroShocks, c, start, y);
    double variance =
        baseSd * baseSd
            + (double) t * t * cell.driftSd[c] * cell.driftSd[c]
            + t * cell.volatility[c] * cell.volatility[c];
    double down = 0;
    double up = 0;
    EventTable events = m.events;
    for (int e = 0; e < events.count; e++) {
      if (events.cell[e] == c && events.first[e] <= y && events.last[e] > start) {
        variance += events.jumpSd[e] * events.jumpSd[e];
        down += Math.max(0, -events.jumpMean[e]);
        up += Math.max(0, events.jumpMean[e]);
      }
    }
    double spread = k * Math.sqrt(variance);
    low[c] = center - spread - down;
    high[c] = center + spread + up;
    median[c] = center;
  }

  /**
   * {@code center} plus, one by one, the log factors of the macro shocks that move cell c in year
   * indices {@code (start, y]}.
   */
  private static double withShocks(double center, MacroShockTable shocks, int c, int start, int y) {
    double sum = center;
    for (int j = start + 1; j <= y; j++) {
      int[] cells = shocks.cellsByYear[j];
      for (int i = 0; i < cells.length; i++) {
        if (cells[i] == c) {
          sum += shocks.logFactorByYear[j][i];
        }
      }
    }
    return sum;
  }

  /** The window {@code {lo, hi}} of group g from its cells' log ranges. */
  private static int[] groupWindow(
      GroupTable groups, int g, double[] low, double[] high, double[] median) {
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.NEGATIVE_INFINITY;
    double medianMax = Double.NEGATIVE_INFINITY;
    int cells = groups.start[g + 1] - groups.start[g];
    for (int i = groups.start[g]; i < groups.start[g + 1]; i++) {
      int c = groups.cells[i];
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

  /**
   * The biased binary exponent of {@code exp(logValue)}, saturating at 0 and 2047 (and 1023 for
   * NaN).
   */
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
