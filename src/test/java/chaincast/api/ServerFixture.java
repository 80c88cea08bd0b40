package chaincast.api;

import chaincast.run.Limits;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/** A real Chaincast server on a loopback ephemeral port and a channel to it. */
final class ServerFixture implements AutoCloseable {
  final ChaincastServer server;
  final ManagedChannel channel;
  /** A temporary data directory this fixture made and deletes, or null. */
  private final java.nio.file.Path ownDataDir;

  /** A server whose scenario store (if used) lives in a fresh temporary directory, never in ~/.chaincast. */
  ServerFixture(Limits limits) throws Exception {
    this(
        ServerConfig.defaults()
            .withPort(0)
            .withThreads(2)
            .withLimits(limits)
            .withDataDir(java.nio.file.Files.createTempDirectory("chaincast-test-data")),
        true);
  }

  /** A server with this configuration (tests of stored scenarios give it a temporary data directory). */
  ServerFixture(ServerConfig config) throws Exception {
    this(config, false);
  }

  private ServerFixture(ServerConfig config, boolean ownsDataDir) throws Exception {
    ownDataDir = ownsDataDir ? config.dataDir() : null;
    server = new ChaincastServer(config).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  ServerFixture() throws Exception {
    this(Limits.defaults());
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
    if (ownDataDir != null) {
      try (var files = java.nio.file.Files.walk(ownDataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
