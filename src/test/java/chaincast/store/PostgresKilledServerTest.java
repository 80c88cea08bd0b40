package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.soak.CrashLoop;
import chaincast.soak.CrashSoak;
import chaincast.soak.ScenarioLedger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KilledServerTest} on PostgreSQL: twelve SIGKILLs of a real {@code chaincast serve --store
 * postgresql://...} process while three writers create, update (with etags) and delete scenarios,
 * each followed by a restart and a check of every scenario against the ledger of acknowledged
 * writes: none lost, no deleted scenario back, no etag issued twice, nothing half-written. Half the
 * kills land among writes in flight (so among open transactions and commits), half on an idle
 * server just after the last answer.
 *
 * <p>The long version: {@code java -cp target/chaincast.jar chaincast.soak.CrashSoak --store
 * postgresql://USER@HOST:PORT/DB --cycles 200} (README, "PostgreSQL store (replicas)").
 */
class PostgresKilledServerTest {
  @TempDir Path dataDir;

  @Test
  void twelveSigkillsUnderConcurrentWritersLoseNoAcknowledgedWrite() throws Exception {
    String url = TestPostgres.shared().newDatabase();
    CrashLoop.Options options =
        new CrashLoop.Options(
            System.getProperty("java.class.path"),
            dataDir,
            12,
            3,
            8,
            12,
            40,
            20261201L,
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            List.of("--store", url),
            180);
    CrashLoop loop = new CrashLoop(options);
    CrashLoop.Result r = loop.run();
    String report = CrashSoak.format(r);
    assertTrue(r.clean(), report);
    for (ScenarioLedger.Problem p : ScenarioLedger.Problem.values()) {
      assertEquals(0, r.problems().get(p), p + "\n" + report);
    }
    assertTrue(
        r.acknowledged() >= 12 * 12,
        "every cycle acknowledged its writes before the kill: " + report);
    assertEquals(loop.ledger().expected().size(), r.scenariosAtEnd(), report);
    // The servers wrote to PostgreSQL, not to an H2 file in the data directory.
    StoreLocation location = StoreLocation.parse(url);
    try (Connection c =
            DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM scenario")) {
      rows.next();
      assertEquals(r.scenariosAtEnd(), rows.getInt(1), report);
    }
  }
}
