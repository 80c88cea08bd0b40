package chaincast.cli;

import java.util.function.Function;

/**
 * One column of a listing, with two renderings of each row: a rounded, readable one for the table
 * and an exact one for CSV.
 *
 * @param header table header, bilingual where it names a concept ({@code null}: CSV only)
 * @param csvName CSV header: snake_case ASCII, unit in the name where there is one ({@code null}:
 *     table only)
 * @param rightAligned numbers align right in the table
 * @param table the table cell
 * @param csv the CSV value ({@code null} for an empty field)
 */
record Column<T>(
    String header,
    String csvName,
    boolean rightAligned,
    Function<T, String> table,
    Function<T, Object> csv) {

  /** A text column, the same in both renderings. */
  static <T> Column<T> text(String header, String csvName, Function<T, String> value) {
    return new Column<>(header, csvName, false, value, value::apply);
  }

  /** A number column: rounded for the table, exact for CSV. */
  static <T> Column<T> number(
      String header, String csvName, Function<T, String> table, Function<T, Object> csv) {
    return new Column<>(header, csvName, true, table, csv);
  }

  /** A CSV-only column (too wide or too exact for the table). */
  static <T> Column<T> csvOnly(String csvName, Function<T, Object> csv) {
    return new Column<>(null, csvName, false, t -> "", csv);
  }

  /** A table-only column: a figure formatted for reading, e.g. an interval or a signed growth. */
  static <T> Column<T> tableOnly(String header, boolean rightAligned, Function<T, String> table) {
    return new Column<>(header, null, rightAligned, table, t -> null);
  }

  boolean inTable() {
    return header != null;
  }

  boolean inCsv() {
    return csvName != null;
  }
}
