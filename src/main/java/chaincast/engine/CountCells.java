package chaincast.engine;

import java.util.BitSet;
import java.util.List;

/**
 * The counting processes, flattened, and what the count targets need of them: a count cell is drawn
 * only if some target counts it, and only in the years some target reads it (see {@link CountDraws}
 * for the laws and {@link PathSimulator} for the draws). The law of a cell's first span comes from
 * the run's {@link CountTables}, so cells with the same rate, shape and span (and the two sides of
 * a comparison) share one bounded {@link CountTable}.
 */
final class CountCells {

  /** Number of count cells. */
  final int count;

  /** Per count cell: the key of its random streams. */
  final long[] key;

  /** Per count cell: year index of its base count. */
  final int[] baseIndex;

  /** Per count cell: its count in its base year. */
  final int[] base;

  /**
   * Per count cell: the standard deviation of the log of its base count's prior (0: known). The
   * path's base is {@code round(base * exp(baseSd * z))} with {@code z} from the cell's keyed
   * sequence, truncated to [-{@value #BASE_Z_LIMIT}, {@value #BASE_Z_LIMIT}] (a mass of 2e-9 moved
   * to the ends) so that the count histograms stay bounded.
   */
  final double[] baseSd;

  /** Per count cell: the largest base count a path can draw. */
  final int[] maxBase;

  /** Per count cell: the key of its base draw. */
  final long[] baseKey;

  /** Truncation of the base count prior's normal, in standard deviations. */
  static final double BASE_Z_LIMIT = 6.0;

  /** Per count cell: its mean yearly arrivals. */
  final double[] rate;

  /** Per count cell: the gamma shape of its yearly rate (0 for a fixed rate). */
  final double[] shape;

  /** The count cells some target counts: the only ones drawn. */
  final int[] drawn;

  /** Per count cell: the year indices some count target reads it in, ascending (after its base). */
  final int[][] years;

  /**
   * Per count cell: the law of its arrivals up to its first count year; null for cells not read,
   * and for every cell of a model compiled only to size a run ({@link CountTables#sizing()}).
   */
  final CountTable[] firstTable;

  /**
   * Per target: the largest count it can reach on a path. For a count target, its cells' base
   * counts plus the most arrivals their laws draw (any int when a cell is read after its first
   * span: later spans have no fixed bound); for a chains-above target, its number of groups; 0 for
   * value targets. Bounds the count histograms ({@link CountHistogram}).
   */
  final int[] targetMaxCount;

  CountCells(List<CountCellSpec> cells, TargetTable targets, int firstYear, CountTables tables) {
    count = cells.size();
    key = new long[count];
    baseIndex = new int[count];
    base = new int[count];
    rate = new double[count];
    shape = new double[count];
    baseSd = new double[count];
    maxBase = new int[count];
    baseKey = new long[count];
    for (int k = 0; k < count; k++) {
      CountCellSpec c = cells.get(k);
      key[k] = KeyedStreams.keyOf("count/" + c.id());
      baseIndex[k] = c.baseYear() - firstYear;
      base[k] = c.baseCount();
      rate[k] = c.yearlyRate();
      shape[k] = c.rateShape();
      baseSd[k] = c.baseLogSd();
      baseKey[k] = KeyedStreams.keyOf("count-base/" + c.id());
      maxBase[k] = baseCount(k, BASE_Z_LIMIT);
    }
    drawn = targets.countCellsRead().stream().toArray();
    years = new int[count][];
    firstTable = new CountTable[count];
    for (int k = 0; k < count; k++) {
      years[k] = yearsRead(k, targets).stream().toArray();
      if (years[k].length > 0) {
        firstTable[k] = tables.get(rate[k], shape[k], firstSpan(k));
      }
    }
    targetMaxCount = new int[targets.count];
    for (int t = 0; t < targets.count; t++) {
      if (targets.countCells[t] != null) {
        targetMaxCount[t] = maxCountOf(targets.countCells[t], targets.yearIndex[t], tables);
      } else if (!targets.isValue[t]) {
        targetMaxCount[t] = targets.countedGroups[t].length;
      }
    }
  }

  /** Count cell k's base count on a path whose base normal is {@code z} (truncated). */
  int baseCount(int k, double z) {
    if (baseSd[k] == 0) {
      return base[k];
    }
    double clamped = Math.max(-BASE_Z_LIMIT, Math.min(BASE_Z_LIMIT, z));
    return (int)
        Math.min(Integer.MAX_VALUE / 4, Math.round(base[k] * Math.exp(baseSd[k] * clamped)));
  }

  /** Years from count cell k's base year to the first year a target reads it (its first span). */
  int firstSpan(int k) {
    return years[k][0] - baseIndex[k];
  }

  /** The year indices after count cell k's base year in which some count target reads it. */
  private BitSet yearsRead(int k, TargetTable targets) {
    BitSet read = new BitSet();
    for (int t = 0; t < targets.count; t++) {
      if (targets.countCells[t] != null) {
        for (int c : targets.countCells[t]) {
          if (c == k && targets.yearIndex[t] > baseIndex[k]) {
            read.set(targets.yearIndex[t]);
          }
        }
      }
    }
    return read;
  }

  /** The largest sum of these count cells in year index y (see {@link #targetMaxCount}). */
  private int maxCountOf(int[] countCells, int y, CountTables tables) {
    long max = 0;
    for (int k : countCells) {
      if (y <= baseIndex[k]) {
        max += Math.max(0, maxBase[k]);
      } else if (years[k][0] == y) {
        max += Math.max(0, maxBase[k]) + (long) tables.last(rate[k], shape[k], firstSpan(k));
      } else {
        return Integer.MAX_VALUE; // read after its first span: later spans have no fixed bound
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, max);
  }
}
