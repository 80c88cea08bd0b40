package chaincast.engine;

import java.util.List;

/**
 * The groups (sums of cells), flattened: the cells of group g are {@code cells[start[g] .. start[g
 * + 1])}, as internal cell indices in the group's own order (the order of the sum).
 */
final class GroupTable {

  /** Number of groups. */
  final int count;

  /** Per group, where its cells start in {@link #cells}; {@code start[count]} is the total. */
  final int[] start;

  /** The cells of every group, one group after the other (internal indices). */
  final int[] cells;

  GroupTable(List<GroupSpec> groups, CellOrder order) {
    count = groups.size();
    start = new int[count + 1];
    int total = 0;
    for (int g = 0; g < count; g++) {
      start[g] = total;
      total += groups.get(g).cells().length;
    }
    start[count] = total;
    cells = new int[total];
    for (int g = 0; g < count; g++) {
      int[] members = groups.get(g).cells();
      for (int k = 0; k < members.length; k++) {
        cells[start[g] + k] = order.internalIndex[members[k]];
      }
    }
  }
}
