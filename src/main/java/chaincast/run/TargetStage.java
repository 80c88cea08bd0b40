package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.ChainsAboveTarget;
import chaincast.engine.CountCellSpec;
import chaincast.engine.CountTarget;
import chaincast.engine.TargetSpec;
import chaincast.engine.ValueTarget;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.Comparison;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage that turns the simulated targets into the engine's target specs and says where each
 * target's scope starts (the base the report measures required growth from). Output targets read
 * one group of cells, chains-above targets one group per chain, count targets their count cells.
 *
 * @param specs per target, what the engine checks
 * @param bases per target, where its scope starts
 */
record TargetStage(List<TargetSpec> specs, List<PlannedRun.TargetBase> bases) {

  TargetStage {
    specs = List.copyOf(specs);
    bases = List.copyOf(bases);
  }

  /**
   * Builds the targets' specs, asking {@code groups} for the sums they read.
   *
   * @param cells every cell as resolved
   * @param counts every count cell as resolved
   * @throws PlanningException when a count cell is observed after the year of a target on it
   */
  static TargetStage of(
      Model model,
      ModelIndex index,
      List<Target> simulated,
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      GroupTable groups) {
    List<TargetSpec> specs = new ArrayList<>();
    List<PlannedRun.TargetBase> bases = new ArrayList<>();
    for (Target t : simulated) {
      boolean strict = t.getComparison() == Comparison.COMPARISON_GREATER_THAN;
      if (t.getKind() == TargetKind.TARGET_KIND_COUNT) {
        int[] counted =
            model.countCellsFor(t).stream().mapToInt(c -> index.countCell(c.getId())).toArray();
        specs.add(new CountTarget(t.getId(), counted, t.getYear(), t.getValue(), strict));
        bases.add(countBase(t, counted, counts, groups));
      } else if (t.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE) {
        List<int[]> perChain = chainsOf(model, index, t);
        int[] groupIds = new int[perChain.size()];
        for (int k = 0; k < perChain.size(); k++) {
          groupIds[k] = groups.idOf(perChain.get(k), t.getId());
        }
        specs.add(
            new ChainsAboveTarget(
                t.getId(),
                groupIds,
                t.getLevel(),
                t.getYear(),
                (int) Math.round(t.getValue()),
                strict));
        bases.add(chainsAboveBase(t, perChain, cells));
      } else {
        int[] scope = index.sorted(model.cellsIn(t.getScope()));
        specs.add(
            new ValueTarget(
                t.getId(), groups.idOf(scope, t.getId()), t.getYear(), t.getValue(), strict));
        bases.add(valueBase(scope, cells));
      }
    }
    return new TargetStage(specs, bases);
  }

  /**
   * The count cells' total at their base; counts are not simulated backwards from an observation.
   */
  private static PlannedRun.TargetBase countBase(
      Target t, int[] counted, List<CountCellSpec> counts, GroupTable groups) {
    double base = 0;
    int baseYear = Integer.MIN_VALUE;
    for (int k : counted) {
      CountCellSpec c = counts.get(k);
      if (c.baseYear() > t.getYear()) {
        throw new PlanningException(
            "observations",
            "count cell '"
                + c.id()
                + "' is observed in "
                + c.baseYear()
                + ", after the year "
                + t.getYear()
                + " of target '"
                + t.getId()
                + "'; leave that target out or observe an earlier year");
      }
      groups.useCount(k);
      base += c.baseCount();
      baseYear = Math.max(baseYear, c.baseYear());
    }
    return new PlannedRun.TargetBase(base, baseYear);
  }

  /** How many chains already reach the level at their base values. */
  private static PlannedRun.TargetBase chainsAboveBase(
      Target t, List<int[]> perChain, List<CellSpec> cells) {
    int already = 0;
    int baseYear = Integer.MIN_VALUE;
    for (int[] chain : perChain) {
      double base = 0;
      for (int c : chain) {
        base += cells.get(c).baseValue();
        baseYear = Math.max(baseYear, cells.get(c).baseYear());
      }
      already += base >= t.getLevel() ? 1 : 0;
    }
    return new PlannedRun.TargetBase(already, baseYear);
  }

  /**
   * The scope's total at its base: required growth is measured from where the paths start (later
   * observations weigh the paths, they are not a new start).
   */
  private static PlannedRun.TargetBase valueBase(int[] scope, List<CellSpec> cells) {
    double base = 0;
    int baseYear = Integer.MIN_VALUE;
    for (int c : scope) {
      base += cells.get(c).baseValue();
      baseYear = Math.max(baseYear, cells.get(c).baseYear());
    }
    return new PlannedRun.TargetBase(base, baseYear);
  }

  /** One cell-position array per chain in a chains-above target's scope. */
  private static List<int[]> chainsOf(Model model, ModelIndex index, Target t) {
    Map<String, List<Cell>> byChain = new LinkedHashMap<>();
    for (Cell c : model.cellsIn(t.getScope())) {
      byChain.computeIfAbsent(c.getChainId(), k -> new ArrayList<>()).add(c);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Cell> cells : byChain.values()) {
      out.add(index.sorted(cells));
    }
    return out;
  }
}
