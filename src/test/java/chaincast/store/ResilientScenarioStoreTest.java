package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real H2 store fails underneath the resilient one (H2 closes the database, as it does after an
 * error it cannot survive, and the file then cannot be opened for a while): calls are refused as
 * unavailable at once, the listeners hear it, the store is reopened with back-off, and nothing
 * acknowledged is lost.
 */
class ResilientScenarioStoreTest {
  @TempDir Path dir;

  static final StoreSettings FAST =
      StoreSettings.defaults().withReopenDelays(Duration.ofMillis(50), Duration.ofMillis(400));

  /** Closes the database under the store, as H2 does itself after a fatal error. */
  static void shutDownUnderneath(Path dataDir) throws Exception {
    try (Connection c =
            DriverManager.getConnection(H2ScenarioStore.jdbcUrl(dataDir), "chaincast", "");
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN IMMEDIATELY");
    }
  }

  /** Counts the store's failed reopen attempts, from its log. */
  static final class FailedAttempts extends Handler {
    final CountDownLatch two = new CountDownLatch(2);

    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().equals(Level.WARNING)
          && r.getMessage().startsWith("cannot reopen the scenario store")) {
        two.countDown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aStoreClosedUnderneathIsRefusedAsUnavailableThenReopenedWithNothingLost() throws Exception {
    Logger log = Logger.getLogger(ResilientScenarioStore.class.getName());
    FailedAttempts attempts = new FailedAttempts();
    log.addHandler(attempts);
    try (ResilientScenarioStore store = new ResilientScenarioStore(dir, FAST)) {
      BlockingQueue<Boolean> events = new LinkedBlockingQueue<>();
      store.addListener(events::add);
      assertEquals(true, events.take(), "told the current state at once");
      ScenarioStore.Stored a =
          store.create(
              ScenarioStoreContractTest.scenario("a", 10), "peer:a", ScenarioStore.Quota.NONE);

      shutDownUnderneath(dir);
      Path file = dir.resolve("scenarios.mv.db");
      Path aside = dir.resolve("aside.bin");
      Files.move(file, aside);
      Files.write(file, new byte[8192]); // not an H2 file: reopening fails until it is back

      ScenarioStoreUnavailableException first =
          assertThrows(ScenarioStoreUnavailableException.class, () -> store.get("a"));
      assertTrue(
          first.retryAfter().compareTo(FAST.reopenMaxDelay()) <= 0, first.retryAfter().toString());
      assertEquals(false, events.poll(30, TimeUnit.SECONDS));
      assertFalse(store.available());
      assertTrue(attempts.two.await(60, TimeUnit.SECONDS), "reopening is retried");
      assertThrows(
          ScenarioStoreUnavailableException.class,
          () ->
              store.create(
                  ScenarioStoreContractTest.scenario("b", 10), "peer:a", ScenarioStore.Quota.NONE),
          "refused while unavailable");

      Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
      assertEquals(true, events.poll(60, TimeUnit.SECONDS), "reopened");
      assertTrue(store.available());
      assertEquals(a, store.get("a").orElseThrow(), "nothing acknowledged was lost");
      store.create(ScenarioStoreContractTest.scenario("b", 10), "peer:a", ScenarioStore.Quota.NONE);
      assertEquals(2, store.list(10, "", Long.MAX_VALUE).scenarios().size());
      assertTrue(events.isEmpty(), "one outage, one recovery: " + events);
    } finally {
      log.removeHandler(attempts);
    }
  }

  @Test
  void aFailedCallOnAStoreThatStillAnswersIsNotAnOutage() throws Exception {
    try (ResilientScenarioStore store = new ResilientScenarioStore(dir, FAST)) {
      BlockingQueue<Boolean> events = new LinkedBlockingQueue<>();
      store.addListener(events::add);
      events.take();
      store.create(
          ScenarioStoreContractTest.scenario("good", 10), "peer:a", ScenarioStore.Quota.NONE);
      store.create(
          ScenarioStoreContractTest.scenario("bad", 10), "peer:a", ScenarioStore.Quota.NONE);
      try (Connection c =
              DriverManager.getConnection(H2ScenarioStore.jdbcUrl(dir), "chaincast", "");
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE scenario SET content = X'FFFFFFFF' WHERE id = 'bad'");
      }
      assertThrows(ScenarioStoreFailure.class, () -> store.get("bad"));
      assertTrue(store.available());
      assertTrue(events.isEmpty());
      assertTrue(store.get("good").isPresent());
    }
  }

  @Test
  void refusalsPassThroughAndSayNothingAboutHealth() {
    try (ResilientScenarioStore store = new ResilientScenarioStore(dir, FAST)) {
      store.create(ScenarioStoreContractTest.scenario("a", 10), "peer:a", ScenarioStore.Quota.NONE);
      assertThrows(
          ScenarioStoreException.class,
          () ->
              store.create(
                  ScenarioStoreContractTest.scenario("a", 10), "peer:a", ScenarioStore.Quota.NONE));
      assertThrows(
          QuotaExceededException.class,
          () ->
              store.create(
                  ScenarioStoreContractTest.scenario("b", 10),
                  "peer:a",
                  new ScenarioStore.Quota(1, 1_000_000)));
      assertTrue(store.available());
    }
  }
}
