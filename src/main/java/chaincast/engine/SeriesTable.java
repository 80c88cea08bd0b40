package chaincast.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value series: one histogram per distinct (group, year) that a value target or a fan needs.
 * Targets and fans on the same group and year share one series, so a path adds its value to one
 * histogram instead of one per target. Series are numbered in order of first need: the value
 * targets in projection order, then each fan year by year.
 */
final class SeriesTable {

  /** Number of series. */
  final int count;

  /** Per series: its group. */
  final int[] group;

  /** Per year index y: the series recorded in y. */
  final int[][] byYear;

  /** Per target: its series, or -1 for targets that are not value targets. */
  final int[] ofTarget;

  /** Number of fans. */
  final int fanCount;

  /** Per fan and year index: its series. */
  final int[][] ofFan;

  SeriesTable(TargetTable targets, List<FanSpec> fans, int yearCount) {
    Map<Long, Integer> ids = new LinkedHashMap<>();
    ofTarget = new int[targets.count];
    for (int t = 0; t < targets.count; t++) {
      ofTarget[t] = targets.isValue[t] ? id(ids, targets.group[t], targets.yearIndex[t]) : -1;
    }
    fanCount = fans.size();
    ofFan = new int[fanCount][yearCount];
    for (int f = 0; f < fanCount; f++) {
      for (int y = 0; y < yearCount; y++) {
        ofFan[f][y] = id(ids, fans.get(f).group(), y);
      }
    }
    count = ids.size();
    group = new int[count];
    List<List<Integer>> ofYear = PerYear.lists(yearCount);
    for (var e : ids.entrySet()) {
      group[e.getValue()] = (int) (e.getKey() >>> 32);
      ofYear.get((int) (long) e.getKey()).add(e.getValue());
    }
    byYear = PerYear.toArrays(ofYear);
  }

  /** The series of a group in a year index, numbered on first need. */
  private static int id(Map<Long, Integer> ids, int group, int yearIndex) {
    return ids.computeIfAbsent(((long) group << 32) | yearIndex, k -> ids.size());
  }
}
