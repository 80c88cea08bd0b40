package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SIGKILL leaves, taken after every acknowledged write: a copy of the database file made while
 * the store is open is exactly what the file would be if the process were killed at that moment (H2
 * writes straight to the file; nothing is buffered in the JVM), so opening the copy is opening the
 * store after a kill, deterministically and at every point, not only where a kill loop happens to
 * land.
 */
class SigkillSnapshotTest {
  @TempDir Path dir;
  @TempDir Path copies;

  @Test
  void afterEveryAcknowledgedWriteTheFileAsSigkillLeavesItHoldsExactlyTheAcknowledgedState()
      throws Exception {
    // A small compaction threshold, so the snapshots also fall before and after compactions.
    StoreSettings settings = StoreSettings.defaults().withCompactAboveBytes(150_000);
    Map<String, Scenario> expected = new HashMap<>();
    Random rnd = new Random(7);
    int snapshots = 0;
    try (H2ScenarioStore store = H2ScenarioStore.open(dir, settings)) {
      for (int i = 0; i < 60; i++) {
        String id = "s-" + rnd.nextInt(12);
        Scenario current = expected.get(id);
        if (current == null) {
          expected.put(
              id,
              store
                  .create(
                      ScenarioStoreContractTest.scenario(id, rnd.nextInt(4000)),
                      "peer:a",
                      ScenarioStore.Quota.NONE)
                  .scenario());
        } else if (rnd.nextInt(4) > 0) {
          long v = ScenarioStore.versionOf(current.getEtag());
          expected.put(
              id,
              store
                  .update(
                      ScenarioStoreContractTest.scenario(id, rnd.nextInt(4000)),
                      v,
                      "peer:a",
                      ScenarioStore.Quota.NONE)
                  .scenario());
        } else {
          store.delete(id, ScenarioStore.versionOf(current.getEtag()));
          expected.remove(id);
        }
        // Acknowledged. Take what a kill now would leave, and open it.
        Path copy = Files.createDirectory(copies.resolve("after-" + i));
        Files.copy(store.file(), copy.resolve(store.file().getFileName()));
        try (H2ScenarioStore reopened = H2ScenarioStore.open(copy, settings)) {
          Map<String, Scenario> found = new HashMap<>();
          reopened
              .list(1000, "", Long.MAX_VALUE)
              .scenarios()
              .forEach(s -> found.put(s.scenario().getId(), s.scenario()));
          assertEquals(expected, found, "the file as a kill after write " + i + " leaves it");
        }
        snapshots++;
      }
    }
    assertEquals(60, snapshots);
  }

  /**
   * The root cause, kept as a canary: H2 with its default space reuse (and no retention, so dead
   * chunks are reused at once instead of after 45 s) loses acknowledged writes in exactly this
   * test. Should a newer H2 stop losing them, this fails, and {@code REUSE_SPACE=FALSE} in {@link
   * H2ScenarioStore#jdbcUrl} may be reconsidered.
   */
  @Test
  void h2WithItsDefaultSpaceReuseLosesAcknowledgedWritesInTheSameTest() throws Exception {
    String url =
        "jdbc:h2:file:"
            + dir.toAbsolutePath().resolve("db")
            + ";FILE_LOCK=FS;WRITE_DELAY=0;RETENTION_TIME=0";
    Random rnd = new Random(3);
    List<Integer> lost = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT, pad VARBINARY)");
      }
      c.setAutoCommit(false);
      for (int i = 1; i <= 60 && lost.size() < 3; i++) {
        try (PreparedStatement p = c.prepareStatement("MERGE INTO t KEY(id) VALUES (?, ?, ?)")) {
          p.setInt(1, rnd.nextInt(30));
          p.setInt(2, i);
          p.setBytes(3, new byte[100 + rnd.nextInt(6000)]);
          p.executeUpdate();
        }
        c.commit();
        try (Statement s = c.createStatement()) {
          s.execute("CHECKPOINT");
        }
        Path copy = Files.createDirectory(copies.resolve("h2-" + i));
        Files.copy(dir.resolve("db.mv.db"), copy.resolve("db.mv.db"));
        try (Connection r =
                DriverManager.getConnection(
                    "jdbc:h2:file:" + copy.resolve("db") + ";FILE_LOCK=NO", "sa", "");
            Statement s = r.createStatement();
            ResultSet rs = s.executeQuery("SELECT MAX(v) FROM t")) {
          rs.next();
          if (rs.getInt(1) != i) {
            lost.add(i);
          }
        }
      }
    }
    assertTrue(
        !lost.isEmpty(), "H2's default space reuse no longer loses acknowledged writes here");
  }
}
