package chaincast.store;

/** The store could not do what was asked, for a reason the caller can act on. */
public class ScenarioStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a write was refused. */
  public enum Reason {
    /** Create: the id is taken. */
    ALREADY_EXISTS,
    /** Get, update, delete: no scenario has the id. */
    NOT_FOUND,
    /** Update, delete: the caller's etag is not the current one. */
    STALE_ETAG
  }

  private final Reason reason;
  private final String scenarioId;

  public ScenarioStoreException(Reason reason, String scenarioId, String message) {
    super(message);
    this.reason = reason;
    this.scenarioId = scenarioId;
  }

  public Reason reason() {
    return reason;
  }

  public String scenarioId() {
    return scenarioId;
  }
}
