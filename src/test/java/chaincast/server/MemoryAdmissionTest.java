package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.bench.HeavyRequests;
import chaincast.bench.ServerJvm;
import chaincast.v1.CellOverride;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid requests against a small heap, in a server JVM of its own: the heaviest a request may be
 * (horizon 2035, every target, 50 fans, 20 percentiles, Student-t shocks) and every count cell
 * overridden to a huge, very uncertain rate (yearly_rate 10 000, rate_shape 0.01, the smallest
 * accepted), as Simulate and as Compare, all at once. Before admission, such requests ran the heap
 * out and clients got UNKNOWN. Now each completes or waits its turn, or is refused with
 * RESOURCE_EXHAUSTED and a RetryInfo; no OutOfMemoryError happens at all; and the server and its
 * scenario store stay healthy. When the budget is set far above the heap on purpose, the
 * OutOfMemoryError that follows still reaches the client as RESOURCE_EXHAUSTED with RetryInfo.
 */
class MemoryAdmissionTest {
  private static final long PATHS =
      2 * 4096; // two blocks: two worker threads, each with its own histograms

  @TempDir Path dataDir;

  @Test
  void heaviestRequestsAtA256MiBHeapCompleteOrWaitAndNothingRunsOutOfMemory() throws Exception {
    try (ServerJvm server = new ServerJvm("256m", dataDir, "--threads", "2")) {
      ManagedChannel channel = channel(server);
      try {
        HeavyRequests r = new HeavyRequests(channel, PATHS);
        var stub = SimulationServiceGrpc.newBlockingStub(channel);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(
              () ->
                  call(() -> stub.withDeadlineAfter(300, TimeUnit.SECONDS).simulate(r.heaviest())));
        }
        for (int i = 0; i < 4; i++) {
          calls.add(
              () ->
                  call(
                      () ->
                          stub.withDeadlineAfter(300, TimeUnit.SECONDS).simulate(r.hugeCounts())));
          calls.add(
              () ->
                  call(
                      () ->
                          stub.withDeadlineAfter(300, TimeUnit.SECONDS)
                              .compare(r.hugeCountsCompared())));
        }
        Map<String, Integer> outcomes = runAll(calls);
        assertTrue(
            outcomes.keySet().stream()
                .allMatch(o -> o.equals("OK") || o.equals("RESOURCE_EXHAUSTED with RetryInfo")),
            outcomes::toString);
        assertTrue(outcomes.getOrDefault("OK", 0) >= 1, outcomes::toString);
        assertHealthy(channel, server);
        assertFalse(
            server.output().contains("OutOfMemoryError"),
            "no run ran out of memory:\n" + server.output());
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void anOutOfMemoryErrorReachesTheClientAsResourceExhaustedWithRetryInfo() throws Exception {
    // A budget far above the heap admits a run that cannot fit: 24 worker threads, each with
    // its own histograms of the heaviest request, in 64 MiB.
    try (ServerJvm server =
        new ServerJvm("64m", dataDir, "--threads", "24", "--run-memory", "100000")) {
      ManagedChannel channel = channel(server);
      try {
        HeavyRequests r = new HeavyRequests(channel, PATHS);
        SimulateRequest request =
            SimulateRequest.newBuilder()
                .setSpec(r.heaviest().getSpec().toBuilder().setPaths(24 * 4096 * 2))
                .build();
        String outcome =
            call(
                () ->
                    SimulationServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(300, TimeUnit.SECONDS)
                        .simulate(request));
        assertEquals("RESOURCE_EXHAUSTED with RetryInfo", outcome);
        assertTrue(server.output().contains("ran out of memory"), server.output());
        assertHealthy(channel, server);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static ManagedChannel channel(ServerJvm server) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
        .usePlaintext()
        .maxInboundMessageSize(64 << 20)
        .build();
  }

  /** Runs every call at once; counts their outcomes. */
  private static Map<String, Integer> runAll(List<Callable<String>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    List<Future<String>> futures = new ArrayList<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (Callable<String> c : calls) {
        futures.add(pool.submit(c));
      }
      for (Future<String> f : futures) {
        outcomes.merge(f.get(400, TimeUnit.SECONDS), 1, Integer::sum);
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  /** "OK", "RESOURCE_EXHAUSTED with RetryInfo", or the status with its description. */
  private static String call(Runnable call) {
    try {
      call.run();
      return "OK";
    } catch (StatusRuntimeException e) {
      com.google.rpc.Status status = StatusProto.fromThrowable(e);
      boolean retry =
          status != null && status.getDetailsList().stream().anyMatch(d -> d.is(RetryInfo.class));
      if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED && retry) {
        return "RESOURCE_EXHAUSTED with RetryInfo";
      }
      return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
    }
  }

  /**
   * Health SERVING (overall and per service), a small simulation runs, and a scenario can be
   * written and read.
   */
  private static void assertHealthy(ManagedChannel channel, ServerJvm server) {
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    for (String service :
        List.of("", SimulationServiceGrpc.SERVICE_NAME, ScenarioServiceGrpc.SERVICE_NAME)) {
      assertEquals(
          ServingStatus.SERVING,
          health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(),
          service);
    }
    var simulation =
        SimulationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    assertTrue(
        simulation
                .simulate(
                    SimulateRequest.newBuilder()
                        .setSpec(SimulationSpec.newBuilder().setPaths(1000))
                        .build())
                .getReport()
                .getOddsCount()
            > 0);
    var scenarios =
        ScenarioServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    scenarios.createScenario(
        CreateScenarioRequest.newBuilder()
            .setScenario(
                Scenario.newBuilder()
                    .setId("after-the-load")
                    .setName(LocalizedName.newBuilder().setEn("after the load"))
                    .setOverrides(
                        ScenarioOverrides.newBuilder()
                            .addCells(
                                CellOverride.newBuilder()
                                    .setCellId("pharma@etdz")
                                    .setDriftMean(0.05))))
            .build());
    assertEquals(
        "after-the-load",
        scenarios
            .getScenario(GetScenarioRequest.newBuilder().setScenarioId("after-the-load").build())
            .getScenario()
            .getId(),
        server.output());
  }
}
