package chaincast.engine;

import java.util.List;

/**
 * Everything the engine simulates: cells, the groups and targets built on
 * them, fans, joint sets and the horizon. Immutable.
 *
 * @param cells       the cells
 * @param chainCount  number of chain factors; every {@link CellSpec#chainIndex()} is below it
 * @param shocks      shock structure
 * @param groups      sums of cells
 * @param targets     targets on groups
 * @param fans        fans on groups
 * @param joints      joint sets of targets
 * @param horizonYear last simulated calendar year; every target year is at most this,
 *                    and at least the base year of every cell its groups hold
 */
public record Projection(
    List<CellSpec> cells,
    int chainCount,
    ShockSpec shocks,
    List<GroupSpec> groups,
    List<TargetSpec> targets,
    List<FanSpec> fans,
    List<JointSpec> joints,
    int horizonYear) {

  public Projection {
    cells = List.copyOf(cells);
    groups = List.copyOf(groups);
    targets = List.copyOf(targets);
    fans = List.copyOf(fans);
    joints = List.copyOf(joints);
  }

  /** The first simulated year: the earliest base year. */
  public int firstYear() {
    return cells.stream().mapToInt(CellSpec::baseYear).min().orElse(horizonYear);
  }
}
