package chaincast.store;

import java.util.List;

/**
 * The store refused a dataset request, or a scenario write for the dataset it names, for a reason
 * the caller can act on; nothing was changed.
 */
public final class DatasetStoreException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Reason {
    /** Create: the id is taken. */
    ALREADY_EXISTS,
    /** Get, delete: no dataset has the id. */
    NOT_FOUND,
    /** Delete: the caller's etag is not the current one. */
    STALE_ETAG,
    /** Delete: stored scenarios name the dataset ({@link #scenarioIds()}). */
    IN_USE,
    /** Scenario create or update: the scenario names a dataset that does not exist. */
    UNKNOWN_REFERENCE
  }

  private final Reason reason;
  private final String datasetId;
  private final List<String> scenarioIds;

  /**
   * @param reason why
   * @param datasetId the dataset concerned
   * @param scenarioIds for IN_USE, the scenarios that name it (the first few); else empty
   * @param message what the client reads
   */
  public DatasetStoreException(
      Reason reason, String datasetId, List<String> scenarioIds, String message) {
    super(message, null);
    this.reason = reason;
    this.datasetId = datasetId;
    this.scenarioIds = List.copyOf(scenarioIds);
  }

  /** Why the request was refused. */
  public Reason reason() {
    return reason;
  }

  /** The dataset the request named. */
  public String datasetId() {
    return datasetId;
  }

  /** For IN_USE: the scenarios that name the dataset (at most the first ten, in id order). */
  public List<String> scenarioIds() {
    return scenarioIds;
  }
}
