package chaincast.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulationServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000 fuzzed requests over every RPC of every service, against the real server wiring on the
 * in-process transport (the raw-body fuzz in ReadableRequestsTest runs over Netty): no INTERNAL, no
 * UNKNOWN, every INVALID_ARGUMENT names a mutated field, every NOT_FOUND a resource.
 */
class ApiFuzzTest {
  static final long REQUESTS = 10_000;
  static final long SEED = 20261201;

  @Test
  void everyFuzzedRequestGetsTheStatusItEarned() throws Exception {
    String name = InProcessServerBuilder.generateName();
    ChaincastServer server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withThreads(2)
                    .withLimits(ApiFuzz.LIMITS)
                    .withDataDir(Files.createTempDirectory("chaincast-fuzz-test")))
            .start(InProcessServerBuilder.forName(name));
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    ApiFuzz.Report report;
    try {
      report = new ApiFuzz(channel).run(REQUESTS, SEED, 3);
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      server.stop();
    }
    System.out.print(report.summary());
    assertEquals(List.of(), report.failures(), report.summary());
    assertEquals(0, report.failureCount());
    assertEquals(REQUESTS, report.requests());
    assertEquals(0, report.count(Status.Code.INTERNAL) + report.count(Status.Code.UNKNOWN));

    // Every RPC of every service was called, and each both succeeded and was refused.
    for (var service :
        List.of(
            ModelServiceGrpc.getServiceDescriptor(),
            SimulationServiceGrpc.getServiceDescriptor(),
            ScenarioServiceGrpc.getServiceDescriptor(),
            DatasetServiceGrpc.getServiceDescriptor(),
            CalibrationServiceGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> m : service.getMethods()) {
        Map<Status.Code, Long> outcomes = report.outcomes().get(m.getFullMethodName());
        assertTrue(
            outcomes != null && outcomes.values().stream().mapToLong(Long::longValue).sum() >= 300,
            m.getFullMethodName() + " called " + outcomes);
        assertTrue(
            outcomes.getOrDefault(Status.Code.OK, 0L) > 0,
            m.getFullMethodName() + " never succeeded: " + outcomes);
      }
    }
    assertTrue(report.count(Status.Code.INVALID_ARGUMENT) > REQUESTS / 10, report.summary());
    assertTrue(report.count(Status.Code.NOT_FOUND) > REQUESTS / 20, report.summary());
  }
}
