package chaincast.run;

import chaincast.engine.GroupSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sums of cells a plan asks the engine for, keyed by their cell set so that two targets (or a
 * target and a fan) on one scope share one sum, and the cells and count cells any of them use (the
 * assumptions report lists the parameters of those only).
 */
final class GroupTable {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<GroupSpec> specs = new ArrayList<>();
  private final Set<Integer> usedCells = new TreeSet<>();
  private final Set<Integer> usedCounts = new TreeSet<>();

  /** The id of the group of {@code cells} (sorted positions), added under {@code label} if new. */
  int idOf(int[] cells, String label) {
    for (int c : cells) {
      usedCells.add(c);
    }
    return ids.computeIfAbsent(
        Arrays.toString(cells),
        k -> {
          specs.add(new GroupSpec(label, cells));
          return specs.size() - 1;
        });
  }

  /** Records that a target reads count cell {@code k}. */
  void useCount(int k) {
    usedCounts.add(k);
  }

  /** The groups in the order they were first asked for. */
  List<GroupSpec> specs() {
    return List.copyOf(specs);
  }

  /** Positions of the cells any group holds, ascending. */
  Set<Integer> usedCells() {
    return usedCells;
  }

  /** Positions of the count cells any target reads, ascending. */
  Set<Integer> usedCounts() {
    return usedCounts;
  }
}
