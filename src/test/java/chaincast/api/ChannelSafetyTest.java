package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 100,000-character id gets a short answer, and calls sharing its channel are unaffected (before,
 * the id came back whole in the status, the client refused the trailers, and thousands of
 * concurrent calls on the same connection failed).
 */
class ChannelSafetyTest {
  static final String LONG_ID = "A".repeat(100_000);

  static ServerFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = ServerFixture.overNetty();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aHundredThousandCharacterIdGetsAShortMessage() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ScenarioServiceGrpc.newBlockingStub(fixture.channel)
                    .getScenario(GetScenarioRequest.newBuilder().setScenarioId(LONG_ID).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    String message = e.getStatus().getDescription();
    assertTrue(message.length() < 300, message.length() + " characters: " + message);
    assertTrue(message.contains("'" + "A".repeat(64) + "…'"), message);
    assertTrue(StatusProto.fromThrowable(e).getSerializedSize() < 1000);

    // A long unknown id in a NOT_FOUND: message and ResourceInfo both cut.
    String chinese = "中".repeat(100_000);
    e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ModelServiceGrpc.newBlockingStub(fixture.channel)
                    .listTargets(ListTargetsRequest.newBuilder().setPlanId(chinese).build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().getBytes(StandardCharsets.UTF_8).length < 300);
    assertEquals(
        "中".repeat(64) + "…", ModelServiceTest.detail(e, ResourceInfo.class).getResourceName());
  }

  @Test
  void concurrentCallsOnTheSameChannelAreUnaffected() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    AtomicInteger plansOk = new AtomicInteger();
    AtomicInteger longIdsRefused = new AtomicInteger();
    List<Future<?>> work = new ArrayList<>();
    var scenarios = ScenarioServiceGrpc.newBlockingStub(fixture.channel);
    var model = ModelServiceGrpc.newBlockingStub(fixture.channel);
    try {
      for (int t = 0; t < 4; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    StatusRuntimeException e =
                        assertThrows(
                            StatusRuntimeException.class,
                            () ->
                                scenarios.getScenario(
                                    GetScenarioRequest.newBuilder()
                                        .setScenarioId(LONG_ID)
                                        .build()));
                    assertEquals(
                        Status.Code.INVALID_ARGUMENT,
                        e.getStatus().getCode(),
                        e.getStatus().toString());
                    longIdsRefused.incrementAndGet();
                  }
                }));
      }
      for (int t = 0; t < 8; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    assertTrue(
                        model.listPlans(ListPlansRequest.getDefaultInstance()).getPlansCount() > 0);
                    plansOk.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get(5, TimeUnit.MINUTES); // a failure inside rethrows here
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(400, longIdsRefused.get());
    assertEquals(2000, plansOk.get());
  }
}
