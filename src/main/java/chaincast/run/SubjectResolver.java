package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.CountCell;
import chaincast.v1.Scope;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import java.util.Optional;

/**
 * Turns a subject named by {@code any_id} into the kind it names, and says which one region and
 * chain a subject belongs to (the report's {@code region_id} and {@code chain_id} columns).
 *
 * <p>{@code any_id} is looked up as a target, a cell, a count cell, a chain, a region, then "city":
 * target ids are long and hyphenated, cell ids hold an "@", so the order only decides between a
 * chain and a region of the same id, which the seeded model does not have.
 */
public final class SubjectResolver {
  /** The {@code any_id} that names the city total. */
  public static final String CITY = "city";

  private SubjectResolver() {}

  /**
   * The subject with {@code any_id} replaced by the kind it names; other subjects as they are.
   *
   * @param model the seeded model
   * @param s a subject
   * @return the typed subject, or empty when {@code any_id} names nothing
   */
  public static Optional<Subject> resolve(Model model, Subject s) {
    if (s.getKindCase() != Subject.KindCase.ANY_ID) {
      return Optional.of(s);
    }
    String id = s.getAnyId();
    Subject.Builder b = Subject.newBuilder();
    if (model.target(id).isPresent()) {
      b.setTargetId(id);
    } else if (model.cell(id).isPresent()) {
      b.setCellId(id);
    } else if (model.countCell(id).isPresent()) {
      b.setCountCellId(id);
    } else if (model.chain(id).isPresent()) {
      b.setChainId(id);
    } else if (model.region(id).isPresent()) {
      b.setRegionId(id);
    } else if (CITY.equals(id)) {
      b.setCity(true);
    } else {
      return Optional.empty();
    }
    return Optional.of(b.build());
  }

  /**
   * The id a subject is named by, whatever its kind ("city" for the city).
   *
   * @param s a subject
   * @return its id
   */
  public static String idOf(Subject s) {
    return switch (s.getKindCase()) {
      case CELL_ID -> s.getCellId();
      case CHAIN_ID -> s.getChainId();
      case REGION_ID -> s.getRegionId();
      case TARGET_ID -> s.getTargetId();
      case COUNT_CELL_ID -> s.getCountCellId();
      case ANY_ID -> s.getAnyId();
      case CITY -> CITY;
      case KIND_NOT_SET -> "";
    };
  }

  /**
   * The one region a typed subject lies in, or "" when it spans several or none.
   *
   * @param model the seeded model
   * @param s a typed subject (not {@code any_id})
   * @return the region id or ""
   */
  public static String regionOf(Model model, Subject s) {
    return switch (s.getKindCase()) {
      case CELL_ID -> model.cell(s.getCellId()).map(Cell::getRegionId).orElse("");
      case COUNT_CELL_ID ->
          model.countCell(s.getCountCellId()).map(CountCell::getRegionId).orElse("");
      case REGION_ID -> s.getRegionId();
      case TARGET_ID ->
          model.target(s.getTargetId()).map(t -> only(t.getScope(), false)).orElse("");
      default -> "";
    };
  }

  /**
   * The one chain a typed subject belongs to, or "" when it spans several.
   *
   * @param model the seeded model
   * @param s a typed subject (not {@code any_id})
   * @return the chain id or ""
   */
  public static String chainOf(Model model, Subject s) {
    return switch (s.getKindCase()) {
      case CELL_ID -> model.cell(s.getCellId()).map(Cell::getChainId).orElse("");
      case COUNT_CELL_ID ->
          model.countCell(s.getCountCellId()).map(CountCell::getChainId).orElse("");
      case CHAIN_ID -> s.getChainId();
      case TARGET_ID -> model.target(s.getTargetId()).map(t -> only(t.getScope(), true)).orElse("");
      default -> "";
    };
  }

  /**
   * The one region (or chain) a target's scope lists, or "".
   *
   * @param t a target
   * @param chain the chain rather than the region
   * @return the id or ""
   */
  public static String only(Target t, boolean chain) {
    return only(t.getScope(), chain);
  }

  private static String only(Scope scope, boolean chain) {
    var ids = chain ? scope.getChainIdsList() : scope.getRegionIdsList();
    return ids.size() == 1 ? ids.get(0) : "";
  }
}
