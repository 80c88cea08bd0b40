package chaincast.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The engine's internal order of the cells: by base year, ties in projection order (a stable sort).
 * In that order the cells that move in year index {@code y} are exactly the prefix {@code [0,
 * activeCount[y])}, so the inner loop needs no per-cell "has it started?" test. Every other section
 * refers to cells by their internal index.
 */
final class CellOrder {

  /** Number of cells. */
  final int count;

  /** Internal index to projection index. */
  final int[] projectionIndex;

  /** Projection index to internal index. */
  final int[] internalIndex;

  /** Per cell (internal order): year index of its base year. */
  final int[] baseIndex;

  /** Per year index y: number of cells whose base year index is below y, the cells stepped in y. */
  final int[] activeCount;

  CellOrder(List<CellSpec> cells, int firstYear, int yearCount) {
    count = cells.size();
    Integer[] order = IntStream.range(0, count).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> cells.get(i).baseYear()));
    projectionIndex = new int[count];
    internalIndex = new int[count];
    baseIndex = new int[count];
    for (int i = 0; i < count; i++) {
      projectionIndex[i] = order[i];
      internalIndex[order[i]] = i;
      baseIndex[i] = cells.get(order[i]).baseYear() - firstYear;
    }
    activeCount = new int[yearCount];
    for (int y = 0; y < yearCount; y++) {
      int n = 0;
      while (n < count && baseIndex[n] < y) {
        n++;
      }
      activeCount[y] = n;
    }
  }

  /** The spec of the cell with internal index {@code i}. */
  CellSpec spec(List<CellSpec> cells, int i) {
    return cells.get(projectionIndex[i]);
  }
}
