package chaincast.engine;

import java.util.ArrayList;
import java.util.List;

/** Builds the per-year-index lists the section tables hand to the inner loop as arrays. */
final class PerYear {

  private PerYear() {}

  /** One empty list per year index. */
  static <T> List<List<T>> lists(int yearCount) {
    List<List<T>> lists = new ArrayList<>();
    for (int y = 0; y < yearCount; y++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }

  /** Each year's list as an array, in list order. */
  static int[][] toArrays(List<List<Integer>> lists) {
    int[][] out = new int[lists.size()][];
    for (int y = 0; y < out.length; y++) {
      out[y] = lists.get(y).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }
}
