package chaincast.api;

import chaincast.engine.ParameterDomain;
import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.v1.ActualPoint;
import chaincast.v1.CreateDatasetRequest;
import chaincast.v1.Dataset;
import chaincast.v1.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a dataset to import, given as points or as a CSV file, against the model: every bad cell
 * of every row is one violation naming the row and the column ({@code dataset.points[6].value} or
 * {@code csv row 7, column value}), and nothing is stored if there is any. What passes is
 * normalised: units written "亿元" or "count", a period of the whole year (1-12) left unset.
 */
final class DatasetValidator {
  /** Most points of a dataset (data rows of a CSV file). */
  static final int MAX_POINTS = 20_000;

  /** Most bytes of a stored dataset, encoded: GetDataset answers fit default clients' 4 MiB. */
  static final int MAX_DATASET_BYTES = 3 * 1024 * 1024;

  /** Earliest year a point may have: the first year of the statistical series. */
  static final int FIRST_YEAR = 1949;

  /** Latest year a point may have: the last year any plan speaks of. */
  static final int LAST_YEAR = 2035;

  static final int MAX_SOURCE_CHARS = 500;
  static final int MAX_NAME_CHARS = 200;
  static final int MAX_DESCRIPTION_CHARS = 2000;

  static final String OUTPUT_UNIT = "亿元";
  static final String COUNT_UNIT = "count";

  private static final Pattern YEAR = Pattern.compile("[+-]?[0-9]{1,9}");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern PERIOD = Pattern.compile("([0-9]{1,2})\\s*-\\s*([0-9]{1,2})");

  /** What a subject measures. */
  enum Kind {
    /** Output of a cell or a group of cells, in 亿元. */
    OUTPUT,
    /** A count cell: a whole count. */
    COUNT
  }

  private final Model model;

  DatasetValidator(Model model) {
    this.model = model;
  }

  /**
   * The dataset {@code request} asks to store, its points normalised; throws INVALID_ARGUMENT with
   * every violation if anything is wrong.
   */
  Dataset check(CreateDatasetRequest request) {
    Dataset d = request.getDataset();
    DatasetViolations v = new DatasetViolations();
    checkHeader(d, v);
    List<ActualPoint> points = new ArrayList<>();
    if (!request.getCsv().isEmpty()) {
      if (d.getPointsCount() > 0) {
        // The conflict is between two fields: each is named, whichever the caller meant.
        v.add("csv", "must be empty when dataset.points is set: send the points one way, not both");
        v.add("dataset.points", "must be empty when csv is set: send the points one way, not both");
      } else {
        fromCsv(request.getCsv().toByteArray(), points, v);
      }
    } else if (d.getPointsCount() == 0) {
      // Either field would do: each is named, whichever the caller meant to send.
      v.add("dataset.points", "is empty: send the points, or a CSV file in csv");
      v.add("csv", "is empty: send a CSV file, or the points in dataset.points");
    } else if (d.getPointsCount() > MAX_POINTS) {
      v.add(
          "dataset.points",
          "has " + d.getPointsCount() + " points; at most " + MAX_POINTS + ": split the dataset");
    } else {
      fromPoints(d.getPointsList(), points, v);
    }
    v.throwIfAny();
    Dataset out = d.toBuilder().clearPoints().addAllPoints(points).build();
    if (out.getSerializedSize() > MAX_DATASET_BYTES) {
      v.add(
          "dataset",
          "takes "
              + out.getSerializedSize()
              + " bytes encoded; at most "
              + MAX_DATASET_BYTES
              + " (3 MiB): shorten the sources or split the dataset");
    }
    v.throwIfAny();
    return out;
  }

