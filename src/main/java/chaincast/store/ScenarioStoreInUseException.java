package chaincast.store;

import java.nio.file.Path;

/**
 * The scenario database is held by another process: one file allows one server at a time. Not a
 * server fault but a setup one, so the API answers it with a status and a message that say what to
 * do. The message does not name the directory (clients must not learn server paths); {@link
 * #dataDir()} is for the server's log.
 */
public final class ScenarioStoreInUseException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path dataDir;

  public ScenarioStoreInUseException(Path dataDir, Throwable cause) {
    super("the scenario store is in use by another Chaincast server", cause);
    this.dataDir = dataDir;
  }

  /** The data directory the other process holds. */
  public Path dataDir() {
    return dataDir;
  }
}
