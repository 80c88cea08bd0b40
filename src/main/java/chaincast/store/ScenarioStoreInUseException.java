package chaincast.store;

import java.nio.file.Path;

/**
 * The scenario database is held by another process: one file allows one
 * server at a time. Not a server fault but a setup one, so the API answers
 * it with a status and a message that say what to do.
 */
public final class ScenarioStoreInUseException extends IllegalStateException {
  private final Path dataDir;

  public ScenarioStoreInUseException(Path dataDir, Throwable cause) {
    super("the scenario store in " + dataDir + " is in use by another Chaincast server", cause);
    this.dataDir = dataDir;
  }

  public Path dataDir() {
    return dataDir;
  }
}
