package chaincast.api;

/**
 * The {@code google.rpc.ErrorInfo} reasons this server sets (domain {@link InternalErrors#DOMAIN}),
 * so clients can act on a failure by its reason rather than by matching its message.
 */
public final class ErrorReasons {
  /** FAILED_PRECONDITION: another Chaincast server holds this server's scenario store. */
  public static final String SCENARIO_STORE_IN_USE = "SCENARIO_STORE_IN_USE";

  private ErrorReasons() {}
}
