package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.store.ScenarioStore.Quota;
import chaincast.store.ScenarioStore.Stored;
import chaincast.v1.ActualPoint;
import chaincast.v1.CellOverride;
import chaincast.v1.Dataset;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@link ScenarioStore} contract, the same test methods for every implementation (one subclass
 * per store): CRUD with etags, versions that never repeat across reopening, quotas, pages by byte
 * budget, datasets and their referential rules, and compare-and-set updates and quotas under
 * concurrent writers (through two store instances where the store allows several processes).
 */
abstract class ScenarioStoreContractTest {
  /** Opens the store under test (again: the same data, as after a restart). */
  abstract ScenarioStore open();

  /**
   * A second writer on the same data, as another server process would be; the same instance where
   * only one process may hold the store.
   */
  ScenarioStore peer(ScenarioStore first) {
    return first;
  }

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

  static Scenario naming(String id, String datasetId) {
    Scenario s = scenario(id, 10);
    return s.toBuilder().setOverrides(s.getOverrides().toBuilder().setDatasetId(datasetId)).build();
  }

  static Dataset dataset(String id, int points) {
    Dataset.Builder d =
        Dataset.newBuilder()
            .setId(id)
            .setName(LocalizedName.newBuilder().setEn("actuals " + id))
            .setDescription("test actuals");
    for (int i = 0; i < points; i++) {
      d.addPoints(
          ActualPoint.newBuilder()
              .setSubjectId("pharma@etdz")
              .setYear(2015 + i)
              .setValue(100 + i)
              .setUnit("亿元"));
    }
    return d.build();
  }

  @Test
  void writesAnswerWhatALaterReadReturnsAndVersionsNeverRepeatAcrossReopens() {
    Set<Long> versions = new HashSet<>();
    try (ScenarioStore s = open()) {
      Stored created = s.create(scenario("a", 10), "peer:1", Quota.NONE);
      assertEquals(created, s.get("a").orElseThrow(), "a write answers what a read returns");
      assertEquals("peer:1", created.owner());
      versions.add(created.version());
      var exists =
          assertThrows(
              ScenarioStoreException.class, () -> s.create(scenario("a", 5), "peer:1", Quota.NONE));
      assertEquals(ScenarioStoreException.Reason.ALREADY_EXISTS, exists.reason());
      Stored updated = s.update(scenario("a", 20), created.version(), "peer:2", Quota.NONE);
      assertEquals(updated, s.get("a").orElseThrow());
      assertEquals(created.scenario().getCreateTime(), updated.scenario().getCreateTime());
      assertTrue(versions.add(updated.version()));
      var stale =
          assertThrows(
              ScenarioStoreException.class,
              () -> s.update(scenario("a", 30), created.version(), "peer:1", Quota.NONE));
      assertEquals(ScenarioStoreException.Reason.STALE_ETAG, stale.reason());
      assertEquals(updated, s.get("a").orElseThrow(), "a refused write changes nothing");
      var staleDelete =
          assertThrows(ScenarioStoreException.class, () -> s.delete("a", created.version()));
      assertEquals(ScenarioStoreException.Reason.STALE_ETAG, staleDelete.reason());
      s.delete("a", updated.version());
      assertTrue(s.get("a").isEmpty());
      var missing =
          assertThrows(
              ScenarioStoreException.class,
              () -> s.update(scenario("a", 1), updated.version(), "peer:1", Quota.NONE));
      assertEquals(ScenarioStoreException.Reason.NOT_FOUND, missing.reason());
      var missingDelete = assertThrows(ScenarioStoreException.class, () -> s.delete("a", -1));
      assertEquals(ScenarioStoreException.Reason.NOT_FOUND, missingDelete.reason());
      assertTrue(s.isUsable());
    }
    for (int reopen = 0; reopen < 3; reopen++) {
      try (ScenarioStore s = open()) {
        Stored again = s.create(scenario("a", 10), "peer:1", Quota.NONE);
        assertTrue(
            versions.add(again.version()),
            "version " + again.version() + " was issued before: " + versions);
        s.delete("a", -1);
      }
    }
  }

