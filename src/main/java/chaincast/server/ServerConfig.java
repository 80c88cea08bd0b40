package chaincast.server;

import chaincast.run.Limits;
import java.nio.file.Path;

/**
 * How to run the server.
 *
 * @param host     address to bind; loopback by default so nothing is exposed by accident
 * @param port     port, 0 for an ephemeral one
 * @param threads  engine threads (results do not depend on it)
 * @param seedsDir seed directory, or null for the seeds bundled in the jar
 * @param limits   per-request limits
 */
public record ServerConfig(String host, int port, int threads, Path seedsDir, Limits limits) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 50051;

  /** Loopback, the default port, every core, bundled seeds, default limits. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        DEFAULT_HOST, DEFAULT_PORT, Runtime.getRuntime().availableProcessors(), null, Limits.defaults());
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, threads, seedsDir, limits);
  }

  public ServerConfig withHost(String host) {
    return new ServerConfig(host, port, threads, seedsDir, limits);
  }

  public ServerConfig withThreads(int threads) {
    return new ServerConfig(host, port, threads, seedsDir, limits);
  }

  public ServerConfig withSeedsDir(Path seedsDir) {
    return new ServerConfig(host, port, threads, seedsDir, limits);
  }

  public ServerConfig withLimits(Limits limits) {
    return new ServerConfig(host, port, threads, seedsDir, limits);
  }
}
