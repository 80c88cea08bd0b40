package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.model.Model;
import chaincast.seed.SeedLoader;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ModelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback rule and --no-reflection, on real servers. */
class ServerSecurityTest {
  private static Model model;
  private static BearerTokens tokens;

  @TempDir Path dataDir;

  @BeforeAll
  static void load() {
    model = SeedLoader.fromClasspath();
    tokens = TokenFile.parse("t", "a read " + BearerTokens.fileHash(BearerTokens.generate()));
  }

  private ChaincastServer server(String host, ServerSecurity security) {
    return new ChaincastServer(
        ServerConfig.defaults().withHost(host).withPort(0).withThreads(1).withDataDir(dataDir),
        model,
        security);
  }

  @Test
  void loopbackNamesAreRecognised() {
    for (String host : new String[] {"127.0.0.1", "127.3.2.1", "localhost", "::1"}) {
      assertTrue(ServerSecurity.isLoopback(host), host);
    }
    for (String host : new String[] {"0.0.0.0", "::", "192.0.2.1", "no-such-host.invalid"}) {
      assertFalse(ServerSecurity.isLoopback(host), host);
    }
  }

  @Test
  void aNetworkAddressWithoutTlsAndAuthIsRefusedAndSaysWhatToAdd() {
    ServerSetupException open =
        assertThrows(
            ServerSetupException.class, () -> server("0.0.0.0", ServerSecurity.NONE).start());
    assertEquals(
        "refusing to listen on 0.0.0.0, which is not a loopback address, without TLS and authentication: anyone"
            + " who can reach the port could call every RPC, including deleting scenarios. Add --tls-cert FILE"
            + " --tls-key FILE and --token-file FILE (or --tls-client-ca FILE for client certificates), or pass"
            + " --insecure if the network in front of the server protects it",
        open.getMessage());
    ServerSecurity tlsOnly = new ServerSecurity(TestPki.serverTls(false), null, true, false);
    assertTrue(
        assertThrows(ServerSetupException.class, () -> server("0.0.0.0", tlsOnly).start())
            .getMessage()
            .contains("without authentication:"));
    ServerSecurity tokensOnly = new ServerSecurity(null, tokens, true, false);
    assertTrue(
        assertThrows(ServerSetupException.class, () -> server("::", tokensOnly).start())
            .getMessage()
            .contains("without TLS (tokens would cross the network in clear text):"));
  }

  @Test
  void aNetworkAddressStartsWithTlsAndAuthOrWithInsecure() throws Exception {
    ServerSecurity[] allowed = {
      new ServerSecurity(TestPki.serverTls(false), tokens, true, false),
      new ServerSecurity(TestPki.serverTls(true), null, true, false),
      new ServerSecurity(null, null, true, true),
    };
    for (ServerSecurity security : allowed) {
      ChaincastServer s = server("0.0.0.0", security).start();
      try {
        assertTrue(s.port() > 0, security::describe);
      } finally {
        s.stop();
      }
    }
    ChaincastServer open = server("0.0.0.0", new ServerSecurity(null, null, true, true)).start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", open.port()).usePlaintext().build();
    try {
      assertTrue(
          ModelServiceGrpc.newBlockingStub(channel)
                  .listPlans(ListPlansRequest.getDefaultInstance())
                  .getPlansCount()
              > 0);
    } finally {
      channel.shutdownNow();
      open.stop();
    }
  }

  @Test
  void noReflectionRemovesTheReflectionServiceOnly() throws Exception {
    ChaincastServer s = server("127.0.0.1", new ServerSecurity(null, null, false, false)).start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
    try {
      Object t = ReflectionProbe.listServices(ServerReflectionGrpc.newStub(channel));
      assertTrue(t instanceof StatusRuntimeException, String.valueOf(t));
      assertEquals(Status.Code.UNIMPLEMENTED, Status.fromThrowable((Throwable) t).getCode());
      assertTrue(
          s.services().stream()
              .noneMatch(d -> d.getServiceDescriptor().getName().contains("Reflection")));
      assertEquals(
          HealthCheckResponse.ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(channel)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
      assertTrue(
          ModelServiceGrpc.newBlockingStub(channel)
                  .listPlans(ListPlansRequest.getDefaultInstance())
                  .getPlansCount()
              > 0);
    } finally {
      channel.shutdownNow();
      s.stop();
    }
  }

  @Test
  void theStartUpLineSaysHowTheServerIsProtected() {
    assertEquals("plaintext, no tokens, reflection on", ServerSecurity.NONE.describe());
    assertEquals(
        "TLS with client certificates, 1 bearer token, reflection off, --insecure",
        new ServerSecurity(TestPki.serverTls(true), tokens, false, true).describe());
  }
}
