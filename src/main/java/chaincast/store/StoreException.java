package chaincast.store;

/**
 * Why the scenario store did not do what was asked. The subclasses say whether the request was
 * refused (and changed nothing) or the store could not serve it; the API maps each to its status.
 *
 * <p>Messages of refusals are written for the client. Messages of failures may name server
 * internals (paths, database errors) and are for the server's log only.
 */
public abstract class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