  private static void checkHeader(Dataset d, DatasetViolations v) {
    if (!ScenarioServiceImpl.ID.matcher(d.getId()).matches()) {
      v.add(
          "dataset.id",
          "must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter, got "
              + ClientText.quote(d.getId()));
    }
    if (d.getName().getZh().length() > MAX_NAME_CHARS
        || d.getName().getEn().length() > MAX_NAME_CHARS) {
      v.add("dataset.name", "names may have at most " + MAX_NAME_CHARS + " characters");
    }
    if (d.getDescription().length() > MAX_DESCRIPTION_CHARS) {
      v.add("dataset.description", "may have at most " + MAX_DESCRIPTION_CHARS + " characters");
    }
  }

  private void fromPoints(List<ActualPoint> in, List<ActualPoint> out, DatasetViolations v) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      String prefix = "dataset.points[" + i + "]";
      ActualPoint p = checkPoint(in.get(i), column -> prefix + "." + column, List.of(), v);
      if (p != null) {
        duplicate(p, prefix, seen, prefix + ".subject_id", v);
        out.add(p);
      }
    }
  }

  private void fromCsv(byte[] csv, List<ActualPoint> out, DatasetViolations v) {
    List<ActualsCsv.Row> rows = ActualsCsv.rows(csv, v);
    if (rows == null) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (ActualsCsv.Row row : rows) {
      Function<String, String> field = column -> ActualsCsv.field(row.line(), column);
      List<String> unreadable = new ArrayList<>();
      ActualPoint parsed = parse(row, field, unreadable, v);
      ActualPoint p = checkPoint(parsed, field, unreadable, v);
      if (p != null) {
        duplicate(p, "row " + row.line(), seen, field.apply("subject_id"), v);
        out.add(p);
      }
    }
  }

  /** A row as a point; cells that do not parse are named in {@code unreadable}. */
  private static ActualPoint parse(
      ActualsCsv.Row row, Function<String, String> field, List<String> bad, DatasetViolations v) {
    ActualPoint.Builder p =
        ActualPoint.newBuilder()
            .setSubjectId(row.cell("subject_id"))
            .setUnit(row.cell("unit"))
            .setSource(row.cell("source"));
    String year = row.cell("year");
    if (YEAR.matcher(year).matches()) {
      p.setYear(Integer.parseInt(year));
    } else {
      bad.add("year");
      v.add(
          field.apply("year"),
          year.isEmpty()
              ? "is required: a calendar year, e.g. 2023"
              : "must be a calendar year, e.g. 2023, got " + ClientText.quote(year));
    }
    Double value = number(row.cell("value"), field.apply("value"), true, v);
    if (value == null) {
      bad.add("value");
    } else {
      p.setValue(value);
    }
    Double error = number(row.cell("relative_error"), field.apply("relative_error"), false, v);
    if (error == null) {
      bad.add("relative_error");
    } else {
      p.setRelativeError(error);
    }
    String period = row.cell("period");
    Matcher m = PERIOD.matcher(period);
    if (m.matches()) {
      p.setPeriod(
          Period.newBuilder()
              .setFirstMonth(Integer.parseInt(m.group(1)))
              .setLastMonth(Integer.parseInt(m.group(2))));
    } else if (!period.isEmpty()) {
      bad.add("period");
      v.add(
          field.apply("period"),
          "must be empty (a full year) or months \"M1-M2\", e.g. \"1-7\" for January to July, got "
              + ClientText.quote(period));
    }
    return p.build();
  }

  /** A number cell: null (with a violation) if it is not one; "" is 0 unless required. */
  private static Double number(String cell, String field, boolean required, DatasetViolations v) {
    if (cell.isEmpty()) {
      if (required) {
        v.add(field, "is required");
        return null;
      }
      return 0.0;
    }
    if (NUMBER.matcher(cell).matches()) {
      return Double.parseDouble(cell);
    }
    String lower = cell.toLowerCase(Locale.ROOT);
    if (lower.contains("nan") || lower.contains("inf")) {
      v.add(field, "must be a finite number, got " + ClientText.quote(cell));
    } else if (cell.contains(",")) {
      v.add(
          field,
          "must be a plain number without thousands separators (1234.5, not 1,234.5), got "
              + ClientText.quote(cell));
    } else {
      v.add(field, "must be a number, e.g. 123.4, got " + ClientText.quote(cell));
    }
    return null;
  }

  /**
   * The point normalised, or null if any of its cells is wrong (each wrong cell adds a violation);
   * cells named in {@code unreadable} were reported already and are not checked again.
   */
  private ActualPoint checkPoint(
      ActualPoint p, Function<String, String> field, List<String> unreadable, DatasetViolations v) {
    int before = v.count();
    Kind kind = subject(p.getSubjectId(), field.apply("subject_id"), v);
    if (!unreadable.contains("year") && (p.getYear() < FIRST_YEAR || p.getYear() > LAST_YEAR)) {
      v.add(
          field.apply("year"),
          "must be a calendar year from "
              + FIRST_YEAR
              + " to "
              + LAST_YEAR
              + ", got "
              + p.getYear());
    }
    if (!unreadable.contains("value")) {
      checkValue(p.getValue(), kind, field.apply("value"), v);
    }
    String unit = unit(p.getUnit(), kind, field.apply("unit"), v);
    Period period = null;
    if (p.hasPeriod() && !unreadable.contains("period")) {
      period = period(p.getPeriod(), kind, field.apply("period"), v);
    }
    double error = p.getRelativeError();
    if (!unreadable.contains("relative_error") && !(error >= 0 && error <= 1)) {
      v.add(
          field.apply("relative_error"),
          "must be from 0 (the model's default error) to 1 (a log standard deviation of 100%),"
              + " got "
              + error);
    }
    if (p.getSource().length() > MAX_SOURCE_CHARS) {
      v.add(
          field.apply("source"),
          "has " + p.getSource().length() + " characters; at most " + MAX_SOURCE_CHARS);
    }
    if (v.count() > before || !unreadable.isEmpty()) {
      return null;
    }
    ActualPoint.Builder b = p.toBuilder().setUnit(unit).clearPeriod();
    if (period != null) {
      b.setPeriod(period);
    }
    return b.build();
  }

  /** What the subject measures; null (with a violation) if the model has no such subject. */
  private Kind subject(String id, String field, DatasetViolations v) {
    if (id.isEmpty()) {
      v.add(
          field, "is required: a cell id, a count cell id or a group (<chain>@*, *@<region>, *@*)");
      return null;
    }
    Kind kind = kindOf(id);
    if (kind == null) {
      v.add(
          field,
          "unknown subject "
              + ClientText.quote(id)
              + ": give a cell id (e.g. "
              + ClientText.quote(
                  model.cells().isEmpty() ? "pharma@etdz" : model.cells().get(0).getId())
              + "), a count cell id, \"<chain>@*\" (a chain's total), \"*@<region>\" (a region's"
              + " total) or \"*@*\" (all cells); `chaincast cells` lists the ids");
    }
    return kind;
  }

  /** What {@code id} measures, or null: a cell, a count cell, or a group form. */
  Kind kindOf(String id) {
    if (model.cell(id).isPresent() || id.equals("*@*")) {
      return Kind.OUTPUT;
    }
    if (model.countCell(id).isPresent()) {
      return Kind.COUNT;
    }
    int at = id.indexOf('@');
    if (at < 0) {
      return null;
    }
    String chain = id.substring(0, at);
    String region = id.substring(at + 1);
    if (region.equals("*") && !model.cellsOfChain(chain).isEmpty()) {
      return Kind.OUTPUT;
    }
    if (chain.equals("*") && !model.cellsOfRegion(region).isEmpty()) {
      return Kind.OUTPUT;
    }
    return null;
  }

  private static void checkValue(double value, Kind kind, String field, DatasetViolations v) {
    if (!Double.isFinite(value)) {
      v.add(field, "must be a finite number, got " + value);
      return;
    }
    if (kind == Kind.COUNT) {
      String problem = ParameterDomain.COUNT.violation(value);
      if (problem != null) {
        v.add(field, "is a count: " + problem);
      }
    } else if (value <= 0) {
      v.add(field, "must be positive (output in 亿元), got " + value);
    } else {
      String problem = ParameterDomain.OUTPUT.violation(value);
      if (problem != null) {
        v.add(field, problem);
      }
    }
  }

  /** The unit written canonically; the subject's own unit is the only one accepted. */
  private static String unit(String unit, Kind kind, String field, DatasetViolations v) {
    String u = unit.strip();
    String canonical =
        u.equals(OUTPUT_UNIT) || u.equalsIgnoreCase("yi_yuan")
            ? OUTPUT_UNIT
            : u.equalsIgnoreCase(COUNT_UNIT) ? COUNT_UNIT : null;
    String expected = kind == Kind.COUNT ? COUNT_UNIT : OUTPUT_UNIT;
    if (u.isEmpty()) {
      v.add(field, "is required: \"亿元\" for output, \"count\" for count cells");
    } else if (canonical == null) {
      v.add(field, unitHint(u));
    } else if (kind != null && !canonical.equals(expected)) {
      v.add(
          field,
          "must be "
              + ClientText.quote(expected)
              + " for this subject ("
              + (kind == Kind.COUNT ? "a count cell" : "output")
              + "), got "
              + ClientText.quote(u)
              + "; one dataset may not mix units for a subject");
    }
    return canonical;
  }

  private static String unitHint(String u) {
    String hint =
        switch (u) {
          case "万元" -> "divide 万元 by 10,000 to get 亿元";
          case "元" -> "divide 元 by 100,000,000 to get 亿元";
          case "百万元" -> "divide 百万元 by 100 to get 亿元";
          case "千元" -> "divide 千元 by 100,000 to get 亿元";
          default -> "convert the value";
        };
    return "unit "
        + ClientText.quote(u)
        + " is not accepted: output is in 亿元 (also written yi_yuan) and counts in \"count\"; "
        + hint;
  }

  /** The period normalised (null for the whole year), or null with a violation. */
  private static Period period(Period p, Kind kind, String field, DatasetViolations v) {
    if (kind == Kind.COUNT) {
      v.add(field, "must be empty for a count: counts are year-end figures");
      return null;
    }
    int first = p.getFirstMonth();
    int last = p.getLastMonth();
    if (first < 1 || first > 12 || last < first || last > 12) {
      v.add(
          field,
          "months must run from 1 to 12, the first not after the last (e.g. 1-7), got "
              + first
              + "-"
              + last);
      return null;
    }
    if (!(p.getFraction() >= 0 && p.getFraction() <= 1)) {
      v.add(
          field + ".fraction", "must be from 0 (the share of months) to 1, got " + p.getFraction());
      return null;
    }
    if (!(p.getFractionError() >= 0 && Double.isFinite(p.getFractionError()))) {
      v.add(field + ".fraction_error", "must be 0 or more, got " + p.getFractionError());
      return null;
    }
    boolean wholeYear = first == 1 && last == 12 && (p.getFraction() == 0 || p.getFraction() == 1);
    return wholeYear ? null : p;
  }

  /** Refuses a second point with the same subject, year and period as an earlier one. */
  private static void duplicate(
      ActualPoint p, String where, Map<String, String> seen, String field, DatasetViolations v) {
    String key =
        p.getSubjectId()
            + "|"
            + p.getYear()
            + "|"
            + (p.hasPeriod()
                ? p.getPeriod().getFirstMonth() + "-" + p.getPeriod().getLastMonth()
                : "");
    String first = seen.putIfAbsent(key, where);
    if (first != null) {
      v.add(
          field,
          "repeats "
              + first
              + ": the same subject, year and period ("
              + ClientText.quote(p.getSubjectId())
              + ", "
              + p.getYear()
              + (p.hasPeriod()
                  ? ", months " + p.getPeriod().getFirstMonth() + "-" + p.getPeriod().getLastMonth()
                  : ", full year")
              + "); keep one");
    }
  }
}
