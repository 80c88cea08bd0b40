package chaincast.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Small builders and closed forms shared by the engine tests. */
final class Models {

  static final NormalDistribution STD_NORMAL = new NormalDistribution(null, 0, 1);
  static final ShockSpec NORMAL = new ShockSpec(0.3, 0.2, ShockSpec.Distribution.NORMAL, 0);
  static final double[] PCT = {5, 25, 50, 75, 95};

  private Models() {}

  static CellSpec cell(
      String id,
      int chain,
      int baseYear,
      double base,
      double m,
      double s,
      double vol,
      EventSpec... events) {
    return new CellSpec(id, chain, baseYear, base, m, s, vol, List.of(events));
  }

  static GroupSpec group(String id, int... cells) {
    return new GroupSpec(id, cells);
  }

  /**
   * A projection with one single-cell group per cell (group i = cell i), plus {@code extraGroups}.
   */
  static Builder builder(ShockSpec shocks, int horizon, CellSpec... cells) {
    return new Builder(shocks, horizon, cells);
  }

  static final class Builder {
    final ShockSpec shocks;
    final int horizon;
    final List<CellSpec> cells;
    final List<GroupSpec> groups = new ArrayList<>();
    final List<TargetSpec> targets = new ArrayList<>();
    final List<FanSpec> fans = new ArrayList<>();
    final List<JointSpec> joints = new ArrayList<>();
    final List<Evidence> evidence = new ArrayList<>();

    Builder(ShockSpec shocks, int horizon, CellSpec... cells) {
      this.shocks = shocks;
      this.horizon = horizon;
      this.cells = Arrays.asList(cells);
      for (int i = 0; i < cells.length; i++) {
        groups.add(new GroupSpec("g-" + cells[i].id(), new int[] {i}));
      }
    }

    /** Adds a group; returns its index. */
    int group(String id, int... cellIndices) {
      groups.add(new GroupSpec(id, cellIndices));
      return groups.size() - 1;
    }

    /** Adds a value target; returns its index. */
    int target(int group, int year, double threshold) {
      targets.add(new ValueTarget("t" + targets.size(), group, year, threshold, false));
      return targets.size() - 1;
    }

    int target(TargetSpec spec) {
      targets.add(spec);
      return targets.size() - 1;
    }

    Builder fan(int group) {
      fans.add(new FanSpec("fan" + fans.size(), group));
      return this;
    }

    Builder joint(int... targetIndices) {
      joints.add(new JointSpec("j" + joints.size(), targetIndices));
      return this;
    }

    /** Adds an observation of the sum of these cells. */
    Builder observe(int year, double value, double logSd, int... cellIndices) {
      evidence.add(new Evidence("o" + evidence.size(), cellIndices, year, value, logSd));
      return this;
    }

    Projection build() {
      int chains = cells.stream().mapToInt(CellSpec::chainIndex).max().orElse(0) + 1;
      return new Projection(
          cells, chains, shocks, groups, targets, fans, joints, horizon, List.of(), List.of(),
          evidence);
    }
  }

  static RunSettings fixed(long paths, long seed) {
    return new RunSettings(paths, 0, 0, seed, PCT);
  }

  static RunSettings precision(double halfWidth, long maxPaths, long seed) {
    return new RunSettings(0, halfWidth, maxPaths, seed, PCT);
  }

  static double upperTail(double z) {
    return 1 - STD_NORMAL.cumulativeProbability(z);
  }

  static double quantile(double p) {
    return STD_NORMAL.inverseCumulativeProbability(p);
  }

  /** Asserts |actual - expected| <= k * se, with a message showing the z-score. */
  static void assertWithin(double expected, double actual, double se, double k, String what) {
    double z = (actual - expected) / se;
    if (!(Math.abs(actual - expected) <= k * se)) {
      throw new AssertionError(
          what
              + ": expected "
              + expected
              + ", got "
              + actual
              + " ("
              + String.format("%.2f", z)
              + " SE, allowed "
              + k
              + ")");
    }
  }
}
