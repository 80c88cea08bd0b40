package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.Comparison;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Threshold;
import chaincast.v1.Unit;
import java.math.BigDecimal;

/** What a threshold compares and how it is named, shared by the validator, planner and clients. */
public final class Thresholds {
  /** Most thresholds in one request: each is one or two engine targets. */
  public static final int MAX_PER_REQUEST = 64;

  private Thresholds() {}

  /**
   * The threshold's id, or one made from its fields: {@code pharma@2025>=900}, {@code
   * etdz@2025<=300}, {@code pharma@2025=800..1000} for a range.
   *
   * @param th a threshold with its year filled in
   * @return its id
   */
  public static String idOf(Threshold th) {
    if (!th.getId().isEmpty()) {
      return th.getId();
    }
    String head = SubjectResolver.idOf(th.getSubject()) + "@" + th.getYear();
    if (th.getComparison() == Comparison.COMPARISON_BETWEEN) {
      return head + "=" + number(th.getValue()) + ".." + number(th.getUpperValue());
    }
    return head + symbol(th.getComparison()) + number(th.getValue());
  }

  /**
   * {@code ">="}, {@code ">"}, {@code "<="}, {@code "<"} or {@code ".."}: a comparison as the CLI
   * writes it.
   *
   * @param c a comparison
   * @return its symbol ("" when unspecified)
   */
  public static String symbol(Comparison c) {
    return switch (c) {
      case COMPARISON_AT_LEAST -> ">=";
      case COMPARISON_GREATER_THAN -> ">";
      case COMPARISON_AT_MOST -> "<=";
      case COMPARISON_LESS_THAN -> "<";
      case COMPARISON_BETWEEN -> "..";
      default -> "";
    };
  }

  /** 900, 2.5, 0.001: the shortest exact decimal of a level, for ids. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /**
   * What a typed subject's value is: a count for count targets and count cells, chains for a
   * chains-above target, output otherwise.
   *
   * @param model the seeded model
   * @param s a typed subject
   * @return its kind
   */
  public static TargetKind kindOf(Model model, Subject s) {
    if (s.getKindCase() == Subject.KindCase.COUNT_CELL_ID) {
      return TargetKind.TARGET_KIND_COUNT;
    }
    if (s.getKindCase() == Subject.KindCase.TARGET_ID) {
      return model
          .target(s.getTargetId())
          .map(Target::getKind)
          .orElse(TargetKind.TARGET_KIND_OUTPUT);
    }
    return TargetKind.TARGET_KIND_OUTPUT;
  }

  /**
   * The unit of a typed subject's value: a target's own unit; else 亿元 for output, a count
   * otherwise.
   *
   * @param model the seeded model
   * @param s a typed subject
   * @return its unit
   */
  public static Unit unitOf(Model model, Subject s) {
    if (s.getKindCase() == Subject.KindCase.TARGET_ID) {
      var t = model.target(s.getTargetId());
      if (t.isPresent()) {
        return t.get().getUnit();
      }
    }
    return kindOf(model, s) == TargetKind.TARGET_KIND_OUTPUT ? Unit.UNIT_YI_YUAN : Unit.UNIT_COUNT;
  }
}
