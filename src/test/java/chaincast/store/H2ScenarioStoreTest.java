package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the H2 store has, on a real database file: opening a directory from an old release,
 * compaction, a row that cannot be parsed. The contract both stores keep (etags, quotas, pages by
 * bytes, reopening) is {@link H2StoreContractTest}.
 */
class H2ScenarioStoreTest {
  @TempDir Path dir;

  private H2ScenarioStore open() {
    return H2ScenarioStore.open(dir, StoreSettings.defaults());
  }

  @Test
  void aDirectoryFromRelease010OpensWithItsScenariosAndEtags() throws Exception {
    try (InputStream old = getClass().getResourceAsStream("release-0.1.0/scenarios.mv.db")) {
      Files.copy(old, dir.resolve("scenarios.mv.db"));
    }
    try (H2ScenarioStore s = open()) {
      ScenarioStore.Stored dip = s.get("legacy-dip").orElseThrow();
      assertEquals("v3", dip.scenario().getEtag());
      assertEquals("a deeper 2024 dip", dip.scenario().getDescription());
      assertEquals(-0.08, dip.scenario().getOverrides().getMacroShocks(0).getChange());
      assertEquals("", dip.owner(), "scenarios from 0.1.0 belong to no client");
      assertEquals("v1", s.get("legacy-slow-etdz").orElseThrow().scenario().getEtag());
      assertTrue(s.get("legacy-gone").isEmpty(), "deleted in 0.1.0, still deleted");
      assertEquals(2, s.list(10, "", Long.MAX_VALUE).scenarios().size());
      assertEquals(
          new ScenarioStore.Usage(
              2,
              dip.scenario().toBuilder()
                      .clearEtag()
                      .clearCreateTime()
                      .clearUpdateTime()
                      .build()
                      .getSerializedSize()
                  + s.get("legacy-slow-etdz").orElseThrow().scenario().toBuilder()
                      .clearEtag()
                      .clearCreateTime()
                      .clearUpdateTime()
                      .build()
                      .getSerializedSize()),
          s.usage(""));
      ScenarioStore.Stored updated =
          s.update(dip.scenario(), dip.version(), "peer:a", ScenarioStore.Quota.NONE);
      assertTrue(
          updated.version() > 4,
          "the sequence carries on past 0.1.0's versions: " + updated.version());
    }
    try (Connection c = DriverManager.getConnection(H2ScenarioStore.jdbcUrl(dir), "chaincast", "");
        Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT version FROM store_schema")) {
      assertTrue(r.next());
      assertEquals(H2Schema.CURRENT, r.getInt(1));
    }
  }

  @Test
  void theFileIsCompactedWhenItGrowsAndKeepsEveryScenario() throws Exception {
    StoreSettings small = StoreSettings.defaults().withCompactAboveBytes(200_000);
    try (H2ScenarioStore s = H2ScenarioStore.open(dir, small)) {
      ScenarioStore.Stored kept =
          s.create(
              ScenarioStoreContractTest.scenario("kept", 2000), "peer:a", ScenarioStore.Quota.NONE);
      ScenarioStore.Stored churn =
          s.create(
              ScenarioStoreContractTest.scenario("churn", 2000),
              "peer:a",
              ScenarioStore.Quota.NONE);
      long largest = 0;
      for (int i = 0; i < 150; i++) {
        churn =
            s.update(
                ScenarioStoreContractTest.scenario("churn", 2000 + i),
                churn.version(),
                "peer:a",
                ScenarioStore.Quota.NONE);
        largest = Math.max(largest, Files.size(s.file()));
      }
      assertTrue(
          largest < 3 * 200_000, "compaction bounds the file: largest " + largest + " bytes");
      assertEquals(kept, s.get("kept").orElseThrow());
      assertEquals(churn, s.get("churn").orElseThrow());
    }
  }

  @Test
  void aReadThatCannotParseARowIsAFailureThatLeavesTheStoreUsable() throws Exception {
    try (H2ScenarioStore s = open()) {
      s.create(ScenarioStoreContractTest.scenario("good", 10), "peer:a", ScenarioStore.Quota.NONE);
      s.create(ScenarioStoreContractTest.scenario("bad", 10), "peer:a", ScenarioStore.Quota.NONE);
      try (Connection c =
              DriverManager.getConnection(H2ScenarioStore.jdbcUrl(dir), "chaincast", "");
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE scenario SET content = X'FFFFFFFF' WHERE id = 'bad'");
      }
      ScenarioStoreFailure f = assertThrows(ScenarioStoreFailure.class, () -> s.get("bad"));
      assertFalse(f.fatal());
      assertTrue(s.isUsable());
      assertNotEquals(null, s.get("good").orElse(null));
    }
  }
}
