package chaincast.store;

import chaincast.v1.Dataset;
import chaincast.v1.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link ScenarioStore} that opens its delegate on first use and reopens it when it fails.
 *
 * <p>Why on first use: the database file allows one process at a time, and the CLI's one-shot
 * commands start an in-process server on the default data directory; a server that never touches
 * scenarios must not lock (or fail on) a directory another server is using.
 *
 * <p>Why reopen: a store can become unusable while the server runs, e.g. H2 closes a database after
 * an error it cannot survive (an OutOfMemoryError inside it, a failed write), and every call after
 * that would fail until a restart. When a call fails and the store no longer answers a probe (or
 * the failure says so itself), the store is closed and {@link AvailabilityListener}s are told;
 * calls are refused with {@link ScenarioStoreUnavailableException} (UNAVAILABLE with a retry delay)
 * while a background thread reopens it, waiting {@link StoreSettings#reopenInitialDelay()} and then
 * twice as long after each failed attempt, up to {@link StoreSettings#reopenMaxDelay()}. Once open
 * again, the listeners are told and calls go through. Nothing acknowledged is lost: the delegate
 * reopens from its file.
 *
 * <p>Refusals ({@link ScenarioStoreException}, {@link DatasetStoreException}, {@link
 * QuotaExceededException}) pass through unchanged; they say nothing about the store's health.
 */
public final class ResilientScenarioStore implements ScenarioStore, Supplier<ScenarioStore> {
  private static final Logger logger = Logger.getLogger(ResilientScenarioStore.class.getName());

  /** Told when the store becomes unusable and when it is usable again (e.g. to set health). */
  @FunctionalInterface
  public interface AvailabilityListener {
    /** Called on each change, in order, from the thread that saw it. */
    void availabilityChanged(boolean available);
  }

  /** Opens the delegate; {@link H2ScenarioStore#open} by default. */
  @FunctionalInterface
  public interface Opener {
    ScenarioStore open(Path dataDir, StoreSettings settings);
  }

  private final Path dataDir;

  /** The store's place for log lines: "in DIR" or the PostgreSQL database (no password). */
  private final String where;

  private final StoreSettings settings;
  private final Opener opener;
  private final List<AvailabilityListener> listeners = new CopyOnWriteArrayList<>();

  // Guarded by this.
  private ScenarioStore delegate;
  private boolean closed;
  private boolean available = true;

  /** Why the store is unavailable; null while it is open or was never opened. */
  private Throwable failure;

  private Duration delay;
  private long nextAttemptNanos;
  private ScheduledExecutorService reopener;

  /**
   * The store {@code settings.location()} names, opened on first use (or by {@link #openNow()}): H2
   * in {@code dataDir}, or a PostgreSQL database.
   */
  public ResilientScenarioStore(Path dataDir, StoreSettings settings) {
    this(dataDir, settings, openerFor(settings.location()));
  }

  private static Opener openerFor(StoreLocation location) {
    if (location.isPostgres()) {
      return (dir, s) -> PostgresScenarioStore.open(location, s);
    }
    return H2ScenarioStore::open;
  }

  public ResilientScenarioStore(Path dataDir, StoreSettings settings, Opener opener) {
    this.dataDir = dataDir;
    this.where =
        settings.location().isPostgres() ? settings.location().toString() : "in " + dataDir;
    this.settings = settings;
    this.opener = opener;
    this.delay = settings.reopenInitialDelay();
  }

  /** The data directory the store lives in. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Opens the store now instead of on first use: {@code serve} on a PostgreSQL store fails at
   * start-up, with the reason, when the database cannot be reached or migrated.
   *
   * @throws StoreException why it cannot be opened (it is reopened in the background meanwhile)
   */
  public void openNow() {
    try {
      current(false); // the caller reports the failure (serve exits with it)
    } catch (ScenarioStoreUnavailableException e) {
      throw e.getCause() instanceof StoreException cause ? cause : e;
    }
  }

  /** Adds a listener for availability changes and tells it the current availability at once. */
  public synchronized void addListener(AvailabilityListener listener) {
    listeners.add(listener);
    listener.availabilityChanged(available);
  }

  /** Whether calls are served now (true before the first open, which happens on first use). */
  public synchronized boolean available() {
    return available;
  }

  /** This store (for services that take a supplier). */
  @Override
  public ScenarioStore get() {
    return this;
  }

  @Override
  public Stored create(Scenario scenario, String owner, Quota quota) {
    return call(s -> s.create(scenario, owner, quota));
  }

  @Override
  public Optional<Stored> get(String id) {
    return call(s -> s.get(id));
  }

  @Override
  public Page list(int pageSize, String afterId, long maxBytes) {
    return call(s -> s.list(pageSize, afterId, maxBytes));
  }

  @Override
  public Stored update(Scenario scenario, long expectedVersion, String owner, Quota quota) {
    return call(s -> s.update(scenario, expectedVersion, owner, quota));
  }

  @Override
  public void delete(String id, long expectedVersion) {
    call(
        s -> {
          s.delete(id, expectedVersion);
          return null;
        });
  }

  @Override
  public StoredSweep createSweepIfAbsent(String id, String owner, byte[] request) {
    return call(s -> s.createSweepIfAbsent(id, owner, request));
  }

  @Override
  public Optional<StoredSweep> getSweep(String id) {
    return call(s -> s.getSweep(id));
  }

  @Override
  public void putSweepPoint(String sweepId, int index, byte[] result) {
    call(
        s -> {
          s.putSweepPoint(sweepId, index, result);
          return null;
        });
  }

  @Override
  public SortedMap<Integer, byte[]> sweepPoints(String sweepId) {
    return call(s -> s.sweepPoints(sweepId));
  }

  @Override
  public void setSweepState(String sweepId, String state) {
    call(
        s -> {
          s.setSweepState(sweepId, state);
          return null;
        });
  }

  @Override
  public StoredDataset createDataset(Dataset dataset, String owner, Quota quota) {
    return call(s -> s.createDataset(dataset, owner, quota));
  }

  @Override
  public Optional<StoredDataset> getDataset(String id) {
    return call(s -> s.getDataset(id));
  }

  @Override
  public boolean datasetExists(String id) {
    return call(s -> s.datasetExists(id));
  }

  @Override
  public DatasetPage listDatasets(int pageSize, String afterId, long maxBytes) {
    return call(s -> s.listDatasets(pageSize, afterId, maxBytes));
  }

  @Override
  public void deleteDataset(String id, long expectedVersion) {
    call(
        s -> {
          s.deleteDataset(id, expectedVersion);
          return null;
        });
  }

  @Override
  public Usage usage(String owner) {
    return call(s -> s.usage(owner));
  }

  /** Whether the delegate is open and answers its probe. */
  @Override
  public boolean isUsable() {
    ScenarioStore s;
    synchronized (this) {
      s = delegate;
    }
    return s != null && probe(s);
  }

  /** Closes the delegate and stops reopening. */
  @Override
  public synchronized void close() {
    closed = true;
    if (reopener != null) {
      reopener.shutdownNow();
    }
    if (delegate != null) {
      closeQuietly(delegate);
      delegate = null;
    }
  }

  // ------------------------------------------------------------------ internals

  private <T> T call(Function<ScenarioStore, T> operation) {
    ScenarioStore s = current();
    try {
      return operation.apply(s);
    } catch (ScenarioStoreException | DatasetStoreException | QuotaExceededException refused) {
      throw refused;
    } catch (ScenarioStoreFailure e) {
      if (e.fatal() || !probe(s)) {
        throw breakDown(s, e);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      if (!probe(s)) {
        throw breakDown(s, e);
      }
      throw e;
    }
  }

  /** The open delegate; opens it on first use; refuses while it is being reopened. */
  private ScenarioStore current() {
    return current(true);
  }

  private synchronized ScenarioStore current(boolean logFailure) {
    if (closed) {
      throw new ScenarioStoreUnavailableException(
          Duration.ZERO, new IllegalStateException("the server is shutting down"));
    }
    if (delegate != null) {
      return delegate;
    }
    if (failure == null) {
      try {
        delegate = opener.open(dataDir, settings);
        return delegate;
      } catch (RuntimeException | Error e) {
        if (logFailure) {
          logOpenFailure("cannot open the scenario store " + where, e, true);
        }
        unavailable(e);
        throw refusal(e);
      }
    }
    throw refusal(failure);
  }

  /** What a call gets while the store is unavailable for {@code cause}. */
  private StoreException refusal(Throwable cause) {
    if (cause instanceof ScenarioStoreInUseException inUse) {
      return new ScenarioStoreInUseException(inUse.dataDir(), cause);
    }
    return new ScenarioStoreUnavailableException(retryAfter(), cause);
  }

  /** Takes a failed delegate out of service (once, whichever call saw it first). */
  private synchronized StoreException breakDown(ScenarioStore failed, Throwable cause) {
    if (delegate == failed) {
      delegate = null;
      closeQuietly(failed);
      logger.log(Level.WARNING, "the scenario store " + where + " failed; reopening it", cause);
      unavailable(cause);
    }
    return new ScenarioStoreUnavailableException(retryAfter(), cause);
  }

  /** Records why the store is unavailable, tells the listeners, and schedules a reopen. */
  private void unavailable(Throwable cause) {
    failure = cause;
    setAvailable(false);
    schedule();
  }

  private void schedule() {
    if (closed) {
      return;
    }
    if (reopener == null) {
      reopener =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "chaincast-store-reopen");
                t.setDaemon(true);
                return t;
              });
    }
    nextAttemptNanos = System.nanoTime() + delay.toNanos();
    // reopen() handles its own failures (it reschedules), so the future carries nothing to check.
    var unused = reopener.schedule(this::reopen, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * One attempt, on the reopener thread; opening runs outside the lock, so calls fail fast
   * meanwhile.
   */
  private void reopen() {
    synchronized (this) {
      if (closed || delegate != null) {
        return;
      }
    }
    ScenarioStore opened = null;
    Throwable error = null;
    try {
      opened = opener.open(dataDir, settings);
    } catch (RuntimeException | Error e) {
      error = e;
    }
    synchronized (this) {
      if (closed) {
        if (opened != null) {
          closeQuietly(opened);
        }
        return;
      }
      if (opened != null) {
        delegate = opened;
        failure = null;
        delay = settings.reopenInitialDelay();
        logger.info("reopened the scenario store " + where);
        setAvailable(true);
        return;
      }
      failure = error;
      Duration doubled = delay.multipliedBy(2);
      delay =
          doubled.compareTo(settings.reopenMaxDelay()) > 0 ? settings.reopenMaxDelay() : doubled;
      logOpenFailure(
          "cannot reopen the scenario store "
              + where
              + "; next attempt in "
              + delay.toMillis()
              + " ms",
          error,
          false);
      schedule();
    }
  }

  /**
   * Logs a failed open. A store held by another server is a setup matter, said in one line at INFO
   * (the CLI's one-shot servers show WARNING and above only); other failures are WARNINGs, with the
   * stack trace the first time and one line on each retry.
   */
  private static void logOpenFailure(String what, Throwable cause, boolean withTrace) {
    if (cause instanceof ScenarioStoreInUseException) {
      logger.info(what + ": it is in use by another Chaincast server");
    } else if (withTrace) {
      logger.log(Level.WARNING, what, cause);
    } else {
      logger.warning(what + ": " + cause);
    }
  }

  private void setAvailable(boolean now) {
    if (available != now) {
      available = now;
      for (AvailabilityListener l : listeners) {
        l.availabilityChanged(now);
      }
    }
  }

  private synchronized Duration retryAfter() {
    long left = nextAttemptNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  private static boolean probe(ScenarioStore s) {
    try {
      return s.isUsable();
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  private static void closeQuietly(ScenarioStore s) {
    try {
      s.close();
    } catch (RuntimeException | Error e) {
      logger.log(Level.FINE, "closing a failed scenario store", e);
    }
  }
}
