package chaincast.engine;

import java.util.BitSet;
import java.util.List;

/**
 * The counting processes, flattened, and what the count targets need of them: a count cell is
 * drawn only if some target counts it, and only in the years some target reads it (see {@link
 * CountDraws} for the laws and {@link PathSimulator} for the draws).
 */
final class CountTable {

  /** Number of count cells. */
  final int count;
  /** Per count cell: the key of its random streams. */
  final long[] key;
  /** Per count cell: year index of its base count. */
  final int[] baseIndex;
  final int[] base;
  final double[] rate;
  final double[] shape;
  /** The count cells some target counts: the only ones drawn. */
  final int[] drawn;
  /** Per count cell: the year indices some count target reads it in, ascending (after its base). */
  final int[][] years;
  /** Per count cell: the cumulative law of its arrivals up to its first count year, or null. */
  final double[][] firstTable;
  /** Per count cell: the guide table of {@link #firstTable}, or null. */
  final int[][] firstGuide;

  CountTable(List<CountCellSpec> cells, TargetTable targets, int firstYear) {
    count = cells.size();
    key = new long[count];
    baseIndex = new int[count];
    base = new int[count];
    rate = new double[count];
    shape = new double[count];
    for (int k = 0; k < count; k++) {
      CountCellSpec c = cells.get(k);
      key[k] = KeyedStreams.keyOf("count/" + c.id());
      baseIndex[k] = c.baseYear() - firstYear;
      base[k] = c.baseCount();
      rate[k] = c.yearlyRate();
      shape[k] = c.rateShape();
    }
    drawn = targets.countCellsRead().stream().toArray();
    years = new int[count][];
    firstTable = new double[count][];
    firstGuide = new int[count][];
    for (int k = 0; k < count; k++) {
      years[k] = yearsRead(k, targets).stream().toArray();
      if (years[k].length > 0) {
        firstTable[k] = CountDraws.table(rate[k], shape[k], years[k][0] - baseIndex[k]);
        firstGuide[k] = CountDraws.guide(firstTable[k]);
      }
    }
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
}
