package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.admission.AdmissionSettings;
import chaincast.run.Limits;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each failure the CLI can meet gives its documented exit code and one line on stderr; Ctrl-C and a
 * killed client stop the server's work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliFailuresIT {
  /** More than a minute of both cores: a run that cannot finish during a test. */
  private static final String LONG_RUN = "50000000";

  private ChaincastServer server;
  private String address;

  @BeforeAll
  void startServer() throws Exception {
    server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(2)
                    .withDataDir(Files.createTempDirectory("chaincast-it")))
            .start();
    address = "127.0.0.1:" + server.port();
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
    assertTrue(r.stdout().isBlank(), "no partial result on stdout: " + r);
  }

  @Test
  void aChineseArgumentUnderAnAsciiLocaleIsRefusedNotStoredAsReplacementCharacters()
      throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            Map.of("LANG", "C", "LC_ALL", "C"),
            Duration.ofSeconds(60),
            "scenario",
            "create",
            "c-locale",
            "--server",
            address,
            "--name-zh",
            "海州放缓");
    assertOneLine(r, ExitCode.USAGE.code(), "could not be decoded", "LANG=C.UTF-8");
  }

  @Test
  void pathCountsAsPeopleWriteThem() throws Exception {
    for (String n : List.of("2e3", "2_000", "2,000")) {
      CliProcess.Result r =
          CliProcess.run(
              "odds",
              "--server",
              address,
              "--paths",
              n,
              "--target",
              "pharma-output-2025",
              "--format",
              "csv");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.stdout().contains(",2000,"), n + ": " + r.stdout());
    }
  }

  @Test
  void unreachableServer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: nothing listens there
    }
    assertOneLine(
        CliProcess.run("regions", "--server", "127.0.0.1:" + port),
        ExitCode.UNREACHABLE.code(),
        "cannot reach the server at 127.0.0.1:" + port);
  }

  @Test
  void invalidArgumentsNameTheFieldAndTheOption() throws Exception {
    assertOneLine(
        CliProcess.run("odds", "--server", address, "--paths", "-4", "--horizon", "1990"),
        ExitCode.REJECTED.code(),
        "INVALID_ARGUMENT",
        "spec.paths (--paths)",
        "spec.horizon_year (--horizon)");
    assertOneLine(
        CliProcess.run(
            "odds",
            "--server",
            address,
            "--paths",
            "1000",
            "--what-if",
            "pharma@etdz:volatility=9"),
        ExitCode.REJECTED.code(),
        "spec.overrides[0].volatility (--what-if)");
  }

  @Test
  void unknownIdsAreNotFound() throws Exception {
    assertOneLine(
        CliProcess.run("odds", "--server", address, "--target", "no-such-target"),
        ExitCode.REJECTED.code(),
        "NOT_FOUND",
        "no target 'no-such-target'");
    assertOneLine(
        CliProcess.run("cells", "--server", address, "--region", "atlantis"),
        ExitCode.REJECTED.code(),
        "'atlantis'");
  }

  @Test
  void unparseableCommandLines() throws Exception {
    assertOneLine(
        CliProcess.run("odds", "--pathz", "3"),
        ExitCode.USAGE.code(),
        "chaincast odds: Unknown option",
        "--help");
    assertOneLine(
        CliProcess.run("odds", "--paths", "many"),
        ExitCode.USAGE.code(),
        "'many' is not a whole number");
    assertOneLine(
        CliProcess.run("fan", "--paths", "10"), ExitCode.USAGE.code(), "Missing required");
    assertOneLine(
        CliProcess.run("fan", "--cell", "a@b", "--chain", "c"),
        ExitCode.USAGE.code(),
        "mutually exclusive");
    assertOneLine(
        CliProcess.run("odds", "--what-if", "pharma@etdz"),
        ExitCode.USAGE.code(),
        "CELL:PARAM=VALUE");
    assertOneLine(
        CliProcess.run("odds", "--joint", "x=only-one"),
        ExitCode.USAGE.code(),
        "at least two target ids");
    assertOneLine(CliProcess.run("odds", "--timeout", "-1"), ExitCode.USAGE.code(), "--timeout");
    assertOneLine(CliProcess.run("odds", "--format", "xml"), ExitCode.USAGE.code(), "--format");
    assertOneLine(CliProcess.run("nonsense"), ExitCode.USAGE.code(), "Unmatched argument");
  }

  @Test
  void deadlinePassesAndTheServerStops() throws Exception {
    long cancelledBefore = server.runStats().cancelled();
    assertOneLine(
        // 5 s, not less: the deadline must leave time for the run to start on a cold or loaded
        // server, or it passes before the run exists and no run is counted as cancelled.
        CliProcess.run("odds", "--server", address, "--paths", LONG_RUN, "--timeout", "5"),
        ExitCode.DEADLINE.code(),
        "DEADLINE_EXCEEDED",
        "--timeout");
    awaitAbove(
        server.runStats()::cancelled, cancelledBefore, "the server stops the run at the deadline");
    assertTrue(server.runStats().lastCancelledAfterPaths() < Long.parseLong(LONG_RUN));
  }

  @Test
  void busyServerIsAServerError() throws Exception {
    Limits one = new Limits(50_000_000L, 2035, 50, 20, 500, 50, 500, 1);
    ChaincastServer busy =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(1)
                    .withLimits(one)
                    .withAdmission(AdmissionSettings.defaults().withQueue(0, 0))
                    .withDataDir(Files.createTempDirectory("chaincast-it")))
            .start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", busy.port()).usePlaintext().build();
    try {
      // Occupy the only run slot with a long run.
      SimulationServiceGrpc.newStub(channel)
          .simulate(
              SimulateRequest.newBuilder()
                  .setSpec(SimulationSpec.newBuilder().setPaths(50_000_000L))
                  .build(),
              new StreamObserver<SimulateResponse>() {
                @Override
                public void onNext(SimulateResponse value) {}

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
              });
      awaitAbove(busy.runStats()::started, 0, "the long run starts");
      assertOneLine(
          CliProcess.run("odds", "--server", "127.0.0.1:" + busy.port(), "--paths", "1000"),
          ExitCode.SERVER_ERROR.code(),
          "RESOURCE_EXHAUSTED",
          "try again");
    } finally {
      channel.shutdownNow();
      busy.stop();
    }
  }

  @Test
  void unwritableChart() throws Exception {
    // The folder exists (a missing one is a usage error) but the name is taken by a folder, so
    // the write itself fails after the run.
    Path taken = Files.createDirectories(Files.createTempDirectory("chart").resolve("odds.png"));
    assertOneLine(
        CliProcess.run(
                "odds",
                "--server",
                address,
                "--paths",
                "1000",
                "--format",
                "csv",
                "--png",
                taken.toString())
            .withoutStdout(),
        ExitCode.OUTPUT.code(),
        "cannot write the chart");
  }

  @Test
  void ctrlCCancelsTheCallOnTheServer() throws Exception {
    long cancelledBefore = server.runStats().cancelled();
    try (CliProcess p =
        CliProcess.start(List.of("odds", "--server", address, "--paths", LONG_RUN, "--progress"))) {
      awaitProgress(p);
      p.interrupt();
      CliProcess.Result r = p.await(Duration.ofSeconds(20));
      assertEquals(ExitCode.INTERRUPTED.code(), r.exitCode(), r.toString());
      assertTrue(
          r.stderr().contains("interrupted: the call was cancelled on the server"), r.toString());
    }
    awaitAbove(server.runStats()::cancelled, cancelledBefore, "SIGINT cancels the server-side run");
    assertTrue(server.runStats().lastCancelledAfterPaths() < Long.parseLong(LONG_RUN));
  }

  @Test
  void ctrlCCancelsAUnaryCallToo() throws Exception {
    long startedBefore = server.runStats().started();
    long cancelledBefore = server.runStats().cancelled();
    try (CliProcess p =
        CliProcess.start(
            List.of("odds", "--server", address, "--paths", LONG_RUN, "--no-progress"))) {
      awaitAbove(server.runStats()::started, startedBefore, "the run starts");
      p.interrupt();
      CliProcess.Result r = p.await(Duration.ofSeconds(20));
      assertEquals(ExitCode.INTERRUPTED.code(), r.exitCode(), r.toString());
    }
    awaitAbove(server.runStats()::cancelled, cancelledBefore, "SIGINT cancels the unary Simulate");
  }

  @Test
  void ctrlCCancelsAnyCommandPromptly() throws Exception {
    long startedBefore = server.runStats().started();
    long cancelledBefore = server.runStats().cancelled();
    try (CliProcess p =
        CliProcess.start(
            List.of(
                "compare",
                "--server",
                address,
                "--what-if",
                "pharma@etdz:drift_mean=0.03",
                "--paths",
                LONG_RUN))) {
      // Wait for the comparison to run on the server (the JVM is up and the call is in flight),
      // not for a fixed time that a loaded machine may not honour.
      awaitAbove(
          server.runStats()::started,
          startedBefore,
          "the comparison starts",
          Duration.ofSeconds(90));
      assertTrue(
          p.process().isAlive(), "a 50 M path comparison is still running: " + p.stderrSoFar());
      p.interrupt();
      CliProcess.Result r = p.await(Duration.ofSeconds(20));
      assertEquals(ExitCode.INTERRUPTED.code(), r.exitCode(), r.toString());
      // The command itself wound down (it reported the interruption) rather than being cut off
      // when the shutdown hook gave up waiting for it.
      assertTrue(
          r.stderr().contains("interrupted: the call was cancelled on the server"), r.toString());
      assertFalse(r.stderr().contains(Interruption.WIND_DOWN_TIMEOUT), r.toString());
    }
    // And the server stopped the comparison: counted as cancelled, nothing left running.
    awaitAbove(
        server.runStats()::cancelled, cancelledBefore, "SIGINT cancels the server-side comparison");
    awaitAbove(
        () -> server.runStats().active() == 0 ? 1 : 0, 0, "no run left active on the server");
  }

  @Test
  void aKilledClientClosesTheStreamAndTheServerStops() throws Exception {
    long cancelledBefore = server.runStats().cancelled();
    try (CliProcess p =
        CliProcess.start(List.of("odds", "--server", address, "--paths", LONG_RUN, "--progress"))) {
      awaitProgress(p);
      p.process().destroyForcibly().waitFor();
    }
    awaitAbove(
        server.runStats()::cancelled,
        cancelledBefore,
        "a closed connection cancels the server-side run");
  }

  private static void awaitProgress(CliProcess p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!p.stderrSoFar().contains(" paths | ")) {
      assertTrue(p.process().isAlive(), "the CLI died before progress: " + p.stderrSoFar());
      assertTrue(System.nanoTime() < deadline, "no progress within 120 s: " + p.stderrSoFar());
      Thread.sleep(50);
    }
  }

  private static void awaitAbove(LongSupplier counter, long before, String what)
      throws InterruptedException {
    awaitAbove(counter, before, what, Duration.ofSeconds(15));
  }

  /** As above, with its own safety net (a CLI JVM starting on a loaded machine needs more). */
  private static void awaitAbove(LongSupplier counter, long before, String what, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (counter.getAsLong() <= before) {
      assertTrue(System.nanoTime() < deadline, what + ": not within " + limit.toSeconds() + " s");
      Thread.sleep(20);
    }
  }
}
