package chaincast.engine;

import java.util.List;

/**
 * The macro shocks by year: in year index y, internal cell {@code cellsByYear[y][k]} moves by
 * {@code logFactorByYear[y][k]} in log space. A shock moves a cell only in a year after the cell's
 * base year (its base value is known); one before the first year or after the horizon changes
 * nothing simulated and is left out.
 */
final class MacroShockTable {

  /** Per year index: the cells hit (internal indices), in shock order then cell order. */
  final int[][] cellsByYear;

  /** Per year index: the log factor for each entry of {@link #cellsByYear}. */
  final double[][] logFactorByYear;

  MacroShockTable(List<MacroShockSpec> shocks, CellOrder order, int firstYear, int yearCount) {
    List<List<Integer>> cells = PerYear.lists(yearCount);
    List<List<Double>> factors = PerYear.lists(yearCount);
    for (MacroShockSpec shock : shocks) {
      int y = shock.year() - firstYear;
      if (y < 0 || y >= yearCount) {
        continue;
      }
      for (int c : shock.cells()) {
        int i = order.internalIndex[c];
        if (y > order.baseIndex[i]) {
          cells.get(y).add(i);
          factors.get(y).add(shock.logFactor());
        }
      }
    }
    cellsByYear = PerYear.toArrays(cells);
    logFactorByYear = new double[yearCount][];
    for (int y = 0; y < yearCount; y++) {
      logFactorByYear[y] = factors.get(y).stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
