package chaincast.cli;

/** A result that could not be written where the user asked (exit {@link ExitCode#OUTPUT}). */
final class OutputFailure extends RuntimeException {
  OutputFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
