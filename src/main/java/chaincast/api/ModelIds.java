package chaincast.api;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.Chain;
import chaincast.v1.CountCell;
import chaincast.v1.Plan;
import chaincast.v1.Region;
import chaincast.v1.Target;
import java.util.ArrayList;
import java.util.List;

/** The model's ids of one kind, the candidates of a "did you mean …". */
final class ModelIds {
  private ModelIds() {}

  /**
   * Ids of {@code resourceType} ("target", "plan", "chain", "region", "cell", "count cell", or
   * "subject" for everything a subject may name); none for other types.
   */
  static List<String> of(Model model, String resourceType) {
    return switch (resourceType) {
      case "target" -> model.targets().stream().map(Target::getId).toList();
      case "plan" -> model.plans().stream().map(Plan::getId).toList();
      case "chain" -> model.chains().stream().map(Chain::getId).toList();
      case "region" -> model.regions().stream().map(Region::getId).toList();
      case "cell" -> model.cells().stream().map(Cell::getId).toList();
      case "count cell" -> model.countCells().stream().map(CountCell::getId).toList();
      case "subject" -> subjects(model);
      default -> List.of();
    };
  }

  private static List<String> subjects(Model model) {
    List<String> all = new ArrayList<>();
    for (String type : List.of("target", "cell", "count cell", "chain", "region")) {
      all.addAll(of(model, type));
    }
    all.add("city");
    return all;
  }
}
