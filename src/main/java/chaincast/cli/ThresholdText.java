package chaincast.cli;

import chaincast.v1.Comparison;
import chaincast.v1.Subject;
import chaincast.v1.Threshold;
import com.google.common.base.Splitter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code --at}: {@code SUBJECT[@YEAR]OP VALUE} with OP one of {@code >= > <= <} (or ≥ ≤), or
 * {@code SUBJECT[@YEAR]=A..B} for a range. The subject goes to the server as {@code any_id}, so any
 * id a person reads in a listing works; cell ids hold an "@" too, so the year is the last "@"
 * followed by four digits just before the operator.
 */
final class ThresholdText {
  private static final Pattern FORM =
      Pattern.compile("^\\s*(.+?)(?:@(\\d{4}))?\\s*(>=|<=|≥|≤|>|<|=)\\s*(.+?)\\s*$");

  private ThresholdText() {}

  static Threshold parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not SUBJECT[@YEAR]>=VALUE (or >, <=, <, =A..B)");
    }
    Threshold.Builder b =
        Threshold.newBuilder().setSubject(Subject.newBuilder().setAnyId(m.group(1).strip()));
    if (m.group(2) != null) {
      b.setYear(Integer.parseInt(m.group(2)));
    }
    String op = m.group(3);
    String value = m.group(4);
    if (op.equals("=")) {
      List<String> range = Splitter.on("..").splitToList(value);
      if (range.size() != 2) {
        throw new IllegalArgumentException(
            "'" + text + "': '=' takes a range A..B, e.g. pharma-output-2025=900..1100");
      }
      return b.setComparison(Comparison.COMPARISON_BETWEEN)
          .setValue(number(range.get(0), text))
          .setUpperValue(number(range.get(1), text))
          .build();
    }
    Comparison c =
        switch (op) {
          case ">=", "≥" -> Comparison.COMPARISON_AT_LEAST;
          case ">" -> Comparison.COMPARISON_GREATER_THAN;
          case "<=", "≤" -> Comparison.COMPARISON_AT_MOST;
          default -> Comparison.COMPARISON_LESS_THAN;
        };
    return b.setComparison(c).setValue(number(value, text)).build();
  }

  private static double number(String s, String text) {
    try {
      return Double.parseDouble(s.strip().replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s.strip() + "' in '" + text + "' is not a number");
    }
  }
}
