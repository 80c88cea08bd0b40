package chaincast.store;

/**
 * The store failed in a way the caller cannot act on (a database or file error). The message is for
 * the server's log: it may name paths and database errors.
 *
 * <p>{@code fatal} failures leave the store unfit for further calls (e.g. a write that may not have
 * reached the file); {@link ResilientScenarioStore} closes and reopens it. Others are checked with
 * a probe first.
 */
public final class ScenarioStoreFailure extends StoreException {
  private static final long serialVersionUID = 1L;
  private final boolean fatal;

  public ScenarioStoreFailure(String message, Throwable cause, boolean fatal) {
    super(message, cause);
    this.fatal = fatal;
  }

  /** Whether the store must be reopened before it serves another call. */
  public boolean fatal() {
    return fatal;
  }
}
