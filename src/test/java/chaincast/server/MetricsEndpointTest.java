package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.bench.Scrape;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.VarianceReduction;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics endpoint, scraped over HTTP as Prometheus would: after browse calls, a scenario
 * write, a failed read, a completed run, a cancelled one and one whose deadline passed, it serves
 * every metric README documents, with the documented labels, and the counts moved by what was done.
 */
class MetricsEndpointTest {
  private static final String RPC = "chaincast_rpc_server_duration_seconds";
  private static final String LIST_REGIONS = "chaincast.v1.ModelService/ListRegions";
  private static final String SIMULATE = "chaincast.v1.SimulationService/Simulate";
  private static final String SIMULATE_STREAM = "chaincast.v1.SimulationService/SimulateStream";
  private static final long LONG_RUN = 40_000_000;

  @TempDir static Path dataDir;
  private static ChaincastServer server;
  private static ManagedChannel channel;
  private static URI endpoint;

  @BeforeAll
  static void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        new ChaincastServer(ServerConfig.defaults().withThreads(2).withDataDir(dataDir))
            .start(InProcessServerBuilder.forName(name));
    int port = server.startMetricsEndpoint("127.0.0.1", 0).getPort();
    endpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }

  @Test
  void countsMoveWithCallsRunsAndStoreOperations() throws Exception {
    Scrape before = Scrape.fetch(endpoint);
    var model = ModelServiceGrpc.newBlockingStub(channel);
    for (int i = 0; i < 3; i++) {
      model.listRegions(ListRegionsRequest.getDefaultInstance());
    }
    var scenarios = ScenarioServiceGrpc.newBlockingStub(channel);
    scenarios.createScenario(
        CreateScenarioRequest.newBuilder()
            .setScenario(
                Scenario.newBuilder()
                    .setId("metrics-one")
                    .setName(LocalizedName.newBuilder().setEn("one")))
            .build());
    StatusRuntimeException missing =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                scenarios.getScenario(
                    GetScenarioRequest.newBuilder().setScenarioId("no-such").build()));
    assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    var simulation = SimulationServiceGrpc.newBlockingStub(channel);
    simulation.simulate(
        SimulateRequest.newBuilder()
            // Plain Monte Carlo: under AUTO a rare target's importance-sampling pass would add its
            // own paths to the engine's count (they are simulated too).
            .setSpec(
                SimulationSpec.newBuilder()
                    .setPaths(10_000)
                    .setSeed(1)
                    .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN))
            .build());

    Scrape after =
        awaitScrape(s -> delta(before, s, RPC + "_count", "method", SIMULATE, "code", "OK") == 1);
    assertEquals(3, delta(before, after, RPC + "_count", "method", LIST_REGIONS, "code", "OK"));
    assertEquals(
        1,
        delta(
            before,
            after,
            RPC + "_count",
            "method",
            "chaincast.v1.ScenarioService/GetScenario",
            "code",
            "NOT_FOUND"));
    assertEquals(
        1,
        delta(
            before,
            after,
            RPC + "_count",
            "method",
            "chaincast.v1.ScenarioService/CreateScenario",
            "code",
            "OK"));
    assertEquals(10_000, delta(before, after, "chaincast_paths_total"), "paths of the one run");
    assertEquals(
        1,
        delta(
            before,
            after,
            "chaincast_run_duration_seconds_count",
            "kind",
            "simulation",
            "outcome",
            "completed"));
    assertEquals(
        1,
        delta(
            before,
            after,
            "chaincast_store_operation_duration_seconds_count",
            "operation",
            "create",
            "outcome",
            "ok"));
    assertEquals(
        1,
        delta(
            before,
            after,
            "chaincast_store_operation_duration_seconds_count",
            "operation",
            "get",
            "outcome",
            "ok"));
    assertEquals(0, after.sum("chaincast_runs_active"));
    // A histogram: its +Inf bucket holds every call, the 1 s bucket every browse call here.
    assertEquals(
        after.sum(RPC + "_count", "method", LIST_REGIONS, "code", "OK"),
        after.sum(RPC + "_bucket", "method", LIST_REGIONS, "code", "OK", "le", "+Inf"));
    assertTrue(after.sum(RPC + "_sum", "method", SIMULATE, "code", "OK") > 0);
  }

  @Test
  void cancelledAndTimedOutCallsAreCountedWithTheirStatus() throws Exception {
    Scrape before = Scrape.fetch(endpoint);
    long cancelledBefore = server.runStats().cancelled();
    var stub = SimulationServiceGrpc.newBlockingStub(channel);
    SimulationSpec spec = SimulationSpec.newBuilder().setPaths(LONG_RUN).setSeed(1).build();
    Context.CancellableContext context = Context.current().withCancellation();
    Scrape during;
    try {
      during =
          context.call(
              () -> {
                Iterator<SimulateStreamResponse> it =
                    stub.simulateStream(SimulateStreamRequest.newBuilder().setSpec(spec).build());
                assertTrue(it.next().hasProgress());
                return Scrape.fetch(endpoint); // the run is going: it holds a slot
              });
    } finally {
      context.cancel(null);
    }
    assertEquals(1, during.sum("chaincast_runs_active"), "a run in flight is active");

    StatusRuntimeException late =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());

    // Wait for the server's side too: a call past its deadline is closed by grpc at once, while
    // its run stops at the engine's next poll, so the run's end can follow the RPC's count.
    Scrape after =
        awaitScrape(
            s ->
                delta(before, s, RPC + "_count", "method", SIMULATE, "code", "DEADLINE_EXCEEDED")
                        == 1
                    && delta(
                            before,
                            s,
                            RPC + "_count",
                            "method",
                            SIMULATE_STREAM,
                            "code",
                            "CANCELLED")
                        == 1
                    && delta(
                            before,
                            s,
                            "chaincast_run_duration_seconds_count",
                            "kind",
                            "simulation",
                            "outcome",
                            "cancelled")
                        == 2
                    && s.sum("chaincast_runs_active") == 0);
    assertEquals(cancelledBefore + 2, server.runStats().cancelled());
    assertEquals(
        2,
        delta(
            before,
            after,
            "chaincast_run_duration_seconds_count",
            "kind",
            "simulation",
            "outcome",
            "cancelled"));
    assertEquals(0, after.sum("chaincast_runs_active"));
    double paths = delta(before, after, "chaincast_paths_total");
    assertTrue(
        paths > 0 && paths < 2 * LONG_RUN, "the stopped runs' paths count, and no more: " + paths);
  }

  @Test
  void everyDocumentedMetricIsServedWithItsLabels() throws Exception {
    ModelServiceGrpc.newBlockingStub(channel).listRegions(ListRegionsRequest.getDefaultInstance());
    SimulationServiceGrpc.newBlockingStub(channel)
        .simulate(
            SimulateRequest.newBuilder()
                .setSpec(SimulationSpec.newBuilder().setPaths(5_000).setSeed(2))
                .build());
    ScenarioServiceGrpc.newBlockingStub(channel)
        .createScenario(
            CreateScenarioRequest.newBuilder()
                .setScenario(
                    Scenario.newBuilder()
                        .setId("metrics-docs")
                        .setName(LocalizedName.newBuilder().setEn("docs")))
                .build());
    System.gc(); // GC pause timers and the after-GC peak appear after the first collection
    Scrape scrape =
        awaitScrape(
            s ->
                s.has("jvm_gc_pause_seconds_count")
                    && s.sum("chaincast_jvm_heap_peak_after_gc_bytes") > 0);
    double peak = scrape.sum("chaincast_jvm_heap_peak_used_bytes");
    double afterGc = scrape.sum("chaincast_jvm_heap_peak_after_gc_bytes");
    assertTrue(
        afterGc <= peak && peak <= Runtime.getRuntime().maxMemory(), afterGc + " <= " + peak);
    List<DocumentedMetric> documented = documentedMetrics();
    assertTrue(documented.size() >= 12, "README's metric table: " + documented);
    for (DocumentedMetric m : documented) {
      if (m.notYetExported()) {
        assertFalse(
            scrape.has(m.name()),
            m.name() + " is documented as not exported yet; it must not be faked");
        continue;
      }
      String series =
          m.type().equals("histogram")
              ? m.name() + "_bucket"
              : m.type().equals("summary") ? m.name() + "_count" : m.name();
      List<Scrape.Sample> samples =
          scrape.samples().stream().filter(s -> s.name().equals(series)).toList();
      assertFalse(
          samples.isEmpty(),
          "README documents "
              + m.name()
              + " ("
              + m.type()
              + "), the endpoint does not serve "
              + series);
      for (String label : m.labels()) {
        assertTrue(
            samples.stream().allMatch(s -> s.labels().containsKey(label)),
            m.name() + " has label " + label);
      }
    }
  }

  @Test
  void servesPrometheusTextOnMetricsOnly() throws Exception {
    ModelServiceGrpc.newBlockingStub(channel).listRegions(ListRegionsRequest.getDefaultInstance());
    awaitScrape(s -> s.has(RPC + "_count"));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ok =
        http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode());
    assertTrue(
        ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    assertTrue(
        ok.body().contains("# TYPE chaincast_rpc_server_duration_seconds histogram"), ok.body());
    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/other")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, other.statusCode());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  /**
   * A row of README's metric table: {@code | `name` | type | `label`, `label` | what it says |}.
   */
  record DocumentedMetric(String name, String type, List<String> labels, boolean notYetExported) {}

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z_]+)` \\| ([a-z]+) \\| ([^|]*)\\| (.*)\\|$");
  private static final Pattern LABEL = Pattern.compile("`([a-z_]+)`");

  static List<DocumentedMetric> documentedMetrics() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Observability"));
    section = section.substring(0, section.indexOf("\n## ", 3));
    List<DocumentedMetric> rows = new ArrayList<>();
    for (String line : section.lines().toList()) {
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) {
        List<String> labels = new ArrayList<>();
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.add(l.group(1));
        }
        rows.add(
            new DocumentedMetric(
                m.group(1), m.group(2), labels, m.group(4).contains("not exported yet")));
      }
    }
    return rows;
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  /**
   * Scrapes until {@code done} holds: a call is recorded when its handler returns, which may be
   * just after the client has its answer. The deadline is only a safety net.
   */
  private static Scrape awaitScrape(Predicate<Scrape> done) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Scrape s = Scrape.fetch(endpoint);
    while (!done.test(s) && System.nanoTime() < until) {
      Thread.sleep(20);
      s = Scrape.fetch(endpoint);
    }
    assertTrue(done.test(s), "the scrape never showed what was expected:\n" + s.text());
    return s;
  }
}
