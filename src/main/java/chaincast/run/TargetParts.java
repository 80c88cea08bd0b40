package chaincast.run;

import chaincast.engine.CountTarget;
import chaincast.engine.Projection;
import chaincast.engine.TargetSpec;
import chaincast.engine.ValueTarget;
import chaincast.v1.Target;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which reported target each target is a part of: the one of the same plan, year and kind whose
 * cells (or count cells) strictly contain its own, the smallest such. A plan's breakdown (a
 * county's share of the city's pharma output, one chain of the ten) thereby hangs under its
 * headline figure, and the targets that are parts of none are the headlines a summary shows first.
 */
final class TargetParts {
  private TargetParts() {}

  /**
   * Per planned target, the id of the target it is a part of, or "".
   *
   * @param targets the plan's targets, in projection order
   * @param projection the projection whose first target specs are theirs
   * @return one id or "" per target
   */
  static List<String> partOf(List<Target> targets, Projection projection) {
    List<BitSet> sets = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      sets.add(members(projection, projection.targets().get(i)));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      BitSet mine = sets.get(i);
      int best = -1;
      for (int j = 0; j < targets.size(); j++) {
        Target u = targets.get(j);
        BitSet theirs = sets.get(j);
        boolean sameFamily =
            j != i
                && u.getPlanId().equals(t.getPlanId())
                && u.getYear() == t.getYear()
                && u.getKind() == t.getKind();
        if (sameFamily
            && !mine.isEmpty()
            && contains(theirs, mine)
            && theirs.cardinality() > mine.cardinality()
            && (best < 0 || theirs.cardinality() < sets.get(best).cardinality())) {
          best = j;
        }
      }
      out.add(best < 0 ? "" : targets.get(best).getId());
    }
    return out;
  }

  /** The cells a value target sums or the count cells a count target adds; empty for others. */
  private static BitSet members(Projection projection, TargetSpec spec) {
    BitSet set = new BitSet();
    if (spec instanceof ValueTarget v) {
      for (int c : projection.groups().get(v.group()).cells()) {
        set.set(c);
      }
    } else if (spec instanceof CountTarget c) {
      for (int k : c.countCells()) {
        set.set(k);
      }
    }
    return set;
  }

  private static boolean contains(BitSet outer, BitSet inner) {
    BitSet rest = (BitSet) inner.clone();
    rest.andNot(outer);
    return rest.isEmpty();
  }
}
