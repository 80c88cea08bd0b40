package chaincast.store;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Opens the {@link ScenarioStore} on first use, not at server start.
 *
 * <p>Why: the database file allows one process at a time, and the CLI's one-shot commands start
 * an in-process server on the default data directory; a server that never touches scenarios must
 * not lock (or fail on) a directory another server is using. A failed open is retried on the
 * next call.
 */
public final class LazyScenarioStore implements Supplier<ScenarioStore>, AutoCloseable {
  private final Path dataDir;
  private ScenarioStore store;

  public LazyScenarioStore(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The data directory the store lives in. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * The open store.
   *
   * @throws IllegalStateException if it cannot be opened (e.g. another process holds the file)
   */
  @Override
  public synchronized ScenarioStore get() {
    if (store == null) {
      store = ScenarioStore.open(dataDir);
    }
    return store;
  }

  /** Closes the store if it was opened. */
  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