  @Test
  void quotasCountScenariosDatasetsAndBytesOfTheClientThatWroteLast() {
    try (ScenarioStore s = open()) {
      int size = scenario("q-0", 1000).getSerializedSize();
      Quota quota = new Quota(3, 10L * size);
      for (int i = 0; i < 3; i++) {
        s.create(scenario("q-" + i, 1000), "peer:a", quota);
      }
      QuotaExceededException count =
          assertThrows(
              QuotaExceededException.class, () -> s.create(scenario("q-3", 1000), "peer:a", quota));
      assertEquals(QuotaExceededException.Limit.SCENARIOS, count.limit());
      assertEquals(4, count.wouldUse());
      assertTrue(s.get("q-3").isEmpty(), "a refused write changes nothing");
      assertThrows(
          QuotaExceededException.class, () -> s.createDataset(dataset("d-q", 2), "peer:a", quota));
      assertFalse(s.datasetExists("d-q"), "datasets count against the same quota");
      assertEquals(new ScenarioStore.Usage(3, 3L * size), s.usage("peer:a"));
      Stored q0 = s.get("q-0").orElseThrow();
      s.update(scenario("q-0", 1000), q0.version(), "peer:b", quota);
      assertEquals(2, s.usage("peer:a").scenarios());
      assertEquals(1, s.usage("peer:b").scenarios());
      Stored q1 = s.get("q-1").orElseThrow();
      QuotaExceededException bytes =
          assertThrows(
              QuotaExceededException.class,
              () -> s.update(scenario("q-1", 20_000), q1.version(), "peer:a", quota));
      assertEquals(QuotaExceededException.Limit.BYTES, bytes.limit());
      assertEquals(q1, s.get("q-1").orElseThrow(), "refused: unchanged");
      s.update(scenario("q-1", 10), q1.version(), "peer:a", new Quota(1, 10));
      assertTrue(
          s.usage("peer:a").bytes() < 2L * size, "shrinking is allowed even above a lowered quota");
    }
  }

