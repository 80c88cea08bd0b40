package chaincast.store;

/** The store refused a request for a reason the caller can act on; nothing was changed. */
public class ScenarioStoreException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
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

  /**
   * @param reason why
   * @param scenarioId the scenario concerned
   * @param message what the client reads
   */
  public ScenarioStoreException(Reason reason, String scenarioId, String message) {
    super(message, null);
    this.reason = reason;
    this.scenarioId = scenarioId;
  }

  /** Why the request was refused. */
  public Reason reason() {
    return reason;
  }

  /** The scenario the request named. */
  public String scenarioId() {
    return scenarioId;
  }
}
