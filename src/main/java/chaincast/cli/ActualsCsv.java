package chaincast.cli;

import chaincast.v1.ActualPoint;
import chaincast.v1.Period;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads actual points from a CSV file with a header row: {@code
 * subject_id,year,value,unit,period,source,relative_error}. {@code period} is empty for a full year
 * or "first-last" months ("1-7" for January to July); {@code relative_error} may be empty. Lines
 * starting with '#' are comments. The server checks the points' content; this checks the file's
 * shape and numbers and names the row and column of each problem.
 */
final class ActualsCsv {
  /** Largest file read, bytes. */
  static final long MAX_BYTES = 16L << 20;

  private static final List<String> COLUMNS =
      List.of("subject_id", "year", "value", "unit", "period", "source", "relative_error");
  private static final Pattern PERIOD = Pattern.compile("(\\d{1,2})\\s*-\\s*(\\d{1,2})");

  /** A file that cannot be read as actual points; the message names the row and column. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private ActualsCsv() {}

  static List<ActualPoint> read(Path file) throws Invalid, IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new Invalid(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    String text;
    try (Reader r =
        new InputStreamReader(
            Files.newInputStream(file),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      for (int n; (n = r.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      text = sb.toString();
    } catch (CharacterCodingException e) {
      throw new Invalid(file + ": not UTF-8 text");
    }
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true)
            .get();
    List<ActualPoint> out = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(text.replace("\uFEFF", ""), format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      for (String c : List.of("subject_id", "year", "value", "unit")) {
        if (!header.containsKey(c)) {
          throw new Invalid(
              file + ": the header row lacks column '" + c + "'; expected " + COLUMNS);
        }
      }
      for (CSVRecord row : parser) {
        out.add(point(file, row));
      }
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new Invalid(file + ": " + e.getMessage());
    }
    return out;
  }

  private static ActualPoint point(Path file, CSVRecord row) throws Invalid {
    String where = file + " row " + (row.getRecordNumber() + 1);
    ActualPoint.Builder p =
        ActualPoint.newBuilder()
            .setSubjectId(get(row, "subject_id"))
            .setUnit(get(row, "unit"))
            .setSource(get(row, "source"));
    try {
      p.setYear(Integer.parseInt(get(row, "year")));
    } catch (NumberFormatException e) {
      throw new Invalid(where + " column year: not a whole number: '" + get(row, "year") + "'");
    }
    p.setValue(number(where, "value", get(row, "value")));
    String error = get(row, "relative_error");
    if (!error.isEmpty()) {
      p.setRelativeError(number(where, "relative_error", error));
    }
    String period = get(row, "period");
    if (!period.isEmpty()) {
      Matcher m = PERIOD.matcher(period);
      if (!m.matches()) {
        throw new Invalid(
            where + " column period: '" + period + "' is not first-last months, e.g. 1-7");
      }
      p.setPeriod(
          Period.newBuilder()
              .setFirstMonth(Integer.parseInt(m.group(1)))
              .setLastMonth(Integer.parseInt(m.group(2))));
    }
    return p.build();
  }

  private static double number(String where, String column, String text) throws Invalid {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new Invalid(where + " column " + column + ": not a number: '" + text + "'");
    }
  }

  private static String get(CSVRecord row, String column) {
    return row.isMapped(column) && row.isSet(column) ? row.get(column) : "";
  }
}
