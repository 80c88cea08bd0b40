package chaincast.run;

import chaincast.engine.FanSpec;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.FanRequest;
import chaincast.v1.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage that turns the requested fans into the engine's fan specs, each over the group of cells
 * its subject sums, and names them for the report.
 *
 * @param specs what the engine records, in request order
 * @param metas how the report names each fan, in the same order
 */
record FanStage(List<FanSpec> specs, List<PlannedRun.FanMeta> metas) {

  FanStage {
    specs = List.copyOf(specs);
    metas = List.copyOf(metas);
  }

  /** Builds the fans of {@code fans}, asking {@code groups} for the sums they read. */
  static FanStage of(Model model, ModelIndex index, List<FanRequest> fans, GroupTable groups) {
    List<FanSpec> specs = new ArrayList<>();
    List<PlannedRun.FanMeta> metas = new ArrayList<>();
    for (FanRequest fan : fans) {
      Subject subject = fan.getSubject();
      String label = SubjectNames.key(subject);
      specs.add(new FanSpec(label, groups.idOf(index.sorted(cellsOf(model, subject)), label)));
      metas.add(new PlannedRun.FanMeta(subject, SubjectNames.name(model, subject)));
    }
    return new FanStage(specs, metas);
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
