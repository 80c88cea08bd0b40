package chaincast.api;

import chaincast.model.Model;
import chaincast.run.SubjectResolver;
import chaincast.v1.Subject;
import chaincast.v1.TargetKind;
import java.util.Optional;

/** Checks a fan's or a threshold's subject against the model. */
final class SubjectValidator {
  private final Model model;

  SubjectValidator(Model model) {
    this.model = model;
  }

  /**
   * Adds a violation unless {@code s} names something that exists and has modelled cells; count
   * cells only where {@code counts} allows them (thresholds, not fans).
   *
   * @return the subject with {@code any_id} resolved, when valid
   */
  Optional<Subject> check(Subject s, String field, boolean counts, Violations v) {
    if (s.getKindCase() == Subject.KindCase.ANY_ID) {
      Optional<Subject> typed = SubjectResolver.resolve(model, s);
      if (typed.isEmpty()) {
        v.notFound("subject", s.getAnyId(), field + ".any_id", model);
        return Optional.empty();
      }
      return check(typed.get(), field + ".any_id", counts, v);
    }
    boolean ok =
        switch (s.getKindCase()) {
          case CELL_ID -> known("cell", s.getCellId(), model.cell(s.getCellId()), field, v);
          case CHAIN_ID -> checkChain(s, field, v);
          case REGION_ID -> checkRegion(s, field, v);
          case TARGET_ID -> checkTarget(s, field, counts, v);
          case COUNT_CELL_ID -> checkCountCell(s, field, v);
          case CITY -> {
            if (!s.getCity()) {
              v.invalid(field + ".city", "must be true when set");
            }
            yield s.getCity();
          }
          case ANY_ID, KIND_NOT_SET -> {
            v.invalid(
                field,
                "set one of cell_id, chain_id, region_id, target_id, "
                    + (counts ? "count_cell_id, " : "")
                    + "city or any_id");
            yield false;
          }
        };
    return ok ? Optional.of(s) : Optional.empty();
  }

  private boolean known(String type, String id, Optional<?> found, String field, Violations v) {
    if (found.isEmpty()) {
      v.notFound(type, id, field + "." + type.replace(' ', '_') + "_id", model);
    }
    return found.isPresent();
  }

  private boolean checkChain(Subject s, String field, Violations v) {
    if (!known("chain", s.getChainId(), model.chain(s.getChainId()), field, v)) {
      return false;
    }
    if (model.cellsOfChain(s.getChainId()).isEmpty()) {
      v.invalid(field + ".chain_id", "chain '" + s.getChainId() + "' has no modelled cell");
      return false;
    }
    return true;
  }

  private boolean checkRegion(Subject s, String field, Violations v) {
    if (!known("region", s.getRegionId(), model.region(s.getRegionId()), field, v)) {
      return false;
    }
    if (model.cellsOfRegion(s.getRegionId()).isEmpty()) {
      v.invalid(field + ".region_id", "region '" + s.getRegionId() + "' has no modelled cell");
      return false;
    }
    return true;
  }

  private boolean checkTarget(Subject s, String field, boolean counts, Violations v) {
    var t = model.target(s.getTargetId());
    if (!known("target", s.getTargetId(), t, field, v)) {
      return false;
    }
    if (!model.isSimulated(t.get())) {
      v.invalid(
          field + ".target_id",
          "target '"
              + s.getTargetId()
              + "' is not simulated, so there is no value to "
              + (counts ? "compare" : "fan")
              + ": "
              + t.get().getNotSimulatedReason());
      return false;
    }
    if (t.get().getKind() == TargetKind.TARGET_KIND_OUTPUT
        && model.cellsIn(t.get().getScope()).isEmpty()) {
      v.invalid(
          field + ".target_id", "target '" + s.getTargetId() + "' has no modelled cell in scope");
      return false;
    }
    return true;
  }

  private boolean checkCountCell(Subject s, String field, Violations v) {
    if (!known("count cell", s.getCountCellId(), model.countCell(s.getCountCellId()), field, v)) {
      return false;
    }
    return true;
  }
}
