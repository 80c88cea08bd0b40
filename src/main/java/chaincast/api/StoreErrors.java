package chaincast.api;

import chaincast.store.DatasetStoreException;
import chaincast.store.QuotaExceededException;
import chaincast.store.ScenarioStoreException;
import chaincast.store.ScenarioStoreFailure;
import chaincast.store.ScenarioStoreInUseException;
import chaincast.store.ScenarioStoreUnavailableException;
import chaincast.store.StoreException;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what the scenario store reports into the status a client gets. Refusals keep their message
 * (written for clients); failures get a generic message and an error id, and their detail (database
 * errors, server paths) goes to the server's log under that id, never to the client.
 */
final class StoreErrors {
  private static final Logger logger = Logger.getLogger(StoreErrors.class.getName());

  private StoreErrors() {}

  /**
   * The status for {@code e}.
   *
   * @param idField the request field that named the scenario, for NOT_FOUND
   */
  static ApiException toApi(StoreException e, String idField) {
    if (e instanceof ScenarioStoreException refused) {
      return switch (refused.reason()) {
        case ALREADY_EXISTS ->
            ApiException.alreadyExists("scenario", refused.scenarioId(), "scenario.id");
        case NOT_FOUND -> ApiException.notFound("scenario", refused.scenarioId(), idField);
        case STALE_ETAG -> ApiException.aborted(refused.getMessage());
      };
    }
    if (e instanceof DatasetStoreException refused) {
      return datasetRefusal(refused, idField);
    }
    if (e instanceof QuotaExceededException quota) {
      logger.fine(
          "client "
              + quota.owner()
              + " is at its quota of "
              + quota.max()
              + (quota.limit() == QuotaExceededException.Limit.SCENARIOS
                  ? " scenarios (serve --scenarios-per-client)"
                  : " bytes of scenarios (serve --scenario-bytes-per-client)"));
      return quotaExceeded(quota);
    }
    if (e instanceof ScenarioStoreInUseException inUse) {
      // The operator's remedy names options; the client's cannot (it may not use the CLI at all).
      logger.fine(
          "scenario call refused: the store in "
              + inUse.dataDir()
              + " is held by another process;"
              + " give this server a data directory of its own (serve --data-dir DIR, or CHAINCAST_DATA_DIR)");
      return ApiException.of(
          Status.newBuilder()
              .setCode(Code.FAILED_PRECONDITION_VALUE)
              .setMessage(
                  "this server's scenario store is in use by another Chaincast server; send scenario calls to that"
                      + " server, or ask this server's operator to give it a data directory of its own")
              .addDetails(
                  Any.pack(
                      ErrorInfo.newBuilder()
                          .setReason(ErrorReasons.SCENARIO_STORE_IN_USE)
                          .setDomain(InternalErrors.DOMAIN)
                          .build()))
              .build());
    }
    if (e instanceof ScenarioStoreUnavailableException unavailable) {
      return storeUnavailable(unavailable);
    }
    return failed(e);
  }

  /**
   * A dataset refusal: NOT_FOUND, ALREADY_EXISTS and ABORTED as for scenarios; a scenario naming a
   * missing dataset is INVALID_ARGUMENT on {@code scenario.overrides.dataset_id} (the only write
   * that names one); a delete of a dataset in use is FAILED_PRECONDITION with a {@code
   * PreconditionFailure} naming each scenario that uses it.
   */
  private static ApiException datasetRefusal(DatasetStoreException e, String idField) {
    return switch (e.reason()) {
      case ALREADY_EXISTS -> ApiException.alreadyExists("dataset", e.datasetId(), "dataset.id");
      case NOT_FOUND -> ApiException.notFound("dataset", e.datasetId(), idField);
      case STALE_ETAG -> ApiException.aborted(e.getMessage());
      case UNKNOWN_REFERENCE ->
          ApiException.invalidField("scenario.overrides.dataset_id", e.getMessage());
      case IN_USE -> {
        PreconditionFailure.Builder detail = PreconditionFailure.newBuilder();
        for (String scenario : e.scenarioIds()) {
          detail.addViolations(
              PreconditionFailure.Violation.newBuilder()
                  .setType("IN_USE")
                  .setSubject("scenario:" + scenario)
                  .setDescription(
                      "scenario '" + scenario + "' names dataset '" + e.datasetId() + "'"));
        }
        yield ApiException.of(
            Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage(e.getMessage())
                .addDetails(Any.pack(detail.build()))
                .build());
      }
    };
  }

  private static ApiException quotaExceeded(QuotaExceededException q) {
    QuotaFailure detail =
        QuotaFailure.newBuilder()
            .addViolations(
                QuotaFailure.Violation.newBuilder()
                    .setSubject("client:" + q.owner())
                    .setDescription(
                        (q.limit() == QuotaExceededException.Limit.SCENARIOS
                                ? "stored scenarios"
                                : "bytes of stored scenarios")
                            + ": at most "
                            + q.max()
                            + ", this write would make "
                            + q.wouldUse()))
            .build();
    return ApiException.of(
        Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
            .setMessage("scenario quota exceeded: " + q.getMessage())
            .addDetails(Any.pack(detail))
            .build());
  }

  private static ApiException storeUnavailable(ScenarioStoreUnavailableException e) {
    logger.log(Level.FINE, "scenario call refused while the store is unavailable", e);
    java.time.Duration after =
        e.retryAfter().compareTo(java.time.Duration.ofMillis(100)) < 0
            ? java.time.Duration.ofMillis(100)
            : e.retryAfter();
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(
                Duration.newBuilder().setSeconds(after.getSeconds()).setNanos(after.getNano()))
            .build();
    return ApiException.of(
        Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(
                "the scenario store is unavailable and is being reopened; retry in "
                    + Math.max(1, (after.toMillis() + 999) / 1000)
                    + " s (other services are not affected)")
            .addDetails(Any.pack(retry))
            .build());
  }

  private static ApiException failed(StoreException e) {
    String errorId = UUID.randomUUID().toString().substring(0, 8);
    logger.log(
        Level.SEVERE,
        "scenario store error "
            + errorId
            + (e instanceof ScenarioStoreFailure f && f.fatal() ? " (fatal)" : ""),
        e);
    return ApiException.of(
        Status.newBuilder()
            .setCode(Code.INTERNAL_VALUE)
            .setMessage(
                "the scenario store failed; the server logged the details as error " + errorId)
            .build());
  }
}
