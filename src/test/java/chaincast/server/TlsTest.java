package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.model.Model;
import chaincast.seed.SeedLoader;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ModelServiceGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS over a real Netty server with certificates made for the test. */
class TlsTest {
  private static Model model;

  @TempDir Path dataDir;

  @BeforeAll
  static void load() {
    model = SeedLoader.fromClasspath();
    TestPki.dir();
  }

  private ChaincastServer start(ServerSecurity security) throws IOException {
    ServerConfig config = ServerConfig.defaults().withPort(0).withThreads(1).withDataDir(dataDir);
    return new ChaincastServer(config, model, security).start();
  }

  private static ServerSecurity tls(boolean mutual) {
    return new ServerSecurity(TestPki.serverTls(mutual), null, true, false);
  }

  /** ListPlans over a fresh channel: the number of plans, or the status it failed with. */
  private static int listPlans(String host, int port, ChannelCredentials credentials)
      throws InterruptedException {
    ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, credentials).build();
    try {
      return ModelServiceGrpc.newBlockingStub(channel)
          // A safety net only: every failure below is expected long before it.
          .withDeadlineAfter(60, TimeUnit.SECONDS)
          .listPlans(ListPlansRequest.getDefaultInstance())
          .getPlansCount();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ChannelCredentials trusting(String ca) throws IOException {
    return TlsChannelCredentials.newBuilder().trustManager(TestPki.file(ca).toFile()).build();
  }

  private static ChannelCredentials withClientCert(String name) throws IOException {
    return TlsChannelCredentials.newBuilder()
        .trustManager(TestPki.file("ca.pem").toFile())
        .keyManager(TestPki.file(name + ".pem").toFile(), TestPki.file(name + ".key").toFile())
        .build();
  }

  @Test
  void aClientTrustingTheCaCallsOverTls() throws Exception {
    ChaincastServer server = start(tls(false));
    try {
      assertTrue(listPlans("localhost", server.port(), trusting("ca.pem")) > 0);
      assertTrue(
          listPlans("127.0.0.1", server.port(), trusting("ca.pem")) > 0,
          "the IP is in the certificate too");
    } finally {
      server.stop();
    }
  }

  @Test
  void aPlaintextClientFailsFastWithUnavailable() throws Exception {
    ChaincastServer server = start(tls(false));
    try {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () -> listPlans("localhost", server.port(), InsecureChannelCredentials.create()));
      // UNAVAILABLE, not DEADLINE_EXCEEDED: the server closes the connection, nothing hangs.
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e::toString);
    } finally {
      server.stop();
    }
  }

  @Test
  void aClientThatTrustsAnotherCaRefusesTheServer() throws Exception {
    ChaincastServer server = start(tls(false));
    try {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () -> listPlans("localhost", server.port(), trusting("other-ca.pem")));
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
      assertTrue(hasCause(e, SSLException.class), "a TLS failure, not a refused connection: " + e);
    } finally {
      server.stop();
    }
  }

  @Test
  void mutualTlsAcceptsAClientCertificateFromItsCaOnly() throws Exception {
    ChaincastServer server = start(tls(true));
    try {
      assertTrue(listPlans("localhost", server.port(), withClientCert("client")) > 0);
      for (ChannelCredentials refused :
          new ChannelCredentials[] {trusting("ca.pem"), withClientCert("rogue")}) {
        StatusRuntimeException e =
            assertThrows(
                StatusRuntimeException.class, () -> listPlans("localhost", server.port(), refused));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e::toString);
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void unusableFilesAreReportedByNameAtStartUp() throws Exception {
    Path pem = TestPki.file("server.pem");
    Path key = TestPki.file("server.key");
    assertSetup(
        "--tls-cert " + dataDir.resolve("nope.pem") + ": no such file",
        dataDir.resolve("nope.pem"),
        key);
    assertSetup(
        "--tls-key " + dataDir.resolve("nope.key") + ": no such file",
        pem,
        dataDir.resolve("nope.key"));
    assertSetup("holds no certificate", key, key);
    assertSetup("holds no PEM private key", pem, pem);
    // The client's EC key with the server's RSA certificate, and an EC key of another certificate.
    assertSetup("not an RSA private key", pem, TestPki.file("client.key"));
    assertSetup(
        "does not belong to the certificate",
        TestPki.file("client.pem"),
        TestPki.file("rogue.key"));
    assertSetup("--tls-client-ca " + key + ": holds no certificate", pem, key, key);

    Path pkcs1 = dataDir.resolve("pkcs1.key");
    openssl("rsa", "-in", key.toString(), "-traditional", "-out", pkcs1.toString());
    assertSetup("'RSA PRIVATE KEY' (PKCS#1/SEC1); convert it to PKCS#8", pem, pkcs1);
    Path encrypted = dataDir.resolve("encrypted.key");
    openssl(
        "pkcs8",
        "-topk8",
        "-in",
        key.toString(),
        "-passout",
        "pass:secret",
        "-out",
        encrypted.toString());
    assertSetup("the key is encrypted", pem, encrypted);

    Path unreadable = dataDir.resolve("unreadable.key");
    Files.copy(key, unreadable);
    assertTrue(unreadable.toFile().setReadable(false, false));
    if (!Files.isReadable(
        unreadable)) { // root reads anything; the check only means something for other users
      assertSetup("not readable by this user", pem, unreadable);
    }
  }

  @Test
  void aKeyOthersCanReadStartsWithAWarning() throws Exception {
    Path key = dataDir.resolve("open.key");
    Files.copy(TestPki.file("server.key"), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    ServerTls tls = ServerTls.load(TestPki.file("server.pem"), key, null);
    assertEquals(1, tls.warnings().size(), tls.warnings()::toString);
    assertTrue(
        tls.warnings().get(0).contains("readable by other users (mode 0644)"),
        tls.warnings()::toString);
    assertTrue(TestPki.serverTls(false).warnings().isEmpty(), "the script's keys are 0600");
    assertFalse(TestPki.serverTls(false).clientCerts());
    assertTrue(TestPki.serverTls(true).clientCerts());
  }

  private static void assertSetup(String expected, Path cert, Path key) {
    assertSetup(expected, cert, key, null);
  }

  private static void assertSetup(String expected, Path cert, Path key, Path clientCa) {
    ServerSetupException e =
        assertThrows(ServerSetupException.class, () -> ServerTls.load(cert, key, clientCa));
    assertTrue(
        e.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + e.getMessage());
  }

  private static void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
