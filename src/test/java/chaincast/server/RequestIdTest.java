package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.RequestId;
import chaincast.api.SimulationServiceImpl;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request ids through the real server wiring, in process: the client's id comes back in the headers
 * and trailers, one is made when the client sent none or an unusable one, failed calls carry it
 * too, and the access line and the service's own log lines name it.
 */
class RequestIdTest {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  @TempDir static Path dataDir;
  private static ChaincastServer server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        new ChaincastServer(ServerConfig.defaults().withThreads(1).withDataDir(dataDir))
            .start(InProcessServerBuilder.forName(name));
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }

  /** What the client saw of one call's metadata. */
  private static final class Seen {
    final AtomicReference<Metadata> headers = new AtomicReference<>();
    final AtomicReference<Metadata> trailers = new AtomicReference<>();

    /** {@code stub} sending {@code id} (none if null) and capturing what comes back here. */
    <S extends AbstractStub<S>> S on(S stub, String id) {
      S s = stub.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
      if (id != null) {
        Metadata sent = new Metadata();
        sent.put(RequestId.HEADER, id);
        s = s.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent));
      }
      return s;
    }

    String inHeaders() {
      return headers.get() == null ? null : headers.get().get(RequestId.HEADER);
    }

    String inTrailers() {
      return trailers.get().get(RequestId.HEADER);
    }
  }

  @Test
  void theClientsIdComesBackInHeadersAndTrailers() {
    Seen seen = new Seen();
    seen.on(ModelServiceGrpc.newBlockingStub(channel), "gateway-7f3a:01")
        .listRegions(ListRegionsRequest.getDefaultInstance());
    assertEquals("gateway-7f3a:01", seen.inHeaders());
    assertEquals("gateway-7f3a:01", seen.inTrailers());
  }

  @Test
  void anIdIsMadeWhenTheClientSentNone() {
    Seen first = new Seen();
    first
        .on(ModelServiceGrpc.newBlockingStub(channel), null)
        .listRegions(ListRegionsRequest.getDefaultInstance());
    Seen second = new Seen();
    second
        .on(ModelServiceGrpc.newBlockingStub(channel), null)
        .listRegions(ListRegionsRequest.getDefaultInstance());
    assertTrue(UUID.matcher(first.inTrailers()).matches(), first.inTrailers());
    assertEquals(first.inHeaders(), first.inTrailers());
    assertNotEquals(first.inTrailers(), second.inTrailers(), "each call its own id");
  }

  @Test
  void anUnusableClientIdIsReplaced() {
    for (String bad :
        List.of(
            "has space", "x".repeat(RequestId.MAX_LENGTH + 1), "a\"b", "k=v", "ünïcode", "a\tb")) {
      Seen seen = new Seen();
      seen.on(ModelServiceGrpc.newBlockingStub(channel), bad)
          .listRegions(ListRegionsRequest.getDefaultInstance());
      assertTrue(UUID.matcher(seen.inTrailers()).matches(), bad + " -> " + seen.inTrailers());
    }
    Seen longest = new Seen();
    String id = "y".repeat(RequestId.MAX_LENGTH);
    longest
        .on(ModelServiceGrpc.newBlockingStub(channel), id)
        .listRegions(ListRegionsRequest.getDefaultInstance());
    assertEquals(id, longest.inTrailers());
  }

  @Test
  void aFailedCallCarriesTheIdInItsTrailers() {
    Seen seen = new Seen();
    var stub = seen.on(ScenarioServiceGrpc.newBlockingStub(channel), "failing-1");
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.getScenario(GetScenarioRequest.newBuilder().setScenarioId("no-such").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals("failing-1", seen.inTrailers());
    assertEquals("failing-1", e.getTrailers().get(RequestId.HEADER));
  }

  @Test
  void theAccessLineNamesTheCall() throws Exception {
    try (Captured access = Captured.on(AccessLog.LOGGER)) {
      new Seen()
          .on(ModelServiceGrpc.newBlockingStub(channel), "access-1")
          .listRegions(ListRegionsRequest.getDefaultInstance());
      String ok = access.await("request_id=access-1 ");
      assertTrue(
          Pattern.compile(
                  "ts=\\S+Z level=INFO logger=chaincast\\.access request_id=access-1 "
                      // In process there is no socket: the caller is the local peer and the peer
                      // field is "-" (ServeObservabilityTest checks a real socket's address).
                      + "method=chaincast\\.v1\\.ModelService/ListRegions caller=peer:local peer=- "
                      + "code=OK duration_ms=[0-9]+\\.[0-9]{3}\\R")
              .matcher(ok)
              .matches(),
          ok);
      var stub = new Seen().on(ScenarioServiceGrpc.newBlockingStub(channel), "access-2");
      assertThrows(
          StatusRuntimeException.class,
          () -> stub.getScenario(GetScenarioRequest.newBuilder().setScenarioId("no-such").build()));
      String failed = access.await("request_id=access-2 ");
      assertTrue(failed.contains(" code=NOT_FOUND "), failed);
      assertTrue(failed.contains(" message=\"") && failed.contains("no-such"), failed);
    }
  }

  @Test
  void theServicesOwnLogLinesCarryTheCallsId() throws Exception {
    Logger serviceLogger = Logger.getLogger(SimulationServiceImpl.class.getName());
    try (Captured service = Captured.on(serviceLogger)) {
      var stub = new Seen().on(SimulationServiceGrpc.newBlockingStub(channel), "deadline-1");
      assertThrows(
          StatusRuntimeException.class,
          () ->
              stub.withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                  .simulate(
                      SimulateRequest.newBuilder()
                          .setSpec(SimulationSpec.newBuilder().setPaths(40_000_000))
                          .build()));
      String line = service.await("stopped after");
      assertTrue(line.contains(" request_id=deadline-1 msg=\"simulation stopped after "), line);
    }
  }

  /**
   * Records of one logger, formatted by {@link LogfmtFormatter} as they are published (on the
   * logging thread, so inside the call's context, as {@code serve}'s console handler does).
   */
  private static final class Captured extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level level;
    private final LogfmtFormatter formatter = new LogfmtFormatter();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Captured(Logger logger) {
      this.logger = logger;
      this.level = logger.getLevel();
      logger.setLevel(Level.INFO);
      logger.addHandler(this);
    }

    static Captured on(Logger logger) {
      return new Captured(logger);
    }

    @Override
    public void publish(LogRecord record) {
      lines.add(formatter.format(record));
    }

    /** The first line that holds {@code text}; waits for it, since a call is logged as it ends. */
    String await(String text) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.contains(text)) {
          return line;
        }
      }
      throw new AssertionError("no log line with '" + text + "'");
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setLevel(level);
    }
  }

  @Test
  void sanityOfClientIds() {
    assertTrue(RequestId.isSane("0b2f7c1e-3a44-4d2b-9f00-1c2d3e4f5a6b"));
    assertTrue(RequestId.isSane("01HZX3J7Q8K9M0N1P2R3S4T5V6"));
    assertFalse(RequestId.isSane(""));
    assertFalse(RequestId.isSane(null));
    assertNotNull(RequestId.fromClient("bad id"));
  }
}
