package chaincast.api;

import chaincast.model.Model;
import chaincast.run.ProjectionPlanner;
import chaincast.run.Thresholds;
import chaincast.v1.Comparison;
import chaincast.v1.CountCell;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Threshold;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks {@code SimulationSpec.thresholds}: subject, year, comparison, levels and ids. */
final class ThresholdValidator {
  /** Longest threshold id. */
  static final int MAX_ID_LENGTH = 128;

  private final Model model;
  private final ProjectionPlanner planner;
  private final SubjectValidator subjects;

  ThresholdValidator(Model model, ProjectionPlanner planner, SubjectValidator subjects) {
    this.model = model;
    this.planner = planner;
    this.subjects = subjects;
  }

  void check(List<Threshold> thresholds, int horizon, boolean horizonValid, Violations v) {
    if (thresholds.size() > Thresholds.MAX_PER_REQUEST) {
      v.invalid(
          "spec.thresholds",
          "has " + thresholds.size() + " entries; at most " + Thresholds.MAX_PER_REQUEST);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < thresholds.size(); i++) {
      Threshold th = thresholds.get(i);
      String field = "spec.thresholds[" + i + "]";
      Optional<Subject> subject = subjects.check(th.getSubject(), field + ".subject", true, v);
      boolean yearOk = subject.isPresent() && checkYear(th, subject.get(), horizon, field, v);
      boolean levelsOk = checkLevels(th, field, v);
      if (th.getId().length() > MAX_ID_LENGTH
          || th.getId().chars().anyMatch(Character::isISOControl)) {
        v.invalid(field + ".id", "must be at most " + MAX_ID_LENGTH + " printable characters");
      }
      if (subject.isPresent() && yearOk && levelsOk && horizonValid) {
        int year = th.getYear() == 0 ? horizon : th.getYear();
        String id = Thresholds.idOf(th.toBuilder().setSubject(subject.get()).setYear(year).build());
        if (!ids.add(id)) {
          v.invalid(field + ".id", "threshold " + id + " is asked twice; give each a distinct id");
        }
      }
    }
  }

  /** 0 (the horizon) or a year after the subject's latest base year, up to the horizon. */
  private boolean checkYear(Threshold th, Subject s, int horizon, String field, Violations v) {
    int year = th.getYear() == 0 ? horizon : th.getYear();
    int base = latestBaseYear(s);
    if (year <= base || year > horizon) {
      v.invalid(
          field + ".year",
          "must be 0 (the horizon, "
              + horizon
              + ") or a year from "
              + (base + 1)
              + " (after the subject's base year "
              + base
              + ") to the horizon "
              + horizon
              + ", got "
              + th.getYear());
      return false;
    }
    return true;
  }

  private boolean checkLevels(Threshold th, String field, Violations v) {
    Comparison c = th.getComparison();
    if (c == Comparison.COMPARISON_UNSPECIFIED || c == Comparison.UNRECOGNIZED) {
      v.invalid(
          field + ".comparison",
          "set AT_LEAST, GREATER_THAN, AT_MOST, LESS_THAN or BETWEEN, got "
              + th.getComparisonValue());
      return false;
    }
    boolean ok = true;
    if (!Double.isFinite(th.getValue())) {
      v.invalid(field + ".value", "must be a finite number, got " + th.getValue());
      ok = false;
    }
    if (c == Comparison.COMPARISON_BETWEEN) {
      if (!Double.isFinite(th.getUpperValue()) || th.getUpperValue() < th.getValue()) {
        v.invalid(
            field + ".upper_value",
            "must be a finite number at least value ("
                + th.getValue()
                + ") for BETWEEN, got "
                + th.getUpperValue());
        ok = false;
      }
    } else if (th.getUpperValue() != 0) {
      v.invalid(field + ".upper_value", "is only for BETWEEN; leave it 0 for " + c.name());
      ok = false;
    }
    return ok;
  }

  /** The latest base year of the cells or count cells behind a typed subject. */
  private int latestBaseYear(Subject s) {
    if (s.getKindCase() == Subject.KindCase.COUNT_CELL_ID) {
      return model
          .countCell(s.getCountCellId())
          .map(ThresholdValidator::baseYear)
          .orElse(Integer.MIN_VALUE);
    }
    if (s.getKindCase() == Subject.KindCase.TARGET_ID) {
      Target t = model.target(s.getTargetId()).orElseThrow();
      if (t.getKind() == TargetKind.TARGET_KIND_COUNT) {
        return model.countCellsFor(t).stream()
            .mapToInt(ThresholdValidator::baseYear)
            .max()
            .orElse(Integer.MIN_VALUE);
      }
    }
    return planner.cellsOf(s).stream()
        .mapToInt(c -> c.getParameters().getBaseYear())
        .max()
        .orElse(Integer.MIN_VALUE);
  }

  private static int baseYear(CountCell c) {
    return c.getParameters().getBaseYear();
  }
}
