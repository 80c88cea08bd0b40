package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.BearerTokens;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.server.ServerSecurity;
import chaincast.server.TestPki;
import chaincast.server.TokenFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CLI against a server with TLS and tokens, as a real process: --tls-ca, --token-file, --token
 * and the environment; the exit codes and one-line messages of refused calls; and {@code serve}'s
 * start-up checks and {@code token}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliSecurityIT {
  private Path dir;
  private final String reader = BearerTokens.generate();
  private final String writer = BearerTokens.generate();
  private Path readerFile;
  private Path writerFile;
  private Path tokenFile;
  private ChaincastServer server;
  private String address;

  @BeforeAll
  void startServer() throws Exception {
    dir = Files.createTempDirectory("chaincast-cli-security");
    readerFile = Files.writeString(dir.resolve("reader.token"), reader + "\n");
    writerFile = Files.writeString(dir.resolve("writer.token"), writer + "\n");
    tokenFile =
        Files.writeString(
            dir.resolve("tokens.txt"),
            "dashboard read "
                + BearerTokens.fileHash(reader)
                + "\nplanner write "
                + BearerTokens.fileHash(writer)
                + "\n");
    ServerSecurity security =
        new ServerSecurity(TestPki.serverTls(false), TokenFile.load(tokenFile), true, false);
    server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(2)
                    .withDataDir(Files.createDirectory(dir.resolve("data"))),
                security)
            .start();
    address = "localhost:" + server.port();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.stop();
  }

  private static void assertOneLine(CliProcess.Result r, int exitCode, String... fragments) {
    assertEquals(exitCode, r.exitCode(), r.toString());
    assertEquals(1, r.stderr().strip().lines().count(), "one line on stderr: " + r);
    for (String f : fragments) {
      assertTrue(r.stderr().contains(f), "'" + f + "' missing: " + r);
    }
  }

  private String ca() {
    return TestPki.file("ca.pem").toString();
  }

  @Test
  void aReaderBrowsesOverTlsWithATokenFile() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "plans",
            "--server",
            address,
            "--tls-ca",
            ca(),
            "--token-file",
            readerFile.toString(),
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("lzbf-2023-53"), r.stdout());
  }

  @Test
  void theEnvironmentGivesTheCaAndTheToken() throws Exception {
    Map<String, String> byToken = Map.of("CHAINCAST_TLS_CA", ca(), "CHAINCAST_TOKEN", reader);
    CliProcess.Result r =
        CliProcess.run(
            byToken, Duration.ofSeconds(60), "regions", "--server", address, "--format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, String> byFile =
        Map.of("CHAINCAST_TLS_CA", ca(), "CHAINCAST_TOKEN_FILE", readerFile.toString());
    r =
        CliProcess.run(
            byFile, Duration.ofSeconds(60), "chains", "--server", address, "--format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    // An option wins over the environment: the wrong token on the command line is the one sent.
    r =
        CliProcess.run(
            byToken, Duration.ofSeconds(60), "chains", "--server", address, "--token", "cct_wrong");
    assertOneLine(r, ExitCode.UNAUTHENTICATED.code(), "UNAUTHENTICATED");
  }

  @Test
  void aMissingOrWrongTokenExitsWithEightAndNeverShowsTheToken() throws Exception {
    assertOneLine(
        CliProcess.run("plans", "--server", address, "--tls-ca", ca()),
        ExitCode.UNAUTHENTICATED.code(),
        "the server did not accept the credentials (UNAUTHENTICATED): this server requires a bearer token",
        "--token-file FILE");
    String wrong = BearerTokens.generate();
    CliProcess.Result r =
        CliProcess.run("plans", "--server", address, "--tls-ca", ca(), "--token", wrong);
    assertOneLine(
        r, ExitCode.UNAUTHENTICATED.code(), "the bearer token is not valid on this server");
    assertFalse(r.stderr().contains(wrong), r.stderr());
  }

  @Test
  void aReaderWritingExitsWithNineAndAWriterWrites() throws Exception {
    List<String> create =
        List.of(
            "scenario",
            "create",
            "cli-auth",
            "--name-en",
            "CLI auth",
            "--server",
            address,
            "--tls-ca",
            ca());
    CliProcess.Result denied =
        CliProcess.run(concat(create, "--token-file", readerFile.toString()));
    assertOneLine(
        denied,
        ExitCode.PERMISSION_DENIED.code(),
        "not allowed (PERMISSION_DENIED): token 'dashboard' (roles: read) may not call"
            + " chaincast.v1.ScenarioService/CreateScenario: it needs the write role");
    CliProcess.Result created =
        CliProcess.run(
            concat(create, "--token-file", writerFile.toString(), "--format", "proto-json"));
    assertEquals(0, created.exitCode(), created.toString());
    assertTrue(created.stdout().contains("\"id\": \"cli-auth\""), created.stdout());
    CliProcess.Result shown =
        CliProcess.run(
            "scenario",
            "show",
            "cli-auth",
            "--server",
            address,
            "--tls-ca",
            ca(),
            "--token-file",
            readerFile.toString());
    assertEquals(0, shown.exitCode(), shown.toString());
  }

  private static String[] concat(List<String> head, String... tail) {
    return Stream.concat(head.stream(), Arrays.stream(tail)).toArray(String[]::new);
  }

  @Test
  void aPlaintextClientFailsCleanlyWithAHint() throws Exception {
    Instant start = Instant.now();
    CliProcess.Result r =
        CliProcess.run(
            "plans",
            "--server",
            address,
            "--token-file",
            readerFile.toString(),
            "--timeout",
            "120");
    assertOneLine(
        r,
        ExitCode.UNREACHABLE.code(),
        "cannot reach the server at " + address,
        "A server with TLS needs --tls-ca FILE");
    assertTrue(Duration.between(start, Instant.now()).toSeconds() < 110, "failed, not timed out");
  }

  @Test
  void aClientTrustingAnotherCaSaysTheHandshakeFailed() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "plans",
            "--server",
            address,
            "--tls-ca",
            TestPki.file("other-ca.pem").toString(),
            "--token-file",
            readerFile.toString());
    assertOneLine(
        r,
        ExitCode.UNREACHABLE.code(),
        "the TLS handshake with the server at " + address + " failed",
        "check that --tls-ca");
  }

  @Test
  void badClientOptionsAreUsageErrors() throws Exception {
    assertOneLine(
        CliProcess.run("plans", "--tls-ca", ca()),
        ExitCode.USAGE.code(),
        "need --server HOST:PORT");
    Path missing = dir.resolve("missing.token");
    assertOneLine(
        CliProcess.run(
            "plans", "--server", address, "--tls-ca", ca(), "--token-file", missing.toString()),
        ExitCode.USAGE.code(),
        "--token-file " + missing + ": no such file");
    // The in-process server ignores CHAINCAST_TOKEN: it is for remote servers.
    CliProcess.Result local =
        CliProcess.run(
            Map.of("CHAINCAST_TOKEN", reader), Duration.ofSeconds(60), "plans", "--format", "csv");
    assertEquals(0, local.exitCode(), local.toString());
  }

  @Test
  void mutualTlsWithAClientCertificate() throws Exception {
    ChaincastServer mtls =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(1)
                    .withDataDir(Files.createTempDirectory(dir, "m")),
                new ServerSecurity(TestPki.serverTls(true), null, true, false))
            .start();
    try {
      String at = "localhost:" + mtls.port();
      CliProcess.Result ok =
          CliProcess.run(
              "plans",
              "--server",
              at,
              "--tls-ca",
              ca(),
              "--tls-cert",
              TestPki.file("client.pem").toString(),
              "--tls-key",
              TestPki.file("client.key").toString(),
              "--format",
              "csv");
      assertEquals(0, ok.exitCode(), ok.toString());
      assertOneLine(
          CliProcess.run("plans", "--server", at, "--tls-ca", ca()),
          ExitCode.UNREACHABLE.code(),
          "UNAVAILABLE");
    } finally {
      mtls.stop();
    }
  }

  @Test
  void serveRefusesAnUnprotectedNetworkAddressAndBadFiles() throws Exception {
    assertOneLine(
        CliProcess.run("serve", "--host", "0.0.0.0", "--port", "0"),
        ExitCode.USAGE.code(),
        "chaincast serve: refusing to listen on 0.0.0.0, which is not a loopback address, without TLS and authentication",
        "Add --tls-cert FILE --tls-key FILE and --token-file FILE",
        "--insecure");
    assertOneLine(
        CliProcess.run(
            "serve",
            "--port",
            "0",
            "--tls-cert",
            TestPki.file("client.pem").toString(),
            "--tls-key",
            TestPki.file("rogue.key").toString()),
        ExitCode.USAGE.code(),
        "does not belong to the certificate");
    Path open =
        Files.writeString(
            dir.resolve("open-tokens.txt"), "a read " + BearerTokens.fileHash("x") + "\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertOneLine(
        CliProcess.run("serve", "--port", "0", "--token-file", open.toString()),
        ExitCode.USAGE.code(),
        "other users may write it (mode 0666)");
  }

  @Test
  void serveWithTlsTokensAndNoReflectionOnAllInterfaces() throws Exception {
    Path data = Files.createTempDirectory(dir, "serve");
    try (CliProcess serve =
        CliProcess.start(
            List.of(
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--threads",
                "1",
                "--tls-cert",
                TestPki.file("server.pem").toString(),
                "--tls-key",
                TestPki.file("server.key").toString(),
                "--token-file",
                tokenFile.toString(),
                "--no-reflection"))) {
      int port = awaitPort(serve);
      assertTrue(
          serve.stderrSoFar().contains("(TLS, 2 bearer tokens, reflection off)"),
          serve.stderrSoFar());
      CliProcess.Result r =
          CliProcess.run(
              "targets",
              "--server",
              "localhost:" + port,
              "--tls-ca",
              ca(),
              "--token-file",
              writerFile.toString(),
              "--format",
              "csv");
      assertEquals(0, r.exitCode(), r.toString());
    }
  }

  private static int awaitPort(CliProcess serve) throws InterruptedException {
    Pattern serving = Pattern.compile("serving on \\S+:(\\d+)");
    Instant deadline =
        Instant.now().plusSeconds(120); // a safety net; the line comes within seconds
    while (Instant.now().isBefore(deadline)) {
      Matcher m = serving.matcher(serve.stderrSoFar());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      assertTrue(serve.process().isAlive(), "serve exited: " + serve.stderrSoFar());
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not report its port: " + serve.stderrSoFar());
  }

  @Test
  void tokenMakesAPrivateTokenFileAndTheLineForTheServer() throws Exception {
    Path out = dir.resolve("made.token");
    CliProcess.Result r =
        CliProcess.run(
            "token", "--name", "ci-bot", "--role", "read,write", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    String token = Files.readString(out, StandardCharsets.UTF_8).strip();
    assertTrue(token.startsWith(BearerTokens.TOKEN_PREFIX), "the token file holds the token");
    assertEquals("ci-bot read,write " + BearerTokens.fileHash(token), r.stdout().strip());
    assertFalse(
        r.stdout().contains(token) || r.stderr().contains(token), "the token is only in the file");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertTrue(
        TokenFile.load(Files.writeString(dir.resolve("made-tokens.txt"), r.stdout()))
            .authenticate(token)
            .isPresent());
    assertOneLine(
        CliProcess.run("token", "--name", "again", "--role", "read", "--out", out.toString()),
        ExitCode.USAGE.code(),
        "exists; a token file is never overwritten");
    assertEquals(token, Files.readString(out, StandardCharsets.UTF_8).strip(), "untouched");
  }
}
