package chaincast.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The project events that can move a path, flattened: an event whose window, clipped to the years
 * after its cell's base year and up to the horizon, is empty, or whose probability is 0, is left
 * out (it can never fire). Events are listed cell by cell in internal cell order, each cell's in
 * its own order.
 */
final class EventTable {

  /** Number of events kept. */
  final int count;

  /** Per event: the key of its random stream (cell id and event id). */
  final long[] key;

  /** Per event: its cell (internal index). */
  final int[] cell;

  /** Per event: first and last year index of its clipped window. */
  final int[] first;

  final int[] last;
  final double[] probability;
  final double[] jumpMean;
  final double[] jumpSd;

  /** Per year index y: the events whose window contains y. */
  final int[][] byYear;

  /**
   * Per event, P(it has fired by the end of each window year): {@code 1 - (1 - p)^(k + 1)} for the
   * k-th year of its window (exactly 1 in the last year of a certain event).
   */
  final double[][] firedBy;

  /** An event kept, with its clipped window. */
  private record Kept(String cellId, int cell, int first, int last, EventSpec spec) {}

  EventTable(List<CellSpec> cells, CellOrder order, int firstYear, int yearCount) {
    List<Kept> kept = keptEvents(cells, order, firstYear, yearCount);
    count = kept.size();
    key = new long[count];
    cell = new int[count];
    first = new int[count];
    last = new int[count];
    probability = new double[count];
    jumpMean = new double[count];
    jumpSd = new double[count];
    firedBy = new double[count][];
    for (int k = 0; k < count; k++) {
      Kept e = kept.get(k);
      key[k] = KeyedStreams.keyOf("event/" + e.cellId() + "/" + e.spec().id());
      cell[k] = e.cell();
      first[k] = e.first();
      last[k] = e.last();
      probability[k] = e.spec().yearlyProbability();
      jumpMean[k] = e.spec().jumpLogMean();
      jumpSd[k] = e.spec().jumpLogSd();
      firedBy[k] = firedBy(probability[k], last[k] - first[k] + 1);
    }
    byYear = new int[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      final int year = y;
      byYear[y] =
          IntStream.range(0, count).filter(k -> first[k] <= year && year <= last[k]).toArray();
    }
  }

  /** Only years after the cell's base year can move it: earlier ones are clipped off. */
  private static List<Kept> keptEvents(
      List<CellSpec> cells, CellOrder order, int firstYear, int yearCount) {
    List<Kept> kept = new ArrayList<>();
    for (int i = 0; i < order.count; i++) {
      CellSpec c = order.spec(cells, i);
      for (EventSpec e : c.events()) {
        int from = Math.max(e.firstYear() - firstYear, order.baseIndex[i] + 1);
        int to = Math.min(e.lastYear() - firstYear, yearCount - 1);
        if (from <= to && e.yearlyProbability() > 0) {
          kept.add(new Kept(c.id(), i, from, to, e));
        }
      }
    }
    return kept;
  }

  private static double[] firedBy(double p, int years) {
    double[] out = new double[years];
    double notYet = 1.0;
    for (int j = 0; j < years; j++) {
      notYet *= 1.0 - p;
      out[j] = j == years - 1 && p == 1.0 ? 1.0 : 1.0 - notYet;
    }
    return out;
  }
}
