package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.CountTarget;
import chaincast.engine.TargetSpec;
import chaincast.engine.ValueTarget;
import chaincast.model.Model;
import chaincast.v1.Comparison;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Threshold;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage that turns the requested thresholds into engine targets, appended after the plan's own
 * targets. The engine only asks "at least" or "more than", so the other comparisons are built from
 * those on the same paths: {@code ≤ x} is the complement of {@code > x}, {@code < x} that of {@code
 * ≥ x}, and a range {@code [a, b]} is {@code ≥ a} minus {@code > b} (two engine targets).
 *
 * <p>A threshold on a target's subject is that target with another level, built by {@link
 * TargetStage} itself: a threshold equal to a seeded target reads the same sum of cells with the
 * same test, so it gets the same numbers.
 *
 * @param specs the engine targets, in order
 * @param metas per threshold, how the report puts it back together
 */
record ThresholdStage(List<TargetSpec> specs, List<PlannedRun.ThresholdMeta> metas) {

  ThresholdStage {
    specs = List.copyOf(specs);
    metas = List.copyOf(metas);
  }

  /** The engine's view of one bound: at least {@code level}, or more than it when strict. */
  private record Bound(double level, boolean strict) {}

  /**
   * Builds the thresholds' engine targets, numbered from {@code first} (the plan's target count).
   *
   * @throws PlanningException when a count cell is observed after a threshold's year
   */
  static ThresholdStage of(
      Model model,
      ModelIndex index,
      List<Threshold> thresholds,
      int horizon,
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      GroupTable groups,
      int first) {
    List<TargetSpec> specs = new ArrayList<>();
    List<PlannedRun.ThresholdMeta> metas = new ArrayList<>();
    for (Threshold asked : thresholds) {
      Subject s = SubjectResolver.resolve(model, asked.getSubject()).orElseThrow();
      int year = asked.getYear() == 0 ? horizon : asked.getYear();
      Threshold th = asked.toBuilder().setSubject(s).setYear(year).build();
      th = th.toBuilder().setId(Thresholds.idOf(th)).build();
      List<Bound> bounds = bounds(th);
      int lower = first + specs.size();
      for (int b = 0; b < bounds.size(); b++) {
        String engineId = "threshold:" + th.getId() + (b == 0 ? "" : ":upper");
        specs.add(spec(model, index, s, year, bounds.get(b), engineId, cells, counts, groups));
      }
      Comparison c = th.getComparison();
      boolean complement =
          c == Comparison.COMPARISON_AT_MOST || c == Comparison.COMPARISON_LESS_THAN;
      metas.add(
          new PlannedRun.ThresholdMeta(
              th,
              SubjectNames.name(model, s),
              Thresholds.unitOf(model, s),
              Thresholds.kindOf(model, s),
              lower,
              bounds.size() > 1 ? lower + 1 : -1,
              complement,
              SubjectResolver.regionOf(model, s),
              SubjectResolver.chainOf(model, s)));
    }
    return new ThresholdStage(specs, metas);
  }

  private static List<Bound> bounds(Threshold th) {
    double v = th.getValue();
    return switch (th.getComparison()) {
      case COMPARISON_AT_LEAST -> List.of(new Bound(v, false));
      case COMPARISON_GREATER_THAN, COMPARISON_AT_MOST -> List.of(new Bound(v, true));
      case COMPARISON_LESS_THAN -> List.of(new Bound(v, false));
      case COMPARISON_BETWEEN -> List.of(new Bound(v, false), new Bound(th.getUpperValue(), true));
      default -> throw new IllegalArgumentException("unchecked comparison " + th.getComparison());
    };
  }

  private static TargetSpec spec(
      Model model,
      ModelIndex index,
      Subject s,
      int year,
      Bound bound,
      String engineId,
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      GroupTable groups) {
    switch (s.getKindCase()) {
      case TARGET_ID -> {
        Target t = model.target(s.getTargetId()).orElseThrow();
        Target asked = atLevel(t, engineId, year, bound);
        return TargetStage.of(model, index, List.of(asked), cells, counts, groups).specs().get(0);
      }
      case COUNT_CELL_ID -> {
        int k = index.countCell(s.getCountCellId());
        CountCellSpec c = counts.get(k);
        if (c.baseYear() > year) {
          throw new PlanningException(
              "thresholds",
              "count cell '"
                  + c.id()
                  + "' is observed in "
                  + c.baseYear()
                  + ", after the threshold's year "
                  + year);
        }
        groups.useCount(k);
        return new CountTarget(engineId, new int[] {k}, year, bound.level(), bound.strict());
      }
      default -> {
        int[] sorted = index.sorted(FanStage.cellsOf(model, s));
        int group = groups.idOf(sorted, engineId);
        return new ValueTarget(engineId, group, year, bound.level(), bound.strict());
      }
    }
  }

  /**
   * Target {@code t} asked at another level and year. A chains-above target counts whole chains, so
   * its level becomes the least whole number that passes: {@code ≥ 2.5} is {@code ≥ 3}, {@code > 2}
   * is {@code ≥ 3}.
   */
  private static Target atLevel(Target t, String engineId, int year, Bound bound) {
    Target.Builder b = t.toBuilder().setId(engineId).setYear(year);
    if (t.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE) {
      double needed = bound.strict() ? Math.floor(bound.level()) + 1 : Math.ceil(bound.level());
      return b.setValue(Math.max(0, needed)).setComparison(Comparison.COMPARISON_AT_LEAST).build();
    }
    return b.setValue(bound.level())
        .setComparison(
            bound.strict() ? Comparison.COMPARISON_GREATER_THAN : Comparison.COMPARISON_AT_LEAST)
        .build();
  }
}
