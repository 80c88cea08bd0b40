package chaincast.run;

/**
 * Client strings quoted back in error messages and details, cut to a length that keeps every status
 * small: an id of 100,000 characters echoed whole made a status too large for a default client (its
 * metadata limit is 8 KiB) and broke other calls on the same connection.
 */
public final class ClientText {
  /** Characters (code points) of a client string an error quotes; longer ones end in "…". */
  public static final int MAX_CHARS = 64;

  private ClientText() {}

  /**
   * {@code s} cut to {@link #MAX_CHARS} code points plus "…" when longer.
   *
   * @param s a client string
   * @return the clipped string
   */
  public static String clip(String s) {
    return clip(s, MAX_CHARS);
  }

  /**
   * {@code s} cut to {@code max} code points plus "…" when longer (never splits a surrogate pair).
   *
   * @param s a client string
   * @param max the most code points kept
   * @return the clipped string
   */
  public static String clip(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max)) + "…";
  }

  /**
   * {@code 'clip(s)'}: a client string as messages quote it.
   *
   * @param s a client string
   * @return the quoted string
   */
  public static String quote(String s) {
    return "'" + clip(s) + "'";
  }
}
