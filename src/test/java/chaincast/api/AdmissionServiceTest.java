package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.admission.AdmissionSettings;
import chaincast.run.Limits;
import chaincast.server.ServerConfig;
import chaincast.v1.FanRequest;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Admission through the API: one run at a time, so a second call waits in the queue; it starts when
 * the first ends, leaves the queue at once when its client cancels or its deadline passes, and a
 * call beyond the queue is refused with RetryInfo. A run that could never fit the budget is
 * INVALID_ARGUMENT naming what to reduce.
 */
class AdmissionServiceTest {
  private static final Limits ONE_RUN = new Limits(50_000_000L, 2035, 50, 20, 500, 50, 500, 1);

  private static ServerFixture server(AdmissionSettings admission) throws Exception {
    return new ServerFixture(
        ServerConfig.defaults()
            .withPort(0)
            .withThreads(2)
            .withLimits(ONE_RUN)
            .withAdmission(admission)
            .withDataDir(Files.createTempDirectory("chaincast-test-data")));
  }

  private static SimulateRequest small() {
    return SimulateRequest.newBuilder()
        .setSpec(SimulationSpec.newBuilder().setPaths(1000).setSeed(1))
        .build();
  }

  /** Starts a long streaming run in {@code context} and waits for its first progress. */
  private static void occupy(ServerFixture f, Context.CancellableContext context) throws Exception {
    Iterator<SimulateStreamResponse> it =
        context.call(
            () ->
                SimulationServiceGrpc.newBlockingStub(f.channel)
                    .simulateStream(
                        SimulateStreamRequest.newBuilder()
                            .setSpec(SimulationSpec.newBuilder().setPaths(40_000_000))
                            .build()));
    assertTrue(context.call(() -> it.next().hasProgress()));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, what);
      Thread.sleep(10);
    }
  }

  @Test
  void aSecondRunWaitsForTheFirstThenCompletes() throws Exception {
    try (ServerFixture f = server(AdmissionSettings.defaults())) {
      Context.CancellableContext first = Context.current().withCancellation();
      occupy(f, first);
      RunStats stats = f.server.runStats();
      assertEquals(1, stats.activeRuns());
      assertTrue(
          stats.reservedBytes() > 0 && stats.reservedBytes() <= stats.budgetBytes(),
          stats.reservedBytes() + " of " + stats.budgetBytes());
      CompletableFuture<SimulateResponse> second =
          CompletableFuture.supplyAsync(
              () -> SimulationServiceGrpc.newBlockingStub(f.channel).simulate(small()));
      await(() -> stats.queuedRuns() == 1, "the second run waits");
      assertFalse(second.isDone());
      first.cancel(null);
      assertTrue(second.get(60, TimeUnit.SECONDS).getReport().getOddsCount() > 0);
      await(
          () -> stats.activeRuns() == 0 && stats.reservedBytes() == 0,
          "every reservation is returned");
      assertEquals(0, stats.queuedRuns());
      assertEquals(1, stats.queuedTotal());
    }
  }

  @Test
  void aCancelledOrExpiredCallLeavesTheQueueAndFreesItsPlace() throws Exception {
    try (ServerFixture f = server(AdmissionSettings.defaults().withQueue(1, 1))) {
      Context.CancellableContext first = Context.current().withCancellation();
      try {
        occupy(f, first);
        RunStats stats = f.server.runStats();
        var stub = SimulationServiceGrpc.newBlockingStub(f.channel);

        Context.CancellableContext waiting = Context.current().withCancellation();
        CompletableFuture<Status.Code> cancelled =
            CompletableFuture.supplyAsync(
                () -> code(() -> waiting.call(() -> stub.simulate(small()))));
        await(() -> stats.queuedRuns() == 1, "it waits");
        StatusRuntimeException full =
            assertThrows(StatusRuntimeException.class, () -> stub.simulate(small()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, full.getStatus().getCode());
        assertTrue(
            full.getStatus().getDescription().contains("queue is full"),
            full.getStatus().getDescription());
        assertTrue(
            ModelServiceTest.detail(full, RetryInfo.class).getRetryDelay().getSeconds() >= 1);

        waiting.cancel(null);
        assertEquals(Status.Code.CANCELLED, cancelled.get(30, TimeUnit.SECONDS));
        await(
            () -> stats.queuedRuns() == 0 && stats.cancelledWhileQueued() == 1,
            "the cancelled call left the queue");

        // Its place is free again: a call with a short deadline takes it, and leaves at the
        // deadline.
        StatusRuntimeException expired =
            assertThrows(
                StatusRuntimeException.class,
                () -> stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS).simulate(small()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, expired.getStatus().getCode());
        await(
            () -> stats.queuedRuns() == 0 && stats.cancelledWhileQueued() == 2,
            "the expired call left the queue");
        assertEquals(1, stats.activeRuns(), "the first run is still the only one running");
      } finally {
        first.cancel(null);
      }
    }
  }

  private static Status.Code code(Callable<?> call) {
    try {
      call.call();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRunThatCanNeverFitIsInvalidArgumentNamingWhatToReduce() throws Exception {
    try (ServerFixture f = server(AdmissionSettings.defaults().withBudget(12L << 20))) {
      var stub = SimulationServiceGrpc.newBlockingStub(f.channel);
      assertTrue(
          stub.simulate(small()).getReport().getOddsCount() > 0, "a default run fits 12 MiB");
      SimulationSpec.Builder heavy =
          SimulationSpec.newBuilder().setPaths(1000).setHorizonYear(2035);
      for (String cell :
          List.of(
              "pharma@etdz",
              "pharma@haizhou",
              "pharma@guannan",
              "pharma@ganyu",
              "pharma@donghai")) {
        heavy.addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setCellId(cell)));
      }
      for (String chain : List.of("pharma", "petrochem", "steel", "silicon", "info")) {
        heavy.addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setChainId(chain)));
      }
      heavy.addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setCity(true)));
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () -> stub.simulate(SimulateRequest.newBuilder().setSpec(heavy).build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
      BadRequest bad = ModelServiceTest.detail(e, BadRequest.class);
      assertTrue(
          bad.getFieldViolationsList().stream().anyMatch(v -> v.getField().equals("spec.fans")),
          bad.toString());
      assertTrue(
          bad.getFieldViolationsList().stream()
              .anyMatch(v -> v.getField().equals("spec.horizon_year")),
          bad.toString());
      assertTrue(
          e.getStatus().getDescription().contains("12.0 MiB"), e.getStatus().getDescription());
      assertEquals(1, f.server.runStats().refusedTotal());
      assertEquals(0, f.server.runStats().queuedRuns());
    }
  }
}
