package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.Caller;
import chaincast.model.Model;
import chaincast.seed.SeedLoader;
import chaincast.v1.CellOverride;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc.ScenarioServiceBlockingStub;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import chaincast.v1.UpdateScenarioRequest;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.AbstractStub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens and roles through the real server wiring, in process: who may call what, and what a
 * refused caller is told. One server with three tokens (read, write, admin) serves every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {
  private final String reader = BearerTokens.generate();
  private final String writer = BearerTokens.generate();
  private final String admin = BearerTokens.generate();
  private Model model;
  private ChaincastServer server;
  private ManagedChannel channel;

  @TempDir static Path dataDir;

  @BeforeAll
  void start() throws Exception {
    model = SeedLoader.fromClasspath();
    BearerTokens tokens =
        TokenFile.parse(
            "test",
            "# name roles hash\n"
                + "dashboard read "
                + BearerTokens.fileHash(reader)
                + "\n"
                + "planner write "
                + BearerTokens.fileHash(writer)
                + "\n"
                + "ops admin "
                + BearerTokens.fileHash(admin)
                + "\n");
    ServerConfig config = ServerConfig.defaults().withPort(0).withThreads(1).withDataDir(dataDir);
    String name = InProcessServerBuilder.generateName();
    server =
        new ChaincastServer(config, model, new ServerSecurity(null, tokens, true, false))
            .start(InProcessServerBuilder.forName(name));
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterAll
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }

  /** Sends {@code value} as the authorization metadata, as-is. */
  private static CallCredentials authorization(String value) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, value);
        applier.apply(headers);
      }
    };
  }

  private <S extends AbstractStub<S>> S as(String token, S stub) {
    return stub.withCallCredentials(authorization("Bearer " + token))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static Status statusOf(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus();
  }

  private static Scenario scenario(String id, double drift) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setZh("测试").setEn("Test " + id))
        .setOverrides(
            ScenarioOverrides.newBuilder()
                .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(drift)))
        .build();
  }

  @Test
  void aCallWithoutATokenIsUnauthenticated() {
    Status s =
        statusOf(
            () ->
                ModelServiceGrpc.newBlockingStub(channel)
                    .listPlans(ListPlansRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, s.getCode());
    assertEquals(AuthInterceptor.MISSING, s.getDescription());
  }

  @Test
  void aWrongTokenIsUnauthenticatedAndNeverEchoed() {
    String wrong = BearerTokens.generate();
    String almost = reader.substring(0, reader.length() - 1) + (reader.endsWith("A") ? "B" : "A");
    for (String token : List.of(wrong, almost, "x", writer.toUpperCase(Locale.ROOT))) {
      Status s =
          statusOf(
              () ->
                  as(token, ModelServiceGrpc.newBlockingStub(channel))
                      .listPlans(ListPlansRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAUTHENTICATED, s.getCode());
      assertEquals(AuthInterceptor.UNKNOWN, s.getDescription());
      assertFalse(s.getDescription().contains(token.strip()), "the token is never echoed");
    }
  }

  @Test
  void aHeaderThatIsNotBearerIsUnauthenticated() {
    for (String header : List.of("Basic " + reader, reader, "Bearer ", "Bearer    ")) {
      Status s =
          statusOf(
              () ->
                  ModelServiceGrpc.newBlockingStub(channel)
                      .withCallCredentials(authorization(header))
                      .listPlans(ListPlansRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAUTHENTICATED, s.getCode(), header);
      assertEquals(AuthInterceptor.MALFORMED, s.getDescription());
    }
    // The scheme is case-insensitive (RFC 6750 follows RFC 7235).
    assertTrue(
        ModelServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(authorization("bearer " + reader))
                .listPlans(ListPlansRequest.getDefaultInstance())
                .getPlansCount()
            > 0);
  }

  @Test
  void aReaderBrowsesAndSimulatesButCannotWrite() {
    assertTrue(
        as(reader, ModelServiceGrpc.newBlockingStub(channel))
                .listPlans(ListPlansRequest.getDefaultInstance())
                .getPlansCount()
            > 0);
    SimulateRequest simulate =
        SimulateRequest.newBuilder()
            .setSpec(
                SimulationSpec.newBuilder()
                    .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025"))
                    .setPaths(2_000)
                    .setSeed(1))
            .build();
    assertEquals(
        2_000,
        as(reader, SimulationServiceGrpc.newBlockingStub(channel))
            .simulate(simulate)
            .getReport()
            .getRun()
            .getPaths());
    ScenarioServiceBlockingStub scenarios =
        as(reader, ScenarioServiceGrpc.newBlockingStub(channel));
    scenarios.listScenarios(ListScenariosRequest.getDefaultInstance());

    Scenario stored =
        as(writer, ScenarioServiceGrpc.newBlockingStub(channel))
            .createScenario(
                CreateScenarioRequest.newBuilder()
                    .setScenario(scenario("readers-see-it", 0.03))
                    .build())
            .getScenario();
    assertEquals(
        stored,
        scenarios
            .getScenario(GetScenarioRequest.newBuilder().setScenarioId("readers-see-it").build())
            .getScenario());

    List<Supplier<Object>> writes =
        List.of(
            () ->
                scenarios.createScenario(
                    CreateScenarioRequest.newBuilder()
                        .setScenario(scenario("by-reader", 0.01))
                        .build()),
            () ->
                scenarios.updateScenario(
                    UpdateScenarioRequest.newBuilder()
                        .setScenario(stored.toBuilder().setDescription("changed"))
                        .build()),
            () ->
                scenarios.deleteScenario(
                    DeleteScenarioRequest.newBuilder()
                        .setScenarioId("readers-see-it")
                        .setEtag(stored.getEtag())
                        .build()),
            () ->
                scenarios.deleteScenario(
                    DeleteScenarioRequest.newBuilder().setScenarioId("readers-see-it").build()));
    for (Supplier<Object> write : writes) {
      Status s = statusOf(() -> assertNotNull(write.get()));
      assertEquals(Status.Code.PERMISSION_DENIED, s.getCode());
      assertTrue(
          s.getDescription()
              .startsWith(
                  "token 'dashboard' (roles: read) may not call chaincast.v1.ScenarioService/"),
          s.getDescription());
      assertTrue(s.getDescription().contains("it needs the write role"), s.getDescription());
      assertFalse(s.getDescription().contains(reader));
    }
    assertEquals(
        stored,
        scenarios
            .getScenario(GetScenarioRequest.newBuilder().setScenarioId("readers-see-it").build())
            .getScenario(),
        "nothing changed");
  }

  @Test
  void writersAndAdminsChangeScenarios() {
    for (String token : List.of(writer, admin)) {
      ScenarioServiceBlockingStub scenarios =
          as(token, ScenarioServiceGrpc.newBlockingStub(channel));
      String id = "cycle-" + (token.equals(writer) ? "writer" : "admin");
      Scenario created =
          scenarios
              .createScenario(
                  CreateScenarioRequest.newBuilder().setScenario(scenario(id, 0.02)).build())
              .getScenario();
      Scenario updated =
          scenarios
              .updateScenario(
                  UpdateScenarioRequest.newBuilder()
                      .setScenario(created.toBuilder().setDescription("v2"))
                      .build())
              .getScenario();
      scenarios.deleteScenario(
          DeleteScenarioRequest.newBuilder().setScenarioId(id).setEtag(updated.getEtag()).build());
      assertEquals(
          Status.Code.NOT_FOUND,
          statusOf(
                  () ->
                      scenarios.getScenario(
                          GetScenarioRequest.newBuilder().setScenarioId(id).build()))
              .getCode());
      assertTrue(
          as(token, ModelServiceGrpc.newBlockingStub(channel))
                  .listPlans(ListPlansRequest.getDefaultInstance())
                  .getPlansCount()
              > 0,
          "write includes read");
    }
  }

  @Test
  void healthNeedsNoToken() {
    assertEquals(
        HealthCheckResponse.ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(channel)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus());
  }

  @Test
  void reflectionNeedsTheReadRole() throws Exception {
    Object refused = reflect(null);
    assertTrue(
        refused instanceof Throwable t
            && Status.fromThrowable(t).getCode() == Status.Code.UNAUTHENTICATED,
        refused::toString);
    Object answer = reflect(reader);
    assertTrue(
        answer instanceof ServerReflectionResponse r
            && r.getListServicesResponse().getServiceCount() >= 4,
        answer::toString);
  }

  /** One reflection request: the response, or the failure. */
  private Object reflect(String token) throws Exception {
    ServerReflectionGrpc.ServerReflectionStub stub = ServerReflectionGrpc.newStub(channel);
    if (token != null) {
      stub = stub.withCallCredentials(authorization("Bearer " + token));
    }
    return ReflectionProbe.listServices(stub);
  }

  @Test
  void everyServedMethodHasItsRoleInTheTable() {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (ServerServiceDefinition service : server.services()) {
      if (MethodRoles.OPEN_SERVICES.contains(service.getServiceDescriptor().getName())) {
        continue;
      }
      for (MethodDescriptor<?, ?> m : service.getServiceDescriptor().getMethods()) {
        checked++;
        if (!MethodRoles.table().containsKey(m.getFullMethodName())) {
          missing.add(m.getFullMethodName());
        }
      }
    }
    assertEquals(
        List.of(), missing, "decide the role of each new RPC in MethodRoles (and the README)");
    assertEquals(MethodRoles.table().size(), checked, "the table lists only served methods");
    assertEquals(
        Caller.Role.ADMIN,
        MethodRoles.required("chaincast.v1.NewService/NotYetInTheTable"),
        "closed by default");
  }
}
