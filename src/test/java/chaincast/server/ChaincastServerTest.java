package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Start-up, health, reflection and graceful shutdown over a real Netty server. */
class ChaincastServerTest {

  @Test
  void healthReportsServingForTheServerAndEachService() throws Exception {
    ChaincastServer server = new ChaincastServer(ServerConfig.defaults().withPort(0).withThreads(1)).start();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
      for (String service :
          new String[] {"", ModelServiceGrpc.SERVICE_NAME, SimulationServiceGrpc.SERVICE_NAME}) {
        assertEquals(
            HealthCheckResponse.ServingStatus.SERVING,
            health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(),
            service);
      }
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }

  @Test
  void reflectionListsThePublicServices() throws Exception {
    ChaincastServer server = new ChaincastServer(ServerConfig.defaults().withPort(0).withThreads(1)).start();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> requests =
          ServerReflectionGrpc.newStub(channel)
              .serverReflectionInfo(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                      answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                      answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                  });
      requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
      Set<String> services =
          answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
              .map(ServiceResponse::getName)
              .collect(Collectors.toSet());
      requests.onCompleted();
      assertTrue(
          services.containsAll(
              Set.of(
                  "chaincast.v1.ModelService",
                  "chaincast.v1.SimulationService",
                  "grpc.health.v1.Health",
                  "grpc.reflection.v1.ServerReflection")),
          services::toString);
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }

  @Test
  void shutdownLetsARunningCallFinishAndMarksHealthNotServing() throws Exception {
    ChaincastServer server = new ChaincastServer(ServerConfig.defaults().withPort(0).withThreads(1)).start();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      CountDownLatch sent = new CountDownLatch(1);
      CompletableFuture<Long> paths =
          CompletableFuture.supplyAsync(
              () -> {
                sent.countDown();
                return SimulationServiceGrpc.newBlockingStub(channel)
                    .simulate(
                        SimulateRequest.newBuilder()
                            // Output targets only, short enough to end within the grace period
                            // on a loaded machine; the test waits until it runs before stop().
                            .setSpec(
                                SimulationSpec.newBuilder()
                                    .setTargets(TargetSelection.newBuilder().setPlanId("lzf-2021-62").setYear(2025))
                                    .setPaths(400_000)
                                    .setSeed(1))
                            .build())
                    .getReport()
                    .getRun()
                    .getPaths();
              });
      sent.await();
      // Wait until the run is on the engine (an event the server counts), not for a fixed time.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.runStats().started() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(1, server.runStats().started(), "the run started before stop()");
      server.stop();
      assertEquals(400_000L, paths.get(30, TimeUnit.SECONDS), "the in-flight call completed");
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }
}
