package chaincast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ScenarioServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load driver, for a few seconds against a real server: through its command line, its report
 * has a row for every RPC of the mix with statuses, percentiles and rates, no unexpected status,
 * and the server's heap and paths read from the metrics endpoint; the browse mode calls browse RPCs
 * only. The figures it prints for README come from the same code on a longer run.
 */
class LoadTestSmokeTest {
  @TempDir static Path dataDir;
  private static ChaincastServer server;
  private static URI metrics;

  @BeforeAll
  static void start() throws Exception {
    server =
        new ChaincastServer(ServerConfig.defaults().withPort(0).withThreads(2).withDataDir(dataDir))
            .start();
    metrics =
        URI.create(
            "http://127.0.0.1:"
                + server.startMetricsEndpoint("127.0.0.1", 0).getPort()
                + "/metrics");
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static final Pattern ROW =
      Pattern.compile(
          "^\\| (\\S+) \\| ([0-9,]+) \\| ([A-Z_]+ [0-9,]+(?:, [A-Z_]+ [0-9,]+)*) \\| ([0-9.,]+) \\| ([0-9.,]+) \\| ([0-9.,]+) \\| ([0-9.,]+) \\|$",
          Pattern.MULTILINE);

  @Test
  void theMixedRunReportsEveryRpcWithNoUnexpectedStatus() throws Exception {
    StringWriter out = new StringWriter();
    int exit =
        LoadTest.command()
            .setOut(new PrintWriter(out))
            .execute(
                "--server",
                "127.0.0.1:" + server.port(),
                "--metrics",
                metrics.toString(),
                "--clients",
                "6",
                "--seconds",
                "4",
                "--warmup",
                "1",
                "--seed",
                "7",
                "--mix",
                "browse=50,simulate=20,scenario=30",
                "--simulate-paths",
                "4096",
                // with the fixed seed, 25 steps a client cover every RPC, however slow the machine
                "--min-steps",
                "25");
    String report = out.toString();
    assertEquals(0, exit, report);
    assertTrue(report.startsWith("LoadTest mixed: 6 clients, 4 s after a 1 s warm-up"), report);
    assertTrue(
        Long.parseLong(matchOf("\\| all \\| ([0-9,]+) \\|", report).replace(",", "")) >= 6 * 25,
        report);
    Matcher m = ROW.matcher(report);
    Set<String> rpcs = new HashSet<>();
    while (m.find()) {
      rpcs.add(m.group(1));
      double p50 = Double.parseDouble(m.group(4).replace(",", ""));
      double p99 = Double.parseDouble(m.group(5).replace(",", ""));
      double max = Double.parseDouble(m.group(6).replace(",", ""));
      assertTrue(0 < p50 && p50 <= p99 && p99 <= max * 1.001, m.group());
    }
    for (LoadRpc rpc : LoadRpc.values()) {
      if (rpc != LoadRpc.SIMULATE) {
        assertTrue(
            rpcs.contains(rpc.label), "a row with latencies for " + rpc.label + ":\n" + report);
      }
    }
    // Simulate's row may hold refusals only (RESOURCE_EXHAUSTED, no latency) on a busy machine.
    assertTrue(report.contains("| SimulationService/Simulate | "), report);
    assertTrue(report.contains("Unexpected statuses: 0 "), report);
    Matcher server =
        Pattern.compile(
                "Server: peak heap ([0-9.]+) MiB of ([0-9.]+) MiB, at most ([0-9.]+) MiB kept after a collection "
                    + "\\(since start\\); ([0-9,]+) paths simulated")
            .matcher(report);
    assertTrue(server.find(), report);
    double peak = Double.parseDouble(server.group(1));
    assertTrue(peak > 1, "peak heap read from the endpoint");
    assertTrue(peak <= Double.parseDouble(server.group(2)), report);
    assertTrue(Double.parseDouble(server.group(3)) <= peak, report);
    assertTrue(
        Long.parseLong(server.group(4).replace(",", "")) >= 4096,
        "the Simulates' paths: " + report);
    assertEquals(0, scenariosLeft(), "each client deletes its last scenario");
  }

  @Test
  void theBrowseModeCallsBrowseRpcsOnly() throws Exception {
    LoadTest.Settings settings =
        new LoadTest.Settings(
            "127.0.0.1:" + server.port(),
            null,
            4,
            2,
            0,
            LoadTest.Mode.BROWSE,
            Map.of(),
            1,
            30,
            11,
            0);
    LoadReport report = LoadTest.run(settings);
    assertTrue(report.calls() > 0);
    assertEquals(0, report.unexpected(), report.render());
    for (LoadReport.Row row : report.rows()) {
      assertTrue(row.rpc().startsWith("ModelService/"), row.rpc());
      assertEquals(row.calls(), row.codes().get(Status.Code.OK), row.toString());
    }
    assertNotNull(report.row("ModelService/ListRegions"));
    assertTrue(report.render().contains("Server: no figures"), report.render());
    assertEquals(report.calls() / 2.0, report.throughput(), 1e-9);
  }

  @Test
  void spawnServerRunsServeInItsOwnJvmAndReadsItsHeap() {
    StringWriter out = new StringWriter();
    int exit =
        LoadTest.command()
            .setOut(new PrintWriter(out))
            .execute(
                "--spawn-server",
                "256m",
                "--server-threads",
                "1",
                "--mode",
                "browse",
                "--clients",
                "2",
                "--seconds",
                "1",
                "--warmup",
                "0",
                "--min-steps",
                "5");
    String report = out.toString();
    assertEquals(0, exit, report);
    assertTrue(report.contains("Server spawned with -Xmx256m, 1 engine threads."), report);
    Matcher heap =
        Pattern.compile("Server: peak heap ([0-9.]+) MiB of ([0-9.]+) MiB").matcher(report);
    assertTrue(heap.find(), report);
    assertEquals(
        256, Double.parseDouble(heap.group(2)), 16, "the spawned JVM's own heap limit: " + report);
  }

  private static String matchOf(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex + " in\n" + text);
    return m.group(1);
  }

  private static int scenariosLeft() throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      return ScenarioServiceGrpc.newBlockingStub(channel)
          .listScenarios(ListScenariosRequest.newBuilder().setPageSize(1000).build())
          .getScenariosCount();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
