package chaincast.cli;

/**
 * The CLI's exit codes. Each failure class has its own code so that scripts
 * can tell "fix your arguments" from "the server is down" from "try again".
 * The README lists them; keep the two in step.
 */
final class ExitCode {
  /** The command did what was asked. */
  static final int OK = 0;
  /** An unexpected failure inside the CLI (a bug: please report it). */
  static final int INTERNAL = 1;
  /**
   * The command line could not be parsed (unknown option, missing value, not a number), or names
   * a file that cannot be used (a TLS or token file); {@code serve} also exits with it when it
   * refuses to start as configured.
   */
  static final int USAGE = 2;
  /** The server could not be reached (UNAVAILABLE). */
  static final int UNREACHABLE = 3;
  /**
   * The server rejected the request as given: INVALID_ARGUMENT (a value out of range, named),
   * NOT_FOUND (an unknown id), FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS, ABORTED.
   */
  static final int REJECTED = 4;
  /** No answer within {@code --timeout} (DEADLINE_EXCEEDED); the server stopped the work. */
  static final int DEADLINE = 5;
  /** The server failed or is overloaded: RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, UNIMPLEMENTED, others. */
  static final int SERVER_ERROR = 6;
  /** A result could not be written to the file named by --png/--svg/--output. */
  static final int OUTPUT = 7;
  /** The server did not accept the credentials (UNAUTHENTICATED): no token, or not one it knows. */
  static final int UNAUTHENTICATED = 8;
  /** The token is valid but its role does not allow the call (PERMISSION_DENIED). */
  static final int PERMISSION_DENIED = 9;
  /** Interrupted (Ctrl-C, SIGINT or SIGTERM): the call was cancelled on the server. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
