package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.store.ScenarioStore.Quota;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the PostgreSQL store has: migrations by Flyway, and a database that goes away. */
class PostgresScenarioStoreTest {
  @TempDir Path dir;

  @Test
  void storesOpeningTogetherOnAnEmptyDatabaseAllComeUpAndMigrateItOnce() throws Exception {
    TestPostgres pg = TestPostgres.shared();
    StoreLocation location = StoreLocation.parse(pg.newDatabase());
    int n = 4;
    CyclicBarrier together = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<PostgresScenarioStore>> opened = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      opened.add(
          pool.submit(
              () -> {
                together.await();
                return PostgresScenarioStore.open(location, StoreSettings.defaults());
              }));
    }
    List<PostgresScenarioStore> stores = new ArrayList<>();
    try {
      for (Future<PostgresScenarioStore> f : opened) {
        stores.add(f.get(3, TimeUnit.MINUTES));
      }
      for (int i = 0; i < n; i++) {
        stores.get(i).create(ScenarioStoreContractTest.scenario("s" + i, 5), "peer:a", Quota.NONE);
      }
      assertEquals(n, stores.get(0).list(100, "", Long.MAX_VALUE).scenarios().size());
    } finally {
      stores.forEach(PostgresScenarioStore::close);
      pool.shutdown();
    }
    try (Connection c =
            DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
      assertTrue(r.next());
      assertEquals("1", r.getString(1));
      assertTrue(r.getBoolean(2));
      assertFalse(r.next(), "version 1 was applied once");
    }
  }

  /**
   * The database stops (immediate shutdown, as in a crash) under a store wrapped as the server
   * wraps it: calls are UNAVAILABLE and availability (hence health) goes false; once the database
   * is back the store reopens by itself, and the acknowledged write is there.
   */
  @Test
  void aDatabaseThatGoesDownMakesTheStoreUnavailableUntilItComesBack() throws Exception {
    TestPostgres pg = TestPostgres.startPrivate();
    StoreLocation location = StoreLocation.parse(pg.newDatabase());
    StoreSettings settings =
        StoreSettings.defaults()
            .withLocation(location)
            .withReopenDelays(Duration.ofMillis(100), Duration.ofSeconds(1));
    BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
    try (ResilientScenarioStore store = new ResilientScenarioStore(dir, settings)) {
      store.addListener(changes::add);
      assertEquals(true, changes.take(), "told the current state at once");
      store.openNow();
      ScenarioStore.Stored kept =
          store.create(ScenarioStoreContractTest.scenario("kept", 10), "peer:a", Quota.NONE);
      pg.stopServer();
      assertThrows(
          ScenarioStoreUnavailableException.class,
          () -> store.create(ScenarioStoreContractTest.scenario("lost", 10), "peer:a", Quota.NONE));
      assertEquals(false, changes.poll(2, TimeUnit.MINUTES), "the store is reported unavailable");
      assertFalse(store.isUsable());
      assertThrows(ScenarioStoreUnavailableException.class, () -> store.get("kept"));
      pg.startServer();
      assertEquals(true, changes.poll(2, TimeUnit.MINUTES), "reopened once the database is back");
      assertEquals(kept, store.get("kept").orElseThrow());
      assertTrue(store.get("lost").isEmpty());
    } finally {
      try {
        pg.stopServer();
      } catch (IOException alreadyStopped) {
        // the test failed while the database was down; the JVM's exit deletes the cluster
      }
    }
  }

  @Test
  void anUnreachableDatabaseIsAFatalFailureNamingItWithoutThePassword() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StoreLocation nowhere =
        StoreLocation.parse("postgresql://plan:hunter2@127.0.0.1:" + closedPort + "/chaincast");
    ScenarioStoreFailure f =
        assertThrows(
            ScenarioStoreFailure.class,
            () -> PostgresScenarioStore.open(nowhere, StoreSettings.defaults()));
    assertTrue(f.fatal());
    assertTrue(
        f.getMessage()
            .startsWith("cannot connect to the PostgreSQL store postgresql://plan@127.0.0.1:"),
        f.getMessage());
    assertFalse(f.getMessage().contains("hunter2"), f.getMessage());
  }
}
