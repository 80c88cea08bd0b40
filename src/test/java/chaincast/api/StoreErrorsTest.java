package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.store.QuotaExceededException;
import chaincast.store.ScenarioStoreException;
import chaincast.store.ScenarioStoreFailure;
import chaincast.store.ScenarioStoreInUseException;
import chaincast.store.ScenarioStoreUnavailableException;
import chaincast.store.StoreException;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a client is told about each store failure: never a command-line option of the server (a gRPC
 * client cannot use one), a server path or a database message.
 */
class StoreErrorsTest {
  private static final Path DATA_DIR = Path.of("/srv/chaincast-secret-dir");
  private static final String SQL_TEXT = "Table SCENARIOS_SECRET not found";

  @Test
  void noStatusNamesAnOptionAPathOrTheDatabasesWords() {
    List<StoreException> failures =
        List.of(
            new QuotaExceededException("peer:local", QuotaExceededException.Limit.SCENARIOS, 3, 4),
            new QuotaExceededException(
                "peer:local", QuotaExceededException.Limit.BYTES, 3_000, 4_000),
            new ScenarioStoreException(
                ScenarioStoreException.Reason.STALE_ETAG, "s-1", "the etag is stale"),
            new ScenarioStoreInUseException(DATA_DIR, new SQLException(SQL_TEXT)),
            new ScenarioStoreUnavailableException(
                Duration.ofSeconds(2), new SQLException(SQL_TEXT)),
            new ScenarioStoreFailure(
                "write failed in " + DATA_DIR, new SQLException(SQL_TEXT), false));
    for (StoreException failure : failures) {
      Status status = StoreErrors.toApi(failure, "scenario_id").status();
      String text = status.toString();
      assertFalse(text.matches("(?s).*--[a-z].*"), "names an option: " + text);
      assertFalse(text.contains(DATA_DIR.toString()), "names the data directory: " + text);
      assertFalse(text.contains(SQL_TEXT), "carries the database's message: " + text);
    }
  }

  @Test
  void aStoreHeldByAnotherServerCarriesAReasonClientsCanActOn() throws Exception {
    Status status =
        StoreErrors.toApi(new ScenarioStoreInUseException(DATA_DIR, null), "scenario_id").status();
    assertEquals(Code.FAILED_PRECONDITION_VALUE, status.getCode());
    assertTrue(
        status.getMessage().contains("in use by another Chaincast server"), status.getMessage());
    ErrorInfo info = null;
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        info = detail.unpack(ErrorInfo.class);
      }
    }
    assertEquals(ErrorReasons.SCENARIO_STORE_IN_USE, info == null ? null : info.getReason());
    assertEquals(InternalErrors.DOMAIN, info.getDomain());
  }
}
