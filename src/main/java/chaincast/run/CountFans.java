package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.CountTarget;
import chaincast.engine.TargetSpec;
import chaincast.model.Model;
import chaincast.v1.Comparison;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Fans of counts. The engine keeps counts apart from output (a count is drawn only in the years a
 * target reads it), so a count fan asks for one target per year, "at least 0" (certain, so no
 * estimator spends work on its probability), and reads the fan from their value distributions: the
 * exact discrete quantiles of the count in each year.
 */
final class CountFans {
  private CountFans() {}

  /**
   * The engine targets of one count fan and what the report needs to put it together.
   *
   * @param specs one target per year, from the base year to the horizon
   * @param fan where they start and the base they grow from
   */
  record Built(List<TargetSpec> specs, PlannedRun.CountFan fan) {}

  static Built of(
      Model model,
      ModelIndex index,
      Subject subject,
      String label,
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      GroupTable groups,
      int horizon,
      int first) {
    List<TargetSpec> specs = new ArrayList<>();
    if (subject.getKindCase() == Subject.KindCase.COUNT_CELL_ID) {
      int k = index.countCell(subject.getCountCellId());
      CountCellSpec c = counts.get(k);
      groups.useCount(k);
      for (int y = c.baseYear(); y <= horizon; y++) {
        specs.add(new CountTarget("fan:" + label + ":" + y, new int[] {k}, y, 0, false));
      }
      return new Built(
          specs, new PlannedRun.CountFan(first, c.baseYear(), c.baseCount(), specs.size()));
    }
    Target t = model.target(subject.getTargetId()).orElseThrow();
    PlannedRun.TargetBase base =
        TargetStage.of(model, index, List.of(certain(t, label, horizon)), cells, counts, groups)
            .bases()
            .get(0);
    for (int y = base.year(); y <= horizon; y++) {
      specs.add(
          TargetStage.of(model, index, List.of(certain(t, label, y)), cells, counts, groups)
              .specs()
              .get(0));
    }
    return new Built(
        specs, new PlannedRun.CountFan(first, base.year(), base.value(), specs.size()));
  }

  /** Target {@code t} in {@code year} at goal 0: met on every path. */
  private static Target certain(Target t, String label, int year) {
    return t.toBuilder()
        .setId("fan:" + label + ":" + year)
        .setYear(year)
        .setValue(0)
        .setComparison(Comparison.COMPARISON_AT_LEAST)
        .build();
  }
}
