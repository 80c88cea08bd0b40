package chaincast.cli;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A channel to a Chaincast server: the one named by {@code --server}, or one started here,
 * in-process, on a loopback ephemeral port (a real Netty server: the CLI goes through gRPC either
 * way).
 */
final class Connection implements AutoCloseable {
  private final ManagedChannel channel;
  private final ChaincastServer ownServer;

  private Connection(ManagedChannel channel, ChaincastServer ownServer) {
    this.channel = channel;
    this.ownServer = ownServer;
  }

  /**
   * Connects to {@code target} with {@code credentials} (TLS, token or plaintext), or starts a
   * local plaintext server when {@code target} is null. The target is one server ("host:port",
   * whose name may resolve to several replicas), a comma-separated list of replicas, or a gRPC
   * target URI ("dns:///name:port"); calls go round-robin over the replicas and read-only ones are
   * retried elsewhere when a replica is unavailable or full ({@link ClientServiceConfig}).
   *
   * @throws IllegalArgumentException if a listed replica is not "host:port"
   */
  static Connection open(String target, ChannelCredentials credentials) throws IOException {
    if (target != null) {
      ManagedChannel channel;
      try {
        channel =
            Grpc.newChannelBuilder(grpcTarget(target), credentials)
                .defaultServiceConfig(ClientServiceConfig.load())
                .enableRetry()
                .build();
      } catch (ManagedChannelRegistry.ProviderNotFoundException e) {
        // The credentials were checked; this is the transport refusing them all the same.
        throw new IllegalArgumentException(
            "cannot connect to " + target + ": " + e.getMessage(), e);
      }
      return new Connection(channel, null);
    }
    // The in-process server is an implementation detail of this command: its
    // start-up and per-run log lines would only clutter the user's stderr.
    Logger.getLogger("chaincast").setLevel(Level.WARNING);
    ChaincastServer server = new ChaincastServer(ServerConfig.defaults().withPort(0)).start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress(ServerConfig.DEFAULT_HOST, server.port())
            .usePlaintext()
            .build();
    return new Connection(channel, server);
  }

  /** The gRPC target for {@code --server}: a replica list becomes {@code static:///a,b,...}. */
  static String grpcTarget(String server) {
    if (server.contains(",") && !server.contains("://")) {
      try {
        StaticNameResolverProvider.parse(server); // a bad entry is named now, not at the first call
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--server: " + e.getMessage(), e);
      }
      StaticNameResolverProvider.register();
      return StaticNameResolverProvider.SCHEME + ":///" + server.replace(" ", "");
    }
    return server;
  }

  ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    try {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      if (ownServer != null) {
        ownServer.stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing anyway; the caller sees the flag
    }
  }
}
