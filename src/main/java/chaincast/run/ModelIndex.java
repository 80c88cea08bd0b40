package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.CountCell;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of the model's cells, chains and count cells in the engine's arrays: cells and count
 * cells in model order, chains in the order their first cell appears. Built once per planner.
 */
final class ModelIndex {
  private final Map<String, Integer> cells = new HashMap<>();
  private final Map<String, Integer> chains = new HashMap<>();
  private final Map<String, Integer> countCells = new HashMap<>();

  ModelIndex(Model model) {
    List<Cell> all = model.cells();
    for (int i = 0; i < all.size(); i++) {
      cells.put(all.get(i).getId(), i);
      chains.putIfAbsent(all.get(i).getChainId(), chains.size());
    }
    for (CountCell c : model.countCells()) {
      countCells.put(c.getId(), countCells.size());
    }
  }

  /** The position of a cell. */
  int cell(String id) {
    return cells.get(id);
  }

  /** The position of a chain among the chains that have cells. */
  int chain(String chainId) {
    return chains.get(chainId);
  }

  /** How many chains have cells. */
  int chainCount() {
    return chains.size();
  }

  /** The position of a count cell. */
  int countCell(String id) {
    return countCells.get(id);
  }

  /** The positions of {@code list}, sorted: the key of a group of cells. */
  int[] sorted(List<Cell> list) {
    return list.stream().mapToInt(c -> cell(c.getId())).sorted().toArray();
  }

  /** The positions of {@code list}, in its order. */
  int[] inOrder(List<Cell> list) {
    return list.stream().mapToInt(c -> cell(c.getId())).toArray();
  }
}
