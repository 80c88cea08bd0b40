package chaincast.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Observed actuals: a cell observed in a year up to the horizon takes its observed value in that
 * year on every path, whatever the path did up to then, and grows from there.
 */
final class ObservationTable {

  /** Per cell (internal order): year index of its observation, or -1. */
  final int[] yearIndex;

  /** Per cell (internal order): ln of its observed value (when observed). */
  final double[] logValue;

  /** Per cell: its observed value (when observed), recorded exactly in the observed year. */
  final double[] value;

  /** Per year index y: the cells observed in y. */
  final int[][] cellsByYear;

  ObservationTable(
      List<CellSpec> cells, CellOrder order, int firstYear, int horizonYear, int yearCount) {
    yearIndex = new int[order.count];
    Arrays.fill(yearIndex, -1);
    logValue = new double[order.count];
    value = new double[order.count];
    List<List<Integer>> observed = PerYear.lists(yearCount);
    for (int i = 0; i < order.count; i++) {
      CellSpec c = order.spec(cells, i);
      if (c.isObserved() && c.observedYear() <= horizonYear) {
        logValue[i] = Math.log(c.observedValue());
        value[i] = c.observedValue();
        yearIndex[i] = c.observedYear() - firstYear;
        observed.get(yearIndex[i]).add(i);
      }
    }
    cellsByYear = PerYear.toArrays(observed);
  }
}
