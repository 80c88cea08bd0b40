package chaincast.engine;

import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the engine simulates: cells, count cells, the groups and targets built on them, macro
 * shocks, fans, joint sets and the horizon. Immutable.
 *
 * @param cells the cells
 * @param chainCount number of chain factors; every {@link CellSpec#chainIndex()} is below it
 * @param shocks shock structure
 * @param groups sums of cells
 * @param targets targets on groups or count cells
 * @param fans fans on groups
 * @param joints joint sets of targets
 * @param horizonYear last simulated calendar year; every target year is at most this, and at least
 *     the base year of every cell its groups hold
 * @param countCells counting processes, for count targets
 * @param macroShocks deterministic changes of level
 * @param evidence observations the paths are conditioned on (weighted by)
 */
public record Projection(
    List<CellSpec> cells,
    int chainCount,
    ShockSpec shocks,
    List<GroupSpec> groups,
    List<TargetSpec> targets,
    List<FanSpec> fans,
    List<JointSpec> joints,
    int horizonYear,
    List<CountCellSpec> countCells,
    List<MacroShockSpec> macroShocks,
    List<Evidence> evidence) {

  /** Copies the lists, so the projection stays immutable. */
  public Projection {
    cells = List.copyOf(cells);
    groups = List.copyOf(groups);
    targets = List.copyOf(targets);
    fans = List.copyOf(fans);
    joints = List.copyOf(joints);
    countCells = List.copyOf(countCells);
    macroShocks = List.copyOf(macroShocks);
    evidence = List.copyOf(evidence);
  }

  /** A projection with no evidence: every path weighs the same. */
  public Projection(
      List<CellSpec> cells,
      int chainCount,
      ShockSpec shocks,
      List<GroupSpec> groups,
      List<TargetSpec> targets,
      List<FanSpec> fans,
      List<JointSpec> joints,
      int horizonYear,
      List<CountCellSpec> countCells,
      List<MacroShockSpec> macroShocks) {
    this(
        cells,
        chainCount,
        shocks,
        groups,
        targets,
        fans,
        joints,
        horizonYear,
        countCells,
        macroShocks,
        List.of());
  }

  /** A projection of output cells only: no counts, no macro shocks. */
  public Projection(
      List<CellSpec> cells,
      int chainCount,
      ShockSpec shocks,
      List<GroupSpec> groups,
      List<TargetSpec> targets,
      List<FanSpec> fans,
      List<JointSpec> joints,
      int horizonYear) {
    this(
        cells,
        chainCount,
        shocks,
        groups,
        targets,
        fans,
        joints,
        horizonYear,
        List.of(),
        List.of(),
        List.of());
  }

  /** The first simulated year: the earliest base year of any cell or count cell. */
  public int firstYear() {
    return Stream.concat(
            cells.stream().map(CellSpec::baseYear),
            countCells.stream().map(CountCellSpec::baseYear))
        .mapToInt(Integer::intValue)
        .min()
        .orElse(horizonYear);
  }
}
