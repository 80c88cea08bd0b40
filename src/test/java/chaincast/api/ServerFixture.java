package chaincast.api;

import chaincast.run.Limits;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * A Chaincast server with the real services, interceptors and health, and a channel to it.
 *
 * <p>By default the server runs on grpc's in-process transport under a unique name: the same wiring
 * as {@code chaincast serve} without a TCP port, so service tests neither bind sockets nor pay for
 * HTTP/2 framing. {@link #overNetty} starts it on a loopback port instead, for the few tests about
 * the real transport (its metadata and message size limits).
 */
final class ServerFixture implements AutoCloseable {
  final ChaincastServer server;
  final ManagedChannel channel;

  /** A temporary data directory this fixture made and deletes, or null. */
  private final Path ownDataDir;

  /**
   * A server whose scenario store (if used) lives in a fresh temporary directory, never in
   * ~/.chaincast.
   */
  ServerFixture(Limits limits) throws Exception {
    this(testConfig(limits), true, false);
  }

  /**
   * A server with this configuration (tests of stored scenarios give it a temporary data
   * directory).
   */
  ServerFixture(ServerConfig config) throws Exception {
    this(config, false, false);
  }

  ServerFixture() throws Exception {
    this(Limits.defaults());
  }

  /** A server with default limits over real Netty on an ephemeral loopback port. */
  static ServerFixture overNetty() throws Exception {
    return new ServerFixture(testConfig(Limits.defaults()), true, true);
  }

  private ServerFixture(ServerConfig config, boolean ownsDataDir, boolean netty) throws Exception {
    ownDataDir = ownsDataDir ? config.dataDir() : null;
    if (netty) {
      server = new ChaincastServer(config).start();
      channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    } else {
      String name = InProcessServerBuilder.generateName();
      server = new ChaincastServer(config).start(InProcessServerBuilder.forName(name));
      channel = InProcessChannelBuilder.forName(name).build();
    }
  }

  private static ServerConfig testConfig(Limits limits) throws Exception {
    return ServerConfig.defaults()
        .withPort(0)
        .withThreads(2)
        .withLimits(limits)
        .withDataDir(Files.createTempDirectory("chaincast-test-data"));
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
    if (ownDataDir != null) {
      try (var files = Files.walk(ownDataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
