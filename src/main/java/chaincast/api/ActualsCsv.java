package chaincast.api;

import chaincast.run.ClientText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV form of a dataset of actuals: bytes to records with their line numbers, checking the
 * encoding, the size and the header. Each problem is one violation naming {@code csv row N} (N is
 * the line of the file, the header being row 1) and, where it applies, the column; the values are
 * checked by {@link DatasetValidator}.
 *
 * <p>Hand-written rather than a CSV library: the format is RFC 4180 with one extension (line
 * numbers of records for the errors), and the parser is 60 lines.
 */
final class ActualsCsv {
  /** Most bytes of a CSV file: 1 MiB. */
  static final int MAX_BYTES = 1024 * 1024;

  /** The columns every file must have. */
  static final List<String> REQUIRED = List.of("subject_id", "year", "value", "unit");

  /** The columns a file may have. */
  static final List<String> OPTIONAL = List.of("period", "source", "relative_error");

  /** One data row: its line in the file and its cells by column name. */
  record Row(int line, Map<String, String> cells) {
    /** The cell of {@code column}, "" when the file has no such column. */
    String cell(String column) {
      return cells.getOrDefault(column, "");
    }
  }

  /** One record of the file as written: its first line and its cells. */
  private record CsvRecord(int line, List<String> cells) {}

  private ActualsCsv() {}

  /** The field path of a cell, e.g. {@code csv row 7, column value}. */
  static String field(int line, String column) {
    return "csv row " + line + ", column " + column;
  }

  /**
   * The data rows of {@code bytes}, or null when the file cannot be read as a whole (too large, not
   * UTF-8, no usable header, too many rows); every problem goes to {@code v}.
   */
  static List<Row> rows(byte[] bytes, DatasetViolations v) {
    if (bytes.length > MAX_BYTES) {
      v.add(
          "csv",
          "is "
              + bytes.length
              + " bytes; a file may have at most "
              + MAX_BYTES
              + " bytes (1 MiB) and "
              + DatasetValidator.MAX_POINTS
              + " data rows: split it into several datasets");
      return null;
    }
    String text = decode(bytes, v);
    if (text == null) {
      return null;
    }
    List<CsvRecord> records = records(text, v);
    if (records == null) {
      return null;
    }
    if (records.isEmpty()) {
      v.add("csv", "is empty: the first row must be a header, e.g. " + headerExample());
      return null;
    }
    List<String> header = header(records.get(0), v);
    if (header == null) {
      return null;
    }
    if (records.size() - 1 > DatasetValidator.MAX_POINTS) {
      v.add(
          "csv",
          "has "
              + (records.size() - 1)
              + " data rows; at most "
              + DatasetValidator.MAX_POINTS
              + " (and "
              + MAX_BYTES
              + " bytes): split it into several datasets");
      return null;
    }
    List<Row> rows = new ArrayList<>();
    for (CsvRecord r : records.subList(1, records.size())) {
      if (r.cells().size() != header.size()) {
        v.add(
            "csv row " + r.line(),
            "has "
                + r.cells().size()
                + " cells; the header has "
                + header.size()
                + " ("
                + String.join(",", header)
                + "); quote a cell that contains a comma");
        continue;
      }
      Map<String, String> cells = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        cells.put(header.get(i), r.cells().get(i).strip());
      }
      rows.add(new Row(r.line(), cells));
    }
    return rows;
  }

  static String headerExample() {
    return String.join(",", REQUIRED) + "," + String.join(",", OPTIONAL);
  }

  /**
   * The file as text; null (with one violation per row that has bytes which are not UTF-8, naming
   * the first such byte's offset) when it is not UTF-8. A leading byte order mark is skipped.
   */
  private static String decode(byte[] bytes, DatasetViolations v) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    int lastBadRow = 0;
    int row = 1;
    int counted = 0;
    boolean bad = false;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (!result.isError()) {
        break;
      }
      int offset = in.position();
      for (; counted < offset; counted++) {
        row += bytes[counted] == '\n' ? 1 : 0;
      }
      if (row != lastBadRow) {
        v.add(
            "csv row " + row,
            String.format(
                Locale.ROOT,
                "is not UTF-8: byte 0x%02X at byte offset %d of the file; save the file as UTF-8"
                    + " (in Excel: \"CSV UTF-8\"), e.g. `iconv -f GBK -t UTF-8`",
                bytes[offset] & 0xff,
                offset));
        lastBadRow = row;
      }
      bad = true;
      in.position(offset + result.length());
    }
    if (bad) {
      return null;
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** RFC 4180 records (blank lines skipped); null if a quoted cell is never closed. */
  private static List<CsvRecord> records(String text, DatasetViolations v) {
    List<CsvRecord> out = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean inQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          line += c == '\n' ? 1 : 0;
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank()) {
        cell.setLength(0);
        inQuotes = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRecord(out, recordLine, cells, cell);
        line++;
        recordLine = line;
      } else {
        cell.append(c);
      }
    }
    if (inQuotes) {
      v.add("csv row " + recordLine, "opens a quoted cell that is never closed");
      return null;
    }
    endRecord(out, recordLine, cells, cell);
    return out;
  }

  private static void endRecord(
      List<CsvRecord> out, int line, List<String> cells, StringBuilder cell) {
    cells.add(cell.toString());
    cell.setLength(0);
    boolean blank = cells.size() == 1 && cells.get(0).isBlank();
    if (!blank) {
      out.add(new CsvRecord(line, List.copyOf(cells)));
    }
    cells.clear();
  }

  /** The column names, lower-cased; null (with violations) if the header is not usable. */
  private static List<String> header(CsvRecord r, DatasetViolations v) {
    List<String> names = new ArrayList<>();
    int before = v.count();
    boolean anyKnown = false;
    for (int i = 0; i < r.cells().size(); i++) {
      String name = r.cells().get(i).strip().toLowerCase(Locale.ROOT);
      names.add(name);
      boolean known = REQUIRED.contains(name) || OPTIONAL.contains(name);
      anyKnown |= known;
      if (!known) {
        v.add(
            field(r.line(), String.valueOf(i + 1)),
            "unknown column "
                + ClientText.quote(r.cells().get(i))
                + "; the columns are "
                + headerExample());
      } else if (names.indexOf(name) != i) {
        v.add(field(r.line(), name), "appears twice in the header");
      }
    }
    if (!anyKnown) {
      v.clearSince(before);
      v.add(
          "csv row " + r.line(),
          "is not a header: the first row must name the columns, e.g. " + headerExample());
      return null;
    }
    for (String required : REQUIRED) {
      if (!names.contains(required)) {
        v.add("csv row " + r.line(), "the header has no column " + required + " (required)");
      }
    }
    return v.count() == before ? names : null;
  }
}
