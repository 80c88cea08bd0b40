package chaincast.server;

/**
 * The server refuses to start as configured: a TLS or token file cannot be used, or the address
 * would expose it unprotected. The message names the option or file and says what to change; it is
 * meant for the operator who runs {@code chaincast serve}, never for clients.
 */
public final class ServerSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with its message for the operator. */
  public ServerSetupException(String message) {
    super(message);
  }

  /** A refusal with its message and the failure behind it. */
  public ServerSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
