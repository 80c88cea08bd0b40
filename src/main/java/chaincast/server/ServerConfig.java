package chaincast.server;

import chaincast.admission.AdmissionSettings;
import chaincast.run.Limits;
import chaincast.store.StoreSettings;
import java.nio.file.Path;

/**
 * How to run the server.
 *
 * @param host address to bind; loopback by default so nothing is exposed by accident
 * @param port port, 0 for an ephemeral one
 * @param threads engine threads (results do not depend on it)
 * @param seedsDir seed directory, or null for the seeds bundled in the jar
 * @param limits per-request limits
 * @param dataDir where stored scenarios live (database file {@code scenarios.mv.db})
 * @param admission how runs are admitted: the run queue and the heap share runs may hold ({@code
 *     limits.maxConcurrentRuns} is how many run at once)
 * @param store bounds, quotas and housekeeping of the scenario store
 */
public record ServerConfig(
    String host,
    int port,
    int threads,
    Path seedsDir,
    Limits limits,
    Path dataDir,
    AdmissionSettings admission,
    StoreSettings store,
    ConnectionAge connectionAge) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 50051;

  /** Environment variable that moves the default data directory. */
  public static final String DATA_DIR_ENV = "CHAINCAST_DATA_DIR";

  /**
   * Loopback, the default port, every core, bundled seeds, default limits, the default data
   * directory.
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        Runtime.getRuntime().availableProcessors(),
        null,
        Limits.defaults(),
        defaultDataDir(),
        AdmissionSettings.defaults(),
        StoreSettings.defaults(),
        ConnectionAge.DEFAULT);
  }

  /**
   * {@code $CHAINCAST_DATA_DIR} when set, else {@code ~/.chaincast}: per user, outside any
   * checkout, so scenarios outlive rebuilds and upgrades.
   */
  public static Path defaultDataDir() {
    String env = System.getenv(DATA_DIR_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".chaincast");
  }

  public ServerConfig withDataDir(Path dataDir) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  public ServerConfig withHost(String host) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  public ServerConfig withThreads(int threads) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  public ServerConfig withSeedsDir(Path seedsDir) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  public ServerConfig withLimits(Limits limits) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  public ServerConfig withAdmission(AdmissionSettings admission) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  /** This configuration with other bounds, quotas and housekeeping for the scenario store. */
  public ServerConfig withStore(StoreSettings store) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }

  /** This configuration with another limit on how long a client connection lives. */
  public ServerConfig withConnectionAge(ConnectionAge connectionAge) {
    return new ServerConfig(
        host, port, threads, seedsDir, limits, dataDir, admission, store, connectionAge);
  }
}
