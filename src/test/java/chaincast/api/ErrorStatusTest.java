package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.admission.AdmissionQueue;
import chaincast.engine.MonteCarloEngine;
import chaincast.metrics.ServerMetrics;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.SimulationRunner;
import chaincast.seed.SeedLoader;
import chaincast.sensitivity.SensitivityAnalysis;
import chaincast.store.ScenarioStore;
import chaincast.store.StoreSettings;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.JointRequest;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * INTERNAL is for bugs only and says nothing of them but an error id, which the log has with the
 * stack trace; INVALID_ARGUMENT lists at most 20 violations and stays within the status budget.
 */
class ErrorStatusTest {
  /** What a failing store would have leaked before: SQL, an H2 error code, a server path. */
  static final String LEAKY =
      "Table \"SCENARIOS\" not found; SQL statement: SELECT * FROM scenarios [42102-252]"
          + " at /home/planner/.chaincast/scenarios.mv.db";

  static Model model;
  static MonteCarloEngine closedEngine;
  static Server server;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    model = SeedLoader.fromClasspath();
    Limits limits = Limits.defaults();
    closedEngine = new MonteCarloEngine(1);
    closedEngine.close(); // every run now fails inside the engine: a stand-in for a bug
    SimulationRunner runner = new SimulationRunner(model, closedEngine, limits);
    SimulationSpecValidator validator =
        new SimulationSpecValidator(model, limits, runner.planner());
    Supplier<ScenarioStore> brokenStore =
        () -> {
          throw new IllegalStateException(LEAKY);
        };
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(
                new SimulationServiceImpl(
                    runner,
                    validator,
                    new AdmissionQueue(1L << 30, 4, 16, 4, System::nanoTime),
                    brokenStore,
                    new SensitivityAnalysis(model, runner),
                    limits.maxPaths(),
                    new ServerMetrics()))
            .addService(
                new ScenarioServiceImpl(
                    brokenScenarioStore(),
                    validator,
                    runner.planner(),
                    StoreSettings.defaults(),
                    new ServerMetrics()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  /**
   * A scenario store whose every method fails with a message full of internals: a stand-in for a
   * bug.
   */
  private static ScenarioStore brokenScenarioStore() {
    return (ScenarioStore)
        Proxy.newProxyInstance(
            ScenarioStore.class.getClassLoader(),
            new Class<?>[] {ScenarioStore.class},
            (proxy, method, args) -> {
              throw new IllegalStateException(LEAKY);
            });
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
  }

  /** The call fails INTERNAL with only an error id; returns the log record that has the same id. */
  static LogRecord assertInternalWithId(Executable call) {
    try (LogCapture log = new LogCapture()) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
      assertEquals(Status.Code.INTERNAL, e.getStatus().getCode(), e.getStatus().toString());
      String message = e.getStatus().getDescription();
      assertTrue(message.matches("internal error; reference [0-9a-f]{12}"), message);
      String id = message.substring(message.length() - 12);
      assertEquals(
          id,
          ModelServiceTest.detail(e, ErrorInfo.class)
              .getMetadataOrThrow(InternalErrors.ERROR_ID_KEY));
      String everything = StatusProto.fromThrowable(e).toString();
      for (String leak : List.of("SQL", "SCENARIOS", "/home", "Exception", "engine is closed")) {
        assertFalse(everything.contains(leak), leak + " reached the client: " + everything);
      }
      List<LogRecord> severe = log.at(Level.SEVERE, InternalErrors.class.getName());
      assertEquals(1, severe.size());
      assertTrue(severe.get(0).getMessage().contains(id), severe.get(0).getMessage());
      assertTrue(severe.get(0).getThrown() != null, "the log has the stack trace");
      return severe.get(0);
    }
  }

  @Test
  void aFailingStoreGivesAnErrorIdNotItsSql() {
    LogRecord logged =
        assertInternalWithId(
            () ->
                ScenarioServiceGrpc.newBlockingStub(channel)
                    .getScenario(
                        GetScenarioRequest.newBuilder().setScenarioId("anything").build()));
    assertTrue(
        logged.getThrown().getMessage().contains("SQL statement"),
        "the operator still sees the cause");
  }

  @Test
  void aFailingRunGivesAnErrorIdOnUnaryAndStreamingCalls() {
    SimulationSpec spec = SimulationSpec.newBuilder().setPaths(100).build();
    var stub = SimulationServiceGrpc.newBlockingStub(channel);
    LogRecord logged =
        assertInternalWithId(
            () -> stub.simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
    assertSame(IllegalStateException.class, logged.getThrown().getClass());
    assertInternalWithId(
        () ->
            stub.simulateStream(SimulateStreamRequest.newBuilder().setSpec(spec).build())
                .forEachRemaining(r -> {}));
  }

  @Test
  void errorIdsDiffer() {
    assertFalse(InternalErrors.newId().equals(InternalErrors.newId()));
  }

  @Test
  void atMostTwentyViolationsWithACountOfTheRest() {
    SimulationSpec.Builder spec = SimulationSpec.newBuilder().setPaths(100);
    for (int i = 0; i < 20; i++) {
      spec.addPercentiles(Double.NaN);
    }
    for (int i = 0; i < 50; i++) {
      spec.addJoint(
          JointRequest.newBuilder().addTargetIds("pharma-output-2025")); // a joint set needs two
    }
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                SimulationServiceGrpc.newBlockingStub(channel)
                    .simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    BadRequest bad = ModelServiceTest.detail(e, BadRequest.class);
    assertEquals(ApiException.MAX_VIOLATIONS, bad.getFieldViolationsCount());
    assertTrue(
        e.getStatus()
            .getDescription()
            .endsWith("and 67 more (the first 20 of 70 are in the details)"),
        e.getStatus().getDescription());
    assertTrue(StatusProto.fromThrowable(e).getSerializedSize() <= StatusBudget.MAX_STATUS_BYTES);
  }

  @Test
  void theBudgetDropsViolationsThatWouldNotFit() throws Exception {
    // 20 violations of 400 characters each cannot fit in 3,000 bytes: fewer are kept, and counted.
    List<BadRequest.FieldViolation> long20 =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    BadRequest.FieldViolation.newBuilder()
                        .setField("f" + i)
                        .setDescription("中".repeat(1000))
                        .build())
            .toList();
    com.google.rpc.Status status = ApiException.invalidArgument(long20).status();
    int kept = status.getDetails(0).unpack(BadRequest.class).getFieldViolationsCount();
    assertTrue(kept >= 1 && kept < 20, "kept " + kept);
    assertTrue(
        status.getSerializedSize() <= StatusBudget.MAX_STATUS_BYTES,
        "size " + status.getSerializedSize());
    assertTrue(
        status.getMessage().getBytes(StandardCharsets.UTF_8).length
            <= StatusBudget.MAX_MESSAGE_BYTES);
    assertTrue(status.getMessage().contains("of 20 are in the details"), status.getMessage());
  }

  @Test
  void notFoundEchoesAtMost64CharactersOfTheId() throws Exception {
    String id = "中".repeat(100_000);
    com.google.rpc.Status status = ApiException.notFound("plan", id, "plan_id").status();
    var info = status.getDetails(0).unpack(ResourceInfo.class);
    assertEquals("中".repeat(64) + "…", info.getResourceName());
    assertEquals("plan '" + "中".repeat(64) + "…' not found (plan_id)", status.getMessage());
  }
}
