package chaincast.store;

import java.time.Duration;

/**
 * The store cannot serve calls now: it failed and is being reopened. Nothing was changed by the
 * call that gets this; it may be retried after {@link #retryAfter()}.
 */
public final class ScenarioStoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  /**
   * @param retryAfter when the next attempt to reopen the store is due
   * @param cause the failure that made it unavailable (for the server's log)
   */
  public ScenarioStoreUnavailableException(Duration retryAfter, Throwable cause) {
    super("the scenario store is unavailable; it is being reopened", cause);
    this.retryAfter = retryAfter;
  }

  /** How long until the store's next attempt to reopen. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
