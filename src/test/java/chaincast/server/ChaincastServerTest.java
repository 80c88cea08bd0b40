package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Start-up, health and graceful shutdown in process; reflection over a real Netty server (as
 * grpcurl would see it).
 */
class ChaincastServerTest {

  @Test
  void healthReportsServingForTheServerAndEachService() throws Exception {
    String name = InProcessServerBuilder.generateName();
    ChaincastServer server =
        new ChaincastServer(ServerConfig.defaults().withThreads(1))
            .start(InProcessServerBuilder.forName(name));
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
      for (String service :
          new String[] {"", ModelServiceGrpc.SERVICE_NAME, SimulationServiceGrpc.SERVICE_NAME}) {
        assertEquals(
            ServingStatus.SERVING,
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
    ChaincastServer server =
        new ChaincastServer(ServerConfig.defaults().withPort(0).withThreads(1)).start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      Object answer = ReflectionProbe.listServices(ServerReflectionGrpc.newStub(channel));
      assertInstanceOf(ServerReflectionResponse.class, answer, String.valueOf(answer));
      Set<String> services =
          ((ServerReflectionResponse) answer)
              .getListServicesResponse().getServiceList().stream()
                  .map(ServiceResponse::getName)
                  .collect(Collectors.toSet());
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

  /**
   * Graceful shutdown, step by step on events: a SimulateStream call has run its paths and is about
   * to answer (the gate below holds its answer); a health Watch opened on a second channel says
   * SERVING. Then stop(): the Watch says NOT_SERVING while the call is still open and stop() still
   * waiting; once the gate opens the call completes with all its paths, and only then does stop()
   * return.
   */
  @Test
  void shutdownLetsARunningCallFinishAndMarksHealthNotServing() throws Exception {
    String name = InProcessServerBuilder.generateName();
    AnswerGate gate = new AnswerGate(SimulationServiceGrpc.getSimulateStreamMethod());
    ChaincastServer server =
        new ChaincastServer(ServerConfig.defaults().withThreads(1))
            // Added before the server's own interceptors, so it runs next to the service.
            .start(InProcessServerBuilder.forName(name).intercept(gate));
    ManagedChannel calls = InProcessChannelBuilder.forName(name).build();
    ManagedChannel probes = InProcessChannelBuilder.forName(name).build();
    CompletableFuture<Void> stopped = null;
    try {
      BlockingQueue<ServingStatus> health = new LinkedBlockingQueue<>();
      Context.CancellableContext watching = Context.current().withCancellation();
      watching.run(
          () ->
              HealthGrpc.newStub(probes)
                  .watch(HealthCheckRequest.getDefaultInstance(), collect(health)));
      assertEquals(ServingStatus.SERVING, health.poll(30, TimeUnit.SECONDS));

      CompletableFuture<List<SimulateStreamResponse>> answer = new CompletableFuture<>();
      SimulationServiceGrpc.newStub(calls)
          .simulateStream(
              SimulateStreamRequest.newBuilder()
                  .setSpec(
                      SimulationSpec.newBuilder()
                          .setTargets(
                              TargetSelection.newBuilder().setPlanId("lzf-2021-62").setYear(2025))
                          .setPaths(PATHS)
                          .setSeed(1))
                  .build(),
              collectAll(answer));
      assertTrue(gate.answering.await(60, TimeUnit.SECONDS), "the run reached its answer");
      assertEquals(1, server.runStats().started());

      stopped = CompletableFuture.runAsync(ChaincastServerTest.stop(server));
      assertEquals(
          ServingStatus.NOT_SERVING, health.poll(30, TimeUnit.SECONDS), "health during shutdown");
      assertFalse(answer.isDone(), "the call is still open when health says NOT_SERVING");
      assertFalse(stopped.isDone(), "stop() waits for the running call");
      watching.cancel(
          null); // a Watch is a call too: it would hold the shutdown for the grace period

      gate.open.countDown();
      List<SimulateStreamResponse> responses = answer.get(30, TimeUnit.SECONDS);
      SimulateStreamResponse last = responses.get(responses.size() - 1);
      assertEquals(
          PATHS,
          last.getReport().getRun().getPaths(),
          "the in-flight call completed with all its paths");
      stopped.get(30, TimeUnit.SECONDS);
      assertEquals(1, server.runStats().completed());
      assertEquals(0, server.runStats().cancelled());
    } finally {
      gate.open.countDown();
      calls.shutdownNow();
      probes.shutdownNow();
      if (stopped == null) {
        server.stop();
      }
    }
  }

  private static final long PATHS = 20_000;

  private static Runnable stop(ChaincastServer server) {
    return () -> {
      try {
        server.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }

  private static StreamObserver<HealthCheckResponse> collect(
      BlockingQueue<ServingStatus> statuses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse value) {
        statuses.add(value.getStatus());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  private static <T> StreamObserver<T> collectAll(CompletableFuture<List<T>> done) {
    List<T> received = new CopyOnWriteArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        received.add(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(List.copyOf(received));
      }
    };
  }

  /**
   * Holds the answer of every call to one method: when the service closes such a call (its work
   * done), {@link #answering} counts down and the close waits for {@link #open}. The test so
   * decides how long a call runs without timing it.
   */
  private static final class AnswerGate implements ServerInterceptor {
    final CountDownLatch answering = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);
    private final MethodDescriptor<?, ?> method;

    AnswerGate(MethodDescriptor<?, ?> method) {
      this.method = method;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (!call.getMethodDescriptor().getFullMethodName().equals(method.getFullMethodName())) {
        return next.startCall(call, headers);
      }
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              answering.countDown();
              try {
                open.await(120, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              super.close(status, trailers);
            }
          },
          headers);
    }
  }
}
