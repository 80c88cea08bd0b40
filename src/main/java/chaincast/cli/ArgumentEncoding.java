package chaincast.cli;

/**
 * Arguments the JVM could not decode. The JVM decodes the command line with the locale's charset;
 * under {@code LANG=C} (ASCII) every Chinese character arrives as U+FFFD, and a scenario named 海州
 * would be stored as replacement characters without a word. Refusing such a command line, with the
 * fix, loses nothing.
 */
final class ArgumentEncoding {
  private ArgumentEncoding() {}

  /** A message naming the first undecodable argument and the fix, or null when all decoded. */
  static String undecodable(String[] args) {
    for (String a : args) {
      if (a.indexOf('\uFFFD') >= 0) {
        return "the argument '"
            + a
            + "' could not be decoded in this locale ("
            + System.getProperty("sun.jnu.encoding", "unknown charset")
            + "), so its non-ASCII characters are lost; run with a UTF-8 locale, e.g."
            + " LANG=C.UTF-8 java -jar chaincast.jar ...";
      }
    }
    return null;
  }
}
