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

  ServerFixture(Limits limits) throws Exception {
    this(ServerConfig.defaults().withPort(0).withThreads(2).withLimits(limits));
  }

  /** A server with this configuration (tests of stored scenarios give it a temporary data directory). */
  ServerFixture(ServerConfig config) throws Exception {
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
  }
}
