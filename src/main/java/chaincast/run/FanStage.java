package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.FanSpec;
import chaincast.engine.TargetSpec;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.FanRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.Subject;
import chaincast.v1.TargetKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage that turns the requested fans into the engine's fan specs, each over the group of cells
 * its subject sums, and names them for the report.
 *
 * @param specs what the engine records, in request order
 * @param metas how the report names each fan, in the same order
 * @param countTargets the engine targets behind the count fans, in order
 */
record FanStage(
    List<FanSpec> specs, List<PlannedRun.FanMeta> metas, List<TargetSpec> countTargets) {

  FanStage {
    specs = List.copyOf(specs);
    metas = List.copyOf(metas);
    countTargets = List.copyOf(countTargets);
  }

  /**
   * Builds the fans of {@code fans}, asking {@code groups} for the sums they read. A fan of a count
   * (a count target, a chains-above target or a count cell) is one engine target per year from its
   * base year, numbered from {@code firstTarget}: their value distributions are the fan, in counts.
   */
  static FanStage of(
      Model model,
      ModelIndex index,
      List<FanRequest> fans,
      GroupTable groups,
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      int horizon,
      int firstTarget) {
    List<FanSpec> specs = new ArrayList<>();
    List<PlannedRun.FanMeta> metas = new ArrayList<>();
    List<TargetSpec> countTargets = new ArrayList<>();
    for (FanRequest fan : fans) {
      Subject subject = SubjectResolver.resolve(model, fan.getSubject()).orElseThrow();
      LocalizedName name = SubjectNames.name(model, subject);
      String label = SubjectNames.key(subject);
      if (Thresholds.kindOf(model, subject) == TargetKind.TARGET_KIND_OUTPUT) {
        specs.add(new FanSpec(label, groups.idOf(index.sorted(cellsOf(model, subject)), label)));
        metas.add(new PlannedRun.FanMeta(subject, name, specs.size() - 1, null));
        continue;
      }
      CountFans.Built built =
          CountFans.of(
              model,
              index,
              subject,
              label,
              cells,
              counts,
              groups,
              horizon,
              firstTarget + countTargets.size());
      countTargets.addAll(built.specs());
      metas.add(new PlannedRun.FanMeta(subject, name, -1, built.fan()));
    }
    return new FanStage(specs, metas, countTargets);
  }

  /** The cells a subject sums. */
  static List<Cell> cellsOf(Model model, Subject subject) {
    return switch (subject.getKindCase()) {
      case CELL_ID -> List.of(model.cell(subject.getCellId()).orElseThrow());
      case CHAIN_ID -> model.cellsOfChain(subject.getChainId());
      case REGION_ID -> model.cellsOfRegion(subject.getRegionId());
      case TARGET_ID -> model.cellsIn(model.target(subject.getTargetId()).orElseThrow().getScope());
      case CITY -> model.cityCells();
      case ANY_ID -> cellsOf(model, SubjectResolver.resolve(model, subject).orElseThrow());
      case COUNT_CELL_ID ->
          throw new IllegalArgumentException("a count cell has no output cells: " + subject);
      case KIND_NOT_SET -> throw new IllegalArgumentException("subject has no kind");
    };
  }
}
