package chaincast.engine;

import java.util.BitSet;
import java.util.List;

/**
 * The targets and joint sets, flattened for {@link Tally}: one entry per target in projection
 * order. A target is a value target ({@link #isValue}), a count target ({@link #countCells} not
 * null) or a chains-above target ({@link #countedGroups} not null); the fields of the other kinds
 * are left at zero or null.
 */
final class TargetTable {

  /** Number of targets. */
  final int count;

  final boolean[] isValue;

  /** Per target: year index in which it is evaluated. */
  final int[] yearIndex;

  /** Per value target: its group. */
  final int[] group;

  /** Per count target: its count cells; null for other targets. */
  final int[][] countCells;

  /** Per value or count target: the threshold it must reach. */
  final double[] threshold;

  /** Per target: true if it must exceed its threshold (or minimum count) rather than reach it. */
  final boolean[] strict;

  /** Per chains-above target: the groups it counts; null for other targets. */
  final int[][] countedGroups;

  /** Per chains-above target: the level a group must reach to count. */
  final double[] level;

  /** Per chains-above target: how many groups must reach it. */
  final int[] minCount;

  /** Per year index y: the targets evaluated in y. */
  final int[][] byYear;

  /** Number of joint sets. */
  final int jointCount;

  /** Per joint set: its targets. */
  final int[][] jointTargets;

  TargetTable(List<TargetSpec> targets, List<JointSpec> joints, int firstYear, int yearCount) {
    count = targets.size();
    isValue = new boolean[count];
    yearIndex = new int[count];
    group = new int[count];
    countCells = new int[count][];
    threshold = new double[count];
    strict = new boolean[count];
    countedGroups = new int[count][];
    level = new double[count];
    minCount = new int[count];
    List<List<Integer>> ofYear = PerYear.lists(yearCount);
    for (int t = 0; t < count; t++) {
      TargetSpec spec = targets.get(t);
      yearIndex[t] = spec.year() - firstYear;
      ofYear.get(yearIndex[t]).add(t);
      fill(t, spec);
    }
    byYear = PerYear.toArrays(ofYear);
    jointCount = joints.size();
    jointTargets = joints.stream().map(JointSpec::targets).toArray(int[][]::new);
  }

  private void fill(int t, TargetSpec spec) {
    if (spec instanceof ValueTarget v) {
      isValue[t] = true;
      group[t] = v.group();
      threshold[t] = v.threshold();
      strict[t] = v.strict();
    } else if (spec instanceof CountTarget c) {
      countCells[t] = c.countCells();
      threshold[t] = c.threshold();
      strict[t] = c.strict();
    } else {
      ChainsAboveTarget c = (ChainsAboveTarget) spec;
      countedGroups[t] = c.groups();
      level[t] = c.level();
      minCount[t] = c.minCount();
      strict[t] = c.strict();
    }
  }

  /** The groups whose values target t reads: its group, the groups it counts, or none. */
  int[] groupsRead(int t) {
    if (isValue[t]) {
      return new int[] {group[t]};
    }
    return countedGroups[t] != null ? countedGroups[t] : new int[0];
  }

  /** The count cells some target counts: the only ones drawn. */
  BitSet countCellsRead() {
    BitSet read = new BitSet();
    for (int t = 0; t < count; t++) {
      if (countCells[t] != null) {
        for (int k : countCells[t]) {
          read.set(k);
        }
      }
    }
    return read;
  }
}
