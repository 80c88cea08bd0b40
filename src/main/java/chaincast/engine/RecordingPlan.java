package chaincast.engine;

import java.util.BitSet;
import java.util.List;

/**
 * What the simulator turns from log space into values, year by year: only the groups that targets
 * and fans read in that year, and their cells (an {@code exp} per cell-year costs as much as a
 * step). Recording draws nothing, so what is recorded never changes the paths; {@link #everything}
 * records every cell and group in every year (the {@link PathSampler}).
 */
final class RecordingPlan {

  /** Per year index: whether anything is recorded (or a target evaluated) in it. */
  final boolean[] recorded;

  /** Per year index: the cells recorded (internal indices, ascending). */
  final int[][] cells;

  /** Per year index: the groups recorded (ascending). */
  final int[][] groups;

  private RecordingPlan(
      BitSet[] groupsByYear, BitSet[] cellsByYear, TargetTable targets, boolean all) {
    int years = groupsByYear.length;
    recorded = new boolean[years];
    cells = new int[years][];
    groups = new int[years][];
    for (int y = 0; y < years; y++) {
      recorded[y] = all || !groupsByYear[y].isEmpty() || targets.byYear[y].length > 0;
      groups[y] = groupsByYear[y].stream().toArray();
      cells[y] = cellsByYear[y].stream().toArray();
    }
  }

  /** Records what the targets and fans read. */
  static RecordingPlan needed(
      TargetTable targets, List<FanSpec> fans, GroupTable groups, int yearCount) {
    BitSet[] groupsByYear = new BitSet[yearCount];
    BitSet[] cellsByYear = new BitSet[yearCount];
    for (int y = 0; y < yearCount; y++) {
      groupsByYear[y] = new BitSet();
      for (FanSpec fan : fans) {
        groupsByYear[y].set(fan.group());
      }
    }
    for (int t = 0; t < targets.count; t++) {
      for (int g : targets.groupsRead(t)) {
        groupsByYear[targets.yearIndex[t]].set(g);
      }
    }
    for (int y = 0; y < yearCount; y++) {
      cellsByYear[y] = cellsOf(groupsByYear[y], groups);
    }
    return new RecordingPlan(groupsByYear, cellsByYear, targets, false);
  }

  /** Records every cell and group in every year. */
  static RecordingPlan everything(
      TargetTable targets, GroupTable groups, int cellCount, int yearCount) {
    BitSet[] groupsByYear = new BitSet[yearCount];
    BitSet[] cellsByYear = new BitSet[yearCount];
    for (int y = 0; y < yearCount; y++) {
      groupsByYear[y] = firstBits(groups.count);
      cellsByYear[y] = firstBits(cellCount);
    }
    return new RecordingPlan(groupsByYear, cellsByYear, targets, true);
  }

  private static BitSet cellsOf(BitSet groupSet, GroupTable groups) {
    BitSet cells = new BitSet();
    for (int g = groupSet.nextSetBit(0); g >= 0; g = groupSet.nextSetBit(g + 1)) {
      for (int k = groups.start[g]; k < groups.start[g + 1]; k++) {
        cells.set(groups.cells[k]);
      }
    }
    return cells;
  }

  private static BitSet firstBits(int n) {
    BitSet b = new BitSet();
    b.set(0, n);
    return b;
  }
}