  @Test
  void aPageStopsAtItsByteBudgetAndPagingVisitsEveryScenarioOnce() {
    try (ScenarioStore s = open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String id = String.format("p-%02d", i);
        ids.add(id);
        s.create(scenario(id, 100_000), "peer:a", Quota.NONE);
      }
      // Ids that sort differently by locale than by bytes: pages follow byte order on every store.
      s.create(scenario("P-upper", 10), "peer:a", Quota.NONE);
      s.create(scenario("p_under", 10), "peer:a", Quota.NONE);
      long budget = 350_000; // three scenarios of about 100 kB
      List<String> seen = new ArrayList<>();
      String after = "";
      int pages = 0;
      ScenarioStore.Page page;
      do {
        page = s.list(1000, after, budget);
        long bytes =
            page.scenarios().stream()
                .mapToLong(x -> StoreRows.content(x.scenario()).getSerializedSize())
                .sum();
        assertTrue(bytes <= budget, "page of " + bytes + " bytes");
        assertFalse(page.scenarios().isEmpty());
        page.scenarios().forEach(x -> seen.add(x.scenario().getId()));
        after = page.lastId();
        pages++;
      } while (page.more());
      List<String> expected = new ArrayList<>();
      expected.add("P-upper");
      expected.addAll(ids);
      expected.add("p_under");
      assertEquals(expected, seen);
      assertEquals(4, pages);
      assertEquals(1, s.list(1000, "", 10).scenarios().size(), "a page holds at least one");
      assertEquals(2, s.list(2, "", Long.MAX_VALUE).scenarios().size());
      assertTrue(s.list(2, "", Long.MAX_VALUE).more());
      assertFalse(s.list(10, "p_under", Long.MAX_VALUE).more());
    }
  }

  @Test
  void datasetsAreReferencedByScenariosAndCannotBeDeletedWhileNamed() {
    try (ScenarioStore s = open()) {
      var unknown =
          assertThrows(
              DatasetStoreException.class,
              () -> s.create(naming("uses", "actuals"), "peer:a", Quota.NONE));
      assertEquals(DatasetStoreException.Reason.UNKNOWN_REFERENCE, unknown.reason());
      assertTrue(s.get("uses").isEmpty());
      DatasetStore.StoredDataset d = s.createDataset(dataset("actuals", 5), "peer:a", Quota.NONE);
      assertEquals(5, d.dataset().getPointCount());
      assertEquals(0, d.dataset().getPointsCount(), "the answer carries no points");
      var taken =
          assertThrows(
              DatasetStoreException.class,
              () -> s.createDataset(dataset("actuals", 1), "peer:b", Quota.NONE));
      assertEquals(DatasetStoreException.Reason.ALREADY_EXISTS, taken.reason());
      DatasetStore.StoredDataset read = s.getDataset("actuals").orElseThrow();
      assertEquals(5, read.dataset().getPointsCount());
      assertEquals(d.version(), read.version());
      assertEquals(d.dataset().getEtag(), read.dataset().getEtag());
      assertTrue(s.datasetExists("actuals"));
      Stored uses = s.create(naming("uses", "actuals"), "peer:a", Quota.NONE);
      s.create(naming("uses-too", "actuals"), "peer:a", Quota.NONE);
      var inUse =
          assertThrows(DatasetStoreException.class, () -> s.deleteDataset("actuals", d.version()));
      assertEquals(DatasetStoreException.Reason.IN_USE, inUse.reason());
      assertEquals(List.of("uses", "uses-too"), inUse.scenarioIds());
      var stale =
          assertThrows(
              DatasetStoreException.class, () -> s.deleteDataset("actuals", d.version() + 1000));
      assertEquals(DatasetStoreException.Reason.STALE_ETAG, stale.reason());
      s.update(scenario("uses", 10), uses.version(), "peer:a", Quota.NONE);
      s.delete("uses-too", -1);
      s.createDataset(dataset("other", 1), "peer:a", Quota.NONE);
      DatasetStore.DatasetPage page = s.listDatasets(1, "", Long.MAX_VALUE);
      assertEquals(List.of("actuals"), ids(page));
      assertTrue(page.more());
      assertEquals(List.of("other"), ids(s.listDatasets(10, page.lastId(), Long.MAX_VALUE)));
      s.deleteDataset("actuals", d.version());
      assertFalse(s.datasetExists("actuals"));
      var gone = assertThrows(DatasetStoreException.class, () -> s.deleteDataset("actuals", -1));
      assertEquals(DatasetStoreException.Reason.NOT_FOUND, gone.reason());
      assertTrue(s.getDataset("actuals").isEmpty());
    }
  }

  private static List<String> ids(DatasetStore.DatasetPage page) {
    return page.datasets().stream().map(d -> d.dataset().getId()).toList();
  }

  /**
   * Eight writers (half through a second store instance) increment counters in three scenarios by
   * read, then compare-and-set with the version read; a STALE_ETAG means reread and retry. No
   * update may be lost: each scenario's final counter equals its acknowledged updates, and no two
   * acknowledged writes got the same version.
   */
  @Test
  void concurrentCompareAndSetWritersLoseNoUpdate() throws Exception {
    try (ScenarioStore a = open()) {
      ScenarioStore b = peer(a);
      try {
        for (int k = 0; k < 3; k++) {
          a.create(counter("c-" + k, 0), "peer:a", Quota.NONE);
        }
        Map<Long, String> versions = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          ScenarioStore store = t % 2 == 0 ? a : b;
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      String id = "c-" + ((thread + i) % 3);
                      while (true) {
                        Stored now = store.get(id).orElseThrow();
                        int value = Integer.parseInt(now.scenario().getDescription());
                        try {
                          Stored next =
                              store.update(
                                  counter(id, value + 1), now.version(), "peer:a", Quota.NONE);
                          String clash = versions.put(next.version(), id);
                          assertEquals(null, clash, "version " + next.version() + " issued twice");
                          acks.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
                          break;
                        } catch (ScenarioStoreException e) {
                          assertEquals(ScenarioStoreException.Reason.STALE_ETAG, e.reason());
                        }
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        int total = 0;
        for (int k = 0; k < 3; k++) {
          String id = "c-" + k;
          int value = Integer.parseInt(a.get(id).orElseThrow().scenario().getDescription());
          assertEquals(acks.get(id).get(), value, id + ": an acknowledged update was lost");
          assertEquals(
              value, Integer.parseInt(b.get(id).orElseThrow().scenario().getDescription()));
          total += value;
        }
        assertEquals(8 * 25, total);
        assertEquals(8 * 25, versions.size());
      } finally {
        if (b != a) {
          b.close();
        }
      }
    }
  }

  /**
   * Twelve writers (half through a second store instance) create scenarios for one client whose
   * quota is 10: exactly 10 are stored, whoever wins.
   */
  @Test
  void aQuotaHoldsUnderConcurrentCreates() throws Exception {
    try (ScenarioStore a = open()) {
      ScenarioStore b = peer(a);
      try {
        Quota quota = new Quota(10, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
          ScenarioStore store = t % 2 == 0 ? a : b;
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 3; i++) {
                      try {
                        store.create(scenario("quota-" + thread + "-" + i, 50), "peer:q", quota);
                        created.incrementAndGet();
                      } catch (QuotaExceededException e) {
                        refused.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(10, created.get());
        assertEquals(26, refused.get());
        assertEquals(10, a.usage("peer:q").scenarios());
        assertEquals(10, b.list(100, "", Long.MAX_VALUE).scenarios().size());
      } finally {
        if (b != a) {
          b.close();
        }
      }
    }
  }

  /**
   * A scenario naming a dataset and a delete of that dataset race (through two store instances
   * where the store allows it), 30 times: either the scenario was stored first and the delete is
   * IN_USE, or the delete came first and the scenario is UNKNOWN_REFERENCE; never a stored scenario
   * naming a deleted dataset.
   */
  @Test
  void aScenarioNeverNamesADatasetDeletedAtTheSameTime() throws Exception {
    try (ScenarioStore a = open()) {
      ScenarioStore b = peer(a);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 30; round++) {
          String d = "race-" + round;
          String id = "names-" + round;
          a.createDataset(dataset(d, 1), "peer:a", Quota.NONE);
          CyclicBarrier together = new CyclicBarrier(2);
          Future<?> create =
              pool.submit(
                  () -> {
                    together.await();
                    try {
                      a.create(naming(id, d), "peer:a", Quota.NONE);
                    } catch (DatasetStoreException e) {
                      assertEquals(DatasetStoreException.Reason.UNKNOWN_REFERENCE, e.reason());
                    }
                    return null;
                  });
          Future<?> delete =
              pool.submit(
                  () -> {
                    together.await();
                    try {
                      b.deleteDataset(d, -1);
                    } catch (DatasetStoreException e) {
                      assertEquals(DatasetStoreException.Reason.IN_USE, e.reason());
                    }
                    return null;
                  });
          create.get(2, TimeUnit.MINUTES);
          delete.get(2, TimeUnit.MINUTES);
          assertEquals(
              a.get(id).isPresent(),
              a.datasetExists(d),
              "round " + round + ": scenario stored iff its dataset is still there");
        }
      } finally {
        pool.shutdown();
        if (b != a) {
          b.close();
        }
      }
    }
  }

  @Test
  void aSweepIsCreatedOnceItsPointsUpsertAndAllSurviveAReopen() {
    byte[] request = {1, 2, 3};
    long firstVersion;
    try (ScenarioStore store = open()) {
      SweepStore.StoredSweep created = store.createSweepIfAbsent("sw-1", "alice", request);
      assertEquals(SweepStore.STATE_INCOMPLETE, created.state());
      assertEquals("alice", created.owner());
      firstVersion = created.version();
      // A second create under the same id writes nothing and returns the stored sweep.
      SweepStore.StoredSweep again = store.createSweepIfAbsent("sw-1", "bob", new byte[] {9});
      assertEquals("alice", again.owner());
      assertTrue(Arrays.equals(request, again.request()));
      assertEquals(firstVersion, again.version());
      store.putSweepPoint("sw-1", 2, new byte[] {22});
      store.putSweepPoint("sw-1", 0, new byte[] {10});
      store.putSweepPoint("sw-1", 0, new byte[] {11}); // a retried write replaces, never fails
      store.setSweepState("sw-1", SweepStore.STATE_DONE);
      assertTrue(store.getSweep("no-such").isEmpty());
      assertTrue(store.sweepPoints("no-such").isEmpty());
    }
    try (ScenarioStore store = open()) {
      SweepStore.StoredSweep stored = store.getSweep("sw-1").orElseThrow();
      assertEquals(SweepStore.STATE_DONE, stored.state());
      assertTrue(stored.version() > firstVersion, "the state write moved the version");
      var points = store.sweepPoints("sw-1");
      assertEquals(List.of(0, 2), List.copyOf(points.keySet()), "index order");
      assertEquals(11, points.get(0)[0]);
      assertEquals(22, points.get(2)[0]);
    }
  }

  @Test
  void twoWritersCreatingTheSameSweepAtOnceLeaveOneSweep() throws Exception {
    try (ScenarioStore a = open()) {
      ScenarioStore b = peer(a);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          String id = "race-" + round;
          CyclicBarrier together = new CyclicBarrier(2);
          Future<SweepStore.StoredSweep> first =
              pool.submit(
                  () -> {
                    together.await();
                    return a.createSweepIfAbsent(id, "alice", new byte[] {1});
                  });
          Future<SweepStore.StoredSweep> second =
              pool.submit(
                  () -> {
                    together.await();
                    return b.createSweepIfAbsent(id, "bob", new byte[] {2});
                  });
          SweepStore.StoredSweep x = first.get(2, TimeUnit.MINUTES);
          SweepStore.StoredSweep y = second.get(2, TimeUnit.MINUTES);
          assertEquals(x.owner(), y.owner(), "both see the one sweep that won: round " + round);
          assertEquals(x.version(), y.version());
        }
      } finally {
        pool.shutdown();
        if (b != a) {
          b.close();
        }
      }
    }
  }

  private static Scenario counter(String id, int value) {
    return scenario(id, 0).toBuilder().setDescription(Integer.toString(value)).build();
  }
}
