package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.LocalizedName;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;

/** How subjects are labelled for people (bilingual) and for keys (ASCII). */
public final class SubjectNames {
  /** The city as a subject: the ten city chains together. */
  public static final LocalizedName CITY =
      LocalizedName.newBuilder().setZh("全市十条产业链合计").setEn("City total, ten chains").build();

  private SubjectNames() {}

  /**
   * "cell:pharma@etdz", "chain:pharma", "region:etdz", "target:…", "city".
   *
   * @param s a subject
   * @return the key
   */
  public static String key(Subject s) {
    return switch (s.getKindCase()) {
      case CELL_ID -> "cell:" + s.getCellId();
      case CHAIN_ID -> "chain:" + s.getChainId();
      case REGION_ID -> "region:" + s.getRegionId();
      case TARGET_ID -> "target:" + s.getTargetId();
      case COUNT_CELL_ID -> "count:" + s.getCountCellId();
      case ANY_ID -> "id:" + s.getAnyId();
      case CITY -> "city";
      case KIND_NOT_SET -> "";
    };
  }

  /**
   * Bilingual name of a subject.
   *
   * @param model the seeded model
   * @param s a subject
   * @return the name
   */
  public static LocalizedName name(Model model, Subject s) {
    return switch (s.getKindCase()) {
      case CELL_ID -> cellName(model, model.cell(s.getCellId()).orElseThrow());
      case CHAIN_ID -> model.chain(s.getChainId()).orElseThrow().getName();
      case REGION_ID -> model.region(s.getRegionId()).orElseThrow().getName();
      case TARGET_ID -> model.target(s.getTargetId()).orElseThrow().getName();
      case COUNT_CELL_ID -> countCellName(model, s.getCountCellId());
      case ANY_ID -> SubjectResolver.resolve(model, s).map(r -> name(model, r)).orElseThrow();
      case CITY -> CITY;
      case KIND_NOT_SET -> LocalizedName.getDefaultInstance();
    };
  }

  /**
   * "生物医药 · 市开发区" / "Pharma · ETDZ".
   *
   * @param model the seeded model
   * @param c a cell of the model
   * @return the name
   */
  public static LocalizedName cellName(Model model, Cell c) {
    LocalizedName chain = model.chain(c.getChainId()).orElseThrow().getName();
    LocalizedName region = model.region(c.getRegionId()).orElseThrow().getName();
    return LocalizedName.newBuilder()
        .setZh(chain.getZh() + " · " + region.getZh())
        .setEn(chain.getEn() + " · " + region.getEn())
        .build();
  }

  /**
   * A count cell's name: that of the count target that counts it alone (规模以上医药工业企业数（市开发区）), else
   * its id.
   */
  private static LocalizedName countCellName(Model model, String id) {
    for (Target t : model.targets()) {
      if (t.getKind() == TargetKind.TARGET_KIND_COUNT) {
        var cells = model.countCellsFor(t);
        if (cells.size() == 1 && cells.get(0).getId().equals(id)) {
          return t.getName();
        }
      }
    }
    return LocalizedName.newBuilder().setZh(id).setEn(id).build();
  }
}
