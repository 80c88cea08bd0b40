package chaincast.cli;

import java.util.Arrays;

/**
 * The CLI's exit codes, the one place they are defined. Each failure class has its own code so that
 * scripts can tell "fix your arguments" from "the server is down" from "try again". The help text
 * ({@link #helpLines}) is made from this enum, and a test checks README's table against it.
 */
enum ExitCode {
  /** The command did what was asked. */
  OK(0, "success"),
  /** An unexpected failure inside the CLI (a bug: please report it). */
  INTERNAL(1, "unexpected failure inside the CLI (a bug)"),
  /**
   * The command line could not be parsed (unknown option, missing value, not a number), or names a
   * file that cannot be used (a TLS or token file); {@code serve} also exits with it when it
   * refuses to start as configured.
   */
  USAGE(
      2,
      "the command line cannot be parsed, or names a file that cannot be used; serve refuses to start as configured"),
  /** The server could not be reached (UNAVAILABLE). */
  UNREACHABLE(3, "the server cannot be reached (UNAVAILABLE)"),
  /**
   * The server rejected the request as given: INVALID_ARGUMENT (a value out of range, named),
   * NOT_FOUND (an unknown id), FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS, ABORTED.
   */
  REJECTED(
      4,
      "the server rejected the request: INVALID_ARGUMENT (each field named, with its option), NOT_FOUND,"
          + " FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS, ABORTED"),
  /** No answer within {@code --timeout} (DEADLINE_EXCEEDED); the server stopped the work. */
  DEADLINE(5, "no answer within --timeout (DEADLINE_EXCEEDED); the server stopped the run"),
  /**
   * The server failed or is overloaded: RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, UNIMPLEMENTED,
   * others.
   */
  SERVER_ERROR(6, "the server failed or is busy (RESOURCE_EXHAUSTED, INTERNAL, ...)"),
  /** A result could not be written to the file named by --png/--svg/--output. */
  OUTPUT(7, "a chart or file could not be written"),
  /** The server did not accept the credentials (UNAUTHENTICATED): no token, or not one it knows. */
  UNAUTHENTICATED(8, "the server did not accept the token (UNAUTHENTICATED)"),
  /** The token is valid but its role does not allow the call (PERMISSION_DENIED). */
  PERMISSION_DENIED(9, "the token's role does not allow the call (PERMISSION_DENIED)"),
  /** Interrupted (Ctrl-C, SIGINT or SIGTERM): the call was cancelled on the server. */
  INTERRUPTED(130, "interrupted (Ctrl-C, SIGINT or SIGTERM): the call was cancelled on the server");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit status. */
  int code() {
    return code;
  }

  /** What the code means, as the help text and README say it. */
  String meaning() {
    return meaning;
  }

  /** The "Exit codes" section of {@code chaincast --help}: one line per code. */
  static String[] helpLines() {
    return Arrays.stream(values())
        .map(c -> String.format("%5d  %s", c.code, c.meaning))
        .toArray(String[]::new);
  }
}
