package chaincast.server;

/**
 * Writes logfmt: {@code key=value} pairs separated by single spaces, a value in double quotes (with
 * {@code \"}, {@code \\}, {@code \n}, {@code \r} and {@code \t} escaped, other control characters
 * as {@code \}{@code uXXXX}) when it is empty or holds a space, a quote, an equals sign or a
 * control character. So a value can never end a line or start a forged pair.
 */
final class Logfmt {
  private Logfmt() {}

  /** Appends {@code key=value}, with a space before it unless {@code line} is empty. */
  static void pair(StringBuilder line, String key, String value) {
    if (line.length() > 0) {
      line.append(' ');
    }
    line.append(key).append('=');
    value(line, value == null ? "" : value);
  }

  /** {@code s} cut to {@code max} characters, with "…" when cut. */
  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  private static void value(StringBuilder line, String v) {
    if (!needsQuotes(v)) {
      line.append(v);
      return;
    }
    line.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }

  private static boolean needsQuotes(String v) {
    if (v.isEmpty()) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' '
          || c == '"'
          || c == '='
          || c == '\\'
          || Character.isISOControl(c)
          || Character.isWhitespace(c)
          || c == '\u2028'
          || c == '\u2029') {
        return true;
      }
    }
    return false;
  }
}
