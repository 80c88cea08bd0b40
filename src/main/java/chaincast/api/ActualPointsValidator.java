package chaincast.api;

import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.v1.ActualPoint;
import chaincast.v1.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks actual points given inline in a request, one violation per field of each bad point ({@code
 * points[3].value}), so a caller fixes them all in one round trip.
 */
final class ActualPointsValidator {
  /** Most points one request may carry. */
  static final int MAX_POINTS = 100_000;

  /** Longest source text, characters. */
  static final int MAX_SOURCE_CHARS = 1000;

  private static final int FIRST_YEAR = 1949;
  private static final int LAST_YEAR = 2100;

  private final Model model;

  ActualPointsValidator(Model model) {
    this.model = model;
  }

  void check(List<ActualPoint> points, Violations v) {
    if (points.size() > MAX_POINTS) {
      v.invalid("points", "at most " + MAX_POINTS + " points, got " + points.size());
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      ActualPoint p = points.get(i);
      String f = "points[" + i + "].";
      boolean count = checkSubject(p.getSubjectId(), f + "subject_id", v);
      if (p.getYear() < FIRST_YEAR || p.getYear() > LAST_YEAR) {
        v.invalid(
            f + "year",
            "must be a calendar year " + FIRST_YEAR + ".." + LAST_YEAR + ", got " + p.getYear());
      }
      checkValue(p.getValue(), count, f + "value", v);
      checkUnit(p.getUnit(), count, f + "unit", v);
      if (p.hasPeriod()) {
        checkPeriod(p.getPeriod(), f + "period.", v);
      }
      double e = p.getRelativeError();
      if (!Double.isFinite(e) || e < 0 || e > 1) {
        v.invalid(f + "relative_error", "must be 0 (the default) to 1, got " + e);
      }
      if (p.getSource().length() > MAX_SOURCE_CHARS) {
        v.invalid(f + "source", "at most " + MAX_SOURCE_CHARS + " characters");
      }
      String key =
          p.getSubjectId()
              + "|"
              + p.getYear()
              + "|"
              + (p.hasPeriod()
                  ? p.getPeriod().getFirstMonth() + "-" + p.getPeriod().getLastMonth()
                  : "year");
      Integer earlier = seen.putIfAbsent(key, i);
      if (earlier != null) {
        v.invalid(
            "points[" + i + "]",
            "duplicates points[" + earlier + "]: same subject, year and period");
      }
    }
  }

  /** Checks the subject; returns true when it is a count cell. */
  private boolean checkSubject(String id, String field, Violations v) {
    if (id.isEmpty()) {
      v.invalid(field, "required: a cell id \"chain@region\", a count cell id or a group");
      return false;
    }
    if (model.countCell(id).isPresent()) {
      return true;
    }
    if (model.cell(id).isPresent()) {
      return false;
    }
    int at = id.indexOf('@');
    if (at > 0 && id.indexOf('@', at + 1) < 0 && id.contains("*")) {
      String chain = id.substring(0, at);
      String region = id.substring(at + 1);
      boolean chainOk = chain.equals("*") || model.chain(chain).isPresent();
      boolean regionOk = region.equals("*") || model.region(region).isPresent();
      if (chainOk && regionOk) {
        return false;
      }
    }
    v.invalid(
        field,
        "unknown subject "
            + ClientText.quote(id)
            + ": not a cell, count cell or group (\"chain@*\", \"*@region\", \"*@*\") of the"
            + " model");
    return false;
  }

  private static void checkValue(double value, boolean count, String field, Violations v) {
    if (count) {
      if (!Double.isFinite(value) || value < 0 || value != Math.rint(value)) {
        v.invalid(field, "a count must be a whole number >= 0, got " + value);
      }
    } else if (!Double.isFinite(value) || value <= 0) {
      v.invalid(field, "must be finite and > 0 (亿元), got " + value);
    }
  }

  private static void checkUnit(String unit, boolean count, String field, Violations v) {
    if (count && !unit.equals("count")) {
      v.invalid(field, "a count cell's unit is \"count\", got " + ClientText.quote(unit));
    } else if (!count && !unit.equals("亿元") && !unit.equals("yi_yuan")) {
      v.invalid(field, "output is in \"亿元\" (or \"yi_yuan\"), got " + ClientText.quote(unit));
    }
  }

  private static void checkPeriod(Period p, String f, Violations v) {
    if (p.getFirstMonth() < 1 || p.getFirstMonth() > 12) {
      v.invalid(f + "first_month", "must be 1 to 12, got " + p.getFirstMonth());
    }
    if (p.getLastMonth() < Math.max(1, p.getFirstMonth()) || p.getLastMonth() > 12) {
      v.invalid(f + "last_month", "must be first_month to 12, got " + p.getLastMonth());
    }
    if (!Double.isFinite(p.getFraction()) || p.getFraction() < 0 || p.getFraction() > 1) {
      v.invalid(f + "fraction", "must be 0 (share of months) or in (0, 1], got " + p.getFraction());
    }
    if (!Double.isFinite(p.getFractionError()) || p.getFractionError() < 0) {
      v.invalid(f + "fraction_error", "must be finite and >= 0, got " + p.getFractionError());
    }
  }
}
