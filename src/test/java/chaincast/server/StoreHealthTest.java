package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.store.H2ScenarioStore;
import chaincast.store.StoreSettings;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario store fails under a running server: health says NOT_SERVING for ScenarioService (and
 * SERVING for the rest), scenario calls get UNAVAILABLE with a retry delay and no server internals,
 * and once the store is reopened health says SERVING and every scenario is there.
 */
class StoreHealthTest {
  @TempDir Path dataDir;

  @Test
  void healthFollowsTheStoreThroughAnOutageAndBack() throws Exception {
    StoreSettings fast =
        StoreSettings.defaults().withReopenDelays(Duration.ofMillis(50), Duration.ofMillis(400));
    String name = InProcessServerBuilder.generateName();
    ChaincastServer server =
        new ChaincastServer(
                ServerConfig.defaults().withThreads(1).withDataDir(dataDir).withStore(fast))
            .start(InProcessServerBuilder.forName(name));
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      var scenarios = ScenarioServiceGrpc.newBlockingStub(channel);
      Scenario kept =
          scenarios
              .createScenario(
                  CreateScenarioRequest.newBuilder()
                      .setScenario(
                          Scenario.newBuilder()
                              .setId("kept")
                              .setName(LocalizedName.newBuilder().setEn("Kept")))
                      .build())
              .getScenario();
      BlockingQueue<ServingStatus> health = watch(channel, ScenarioServiceGrpc.SERVICE_NAME);
      assertEquals(ServingStatus.SERVING, health.poll(30, TimeUnit.SECONDS));

      // H2 closes the database (as after an error it cannot survive); the file is unreadable a
      // while.
      try (Connection c =
              DriverManager.getConnection(H2ScenarioStore.jdbcUrl(dataDir), "chaincast", "");
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN IMMEDIATELY");
      }
      Path file = dataDir.resolve("scenarios.mv.db");
      Path aside = dataDir.resolve("aside.bin");
      Files.move(file, aside);
      Files.write(file, new byte[8192]);

      StatusRuntimeException down =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  scenarios.getScenario(
                      GetScenarioRequest.newBuilder().setScenarioId("kept").build()));
      assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
      String message = down.getStatus().getDescription();
      assertFalse(
          message.contains(dataDir.toString())
              || message.contains("/")
              || message.contains("Exception")
              || message.contains("SQL"),
          message);
      var rich = StatusProto.fromThrowable(down);
      assertTrue(
          rich.getDetailsList().stream().anyMatch(d -> d.is(RetryInfo.class)), rich.toString());
      assertEquals(ServingStatus.NOT_SERVING, health.poll(30, TimeUnit.SECONDS));
      var check = HealthGrpc.newBlockingStub(channel);
      assertEquals(
          ServingStatus.SERVING,
          check.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus());
      assertTrue(
          ModelServiceGrpc.newBlockingStub(channel)
                  .listRegions(ListRegionsRequest.getDefaultInstance())
                  .getRegionsCount()
              > 0,
          "the rest of the server is unaffected");
      SimulationSpec byId =
          SimulationSpec.newBuilder()
              .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025-etdz"))
              .setPaths(1000)
              .setScenarioId("kept")
              .build();
      StatusRuntimeException simulate =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  SimulationServiceGrpc.newBlockingStub(channel)
                      .simulate(SimulateRequest.newBuilder().setSpec(byId).build()));
      assertEquals(
          Status.Code.UNAVAILABLE,
          simulate.getStatus().getCode(),
          "a run of a stored scenario waits for the store too");

      Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
      assertEquals(ServingStatus.SERVING, health.poll(60, TimeUnit.SECONDS));
      assertEquals(
          kept,
          scenarios
              .getScenario(GetScenarioRequest.newBuilder().setScenarioId("kept").build())
              .getScenario());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop();
    }
  }

  /** Health.Watch of one service: each status change, as the server sends it. */
  static BlockingQueue<ServingStatus> watch(ManagedChannel channel, String service) {
    BlockingQueue<ServingStatus> out = new LinkedBlockingQueue<>();
    HealthGrpc.newStub(channel)
        .watch(
            HealthCheckRequest.newBuilder().setService(service).build(),
            new StreamObserver<HealthCheckResponse>() {
              @Override
              public void onNext(HealthCheckResponse r) {
                out.add(r.getStatus());
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    return out;
  }
}
