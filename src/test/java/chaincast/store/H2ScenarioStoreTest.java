package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CellOverride;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 store on a real database file: etags, quotas, pages by bytes, reopening, migration. */
class H2ScenarioStoreTest {
  @TempDir Path dir;

  static Scenario scenario(String id, int descriptionChars) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setEn("scenario " + id))
        .setDescription("d".repeat(descriptionChars))
        .setOverrides(
            ScenarioOverrides.newBuilder()
                .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(0.01)))
        .build();
  }

  private H2ScenarioStore open() {
    return H2ScenarioStore.open(dir, StoreSettings.defaults());
  }

  @Test
  void writesAnswerWhatALaterReadReturnsAndVersionsNeverRepeatAcrossReopens() {
    Set<Long> versions = new HashSet<>();
    ScenarioStore.Stored created;
    try (H2ScenarioStore s = open()) {
      created = s.create(scenario("a", 10), "peer:1", ScenarioStore.Quota.NONE);
      assertEquals(
          created, s.get("a").orElseThrow(), "the answer to a write is what a read returns");
      assertEquals("peer:1", created.owner());
      versions.add(created.version());
      ScenarioStore.Stored updated =
          s.update(scenario("a", 20), created.version(), "peer:2", ScenarioStore.Quota.NONE);
      assertEquals(updated, s.get("a").orElseThrow());
      assertEquals(created.scenario().getCreateTime(), updated.scenario().getCreateTime());
      versions.add(updated.version());
      var stale =
          assertThrows(
              ScenarioStoreException.class,
              () ->
                  s.update(
                      scenario("a", 30), created.version(), "peer:1", ScenarioStore.Quota.NONE));
      assertEquals(ScenarioStoreException.Reason.STALE_ETAG, stale.reason());
      s.delete("a", updated.version());
      assertTrue(s.get("a").isEmpty());
    }
    for (int reopen = 0; reopen < 3; reopen++) {
      try (H2ScenarioStore s = open()) {
        ScenarioStore.Stored again =
            s.create(scenario("a", 10), "peer:1", ScenarioStore.Quota.NONE);
        assertTrue(
            versions.add(again.version()),
            "version " + again.version() + " was issued before: " + versions);
        s.delete("a", -1);
      }
    }
  }

  @Test
  void quotasCountScenariosAndBytesOfTheClientThatWroteLast() {
    try (H2ScenarioStore s = open()) {
      int size = scenario("q-0", 1000).toBuilder().clearEtag().build().getSerializedSize();
      ScenarioStore.Quota quota = new ScenarioStore.Quota(3, 10L * size);
      for (int i = 0; i < 3; i++) {
        s.create(scenario("q-" + i, 1000), "peer:a", quota);
      }
      QuotaExceededException count =
          assertThrows(
              QuotaExceededException.class, () -> s.create(scenario("q-3", 1000), "peer:a", quota));
      assertEquals(QuotaExceededException.Limit.SCENARIOS, count.limit());
      assertEquals(4, count.wouldUse());
      assertTrue(s.get("q-3").isEmpty(), "a refused write changes nothing");
      assertEquals(new ScenarioStore.Usage(3, 3L * size), s.usage("peer:a"));
      // Another client has its own quota; updating peer:a's scenario makes it peer:b's.
      ScenarioStore.Stored q0 = s.get("q-0").orElseThrow();
      s.update(scenario("q-0", 1000), q0.version(), "peer:b", quota);
      assertEquals(2, s.usage("peer:a").scenarios());
      assertEquals(1, s.usage("peer:b").scenarios());
      // Bytes: a write that would pass the byte limit is refused; one that shrinks is allowed.
      ScenarioStore.Stored q1 = s.get("q-1").orElseThrow();
      QuotaExceededException bytes =
          assertThrows(
              QuotaExceededException.class,
              () -> s.update(scenario("q-1", 20_000), q1.version(), "peer:a", quota));
      assertEquals(QuotaExceededException.Limit.BYTES, bytes.limit());
      assertEquals(q1, s.get("q-1").orElseThrow(), "refused: unchanged");
      ScenarioStore.Quota tighter = new ScenarioStore.Quota(1, 10);
      s.update(scenario("q-1", 10), q1.version(), "peer:a", tighter);
      assertTrue(
          s.usage("peer:a").bytes() < 2L * size, "shrinking is allowed even above a lowered quota");
    }
  }

  @Test
  void aPageStopsAtItsByteBudgetAndPagingVisitsEveryScenarioOnce() {
    try (H2ScenarioStore s = open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String id = String.format("p-%02d", i);
        ids.add(id);
        s.create(scenario(id, 100_000), "peer:a", ScenarioStore.Quota.NONE);
      }
      long budget = 350_000; // three scenarios of about 100 kB
      List<String> seen = new ArrayList<>();
      String after = "";
      int pages = 0;
      ScenarioStore.Page page;
      do {
        page = s.list(1000, after, budget);
        long bytes =
            page.scenarios().stream()
                .mapToLong(
                    x ->
                        x.scenario().toBuilder()
                            .clearEtag()
                            .clearCreateTime()
                            .clearUpdateTime()
                            .build()
                            .getSerializedSize())
                .sum();
        assertTrue(bytes <= budget, "page of " + bytes + " bytes");
        assertFalse(page.scenarios().isEmpty());
        page.scenarios().forEach(x -> seen.add(x.scenario().getId()));
        after = page.lastId();
        pages++;
      } while (page.more());
      assertEquals(ids, seen);
      assertEquals(4, pages);
      // A scenario larger than the budget still makes a page of one, so paging moves on.
      assertEquals(1, s.list(1000, "", 10).scenarios().size());
    }
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
          s.create(scenario("kept", 2000), "peer:a", ScenarioStore.Quota.NONE);
      ScenarioStore.Stored churn =
          s.create(scenario("churn", 2000), "peer:a", ScenarioStore.Quota.NONE);
      long largest = 0;
      for (int i = 0; i < 150; i++) {
        churn =
            s.update(
                scenario("churn", 2000 + i), churn.version(), "peer:a", ScenarioStore.Quota.NONE);
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
      s.create(scenario("good", 10), "peer:a", ScenarioStore.Quota.NONE);
      s.create(scenario("bad", 10), "peer:a", ScenarioStore.Quota.NONE);
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
