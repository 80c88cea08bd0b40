package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.LogCapture;
import chaincast.fuzz.ApiFuzz;
import chaincast.fuzz.RawBodyFuzz;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ModelServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over real Netty: a body that is not a request ({@code ff ff}) answers INVALID_ARGUMENT naming the
 * message type, on every method of every service, logs one WARNING line per 10 s however many
 * arrive, and no SEVERE stack trace; the raw-body fuzz finds no UNKNOWN or INTERNAL.
 */
class ReadableRequestsTest {
  static ChaincastServer server;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(2)
                    .withLimits(ApiFuzz.LIMITS)
                    .withDataDir(Files.createTempDirectory("chaincast-raw-test")))
            .start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }

  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          return new byte[0];
        }
      };

  static Status send(String method, byte[] body) throws Exception {
    return send(channel, method, body);
  }

  static Status send(ManagedChannel channel, String method, byte[] body) throws Exception {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(method)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    ClientCall<byte[], byte[]> call =
        channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(body);
    call.halfClose();
    return closed.get(60, TimeUnit.SECONDS);
  }

  @Test
  void ffffIsInvalidArgumentWithOneRateLimitedWarningAndNoStackTrace() throws Exception {
    // A server of its own: the rate limit is per server, and this test counts from its first line.
    ChaincastServer own =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(1)
                    .withLimits(ApiFuzz.LIMITS)
                    .withDataDir(Files.createTempDirectory("chaincast-ffff-test")))
            .start();
    ManagedChannel ownChannel =
        ManagedChannelBuilder.forAddress("127.0.0.1", own.port()).usePlaintext().build();
    try (LogCapture log = new LogCapture()) {
      long start = System.nanoTime();
      int sent = 500;
      for (int i = 0; i < sent; i++) {
        Status s =
            send(
                ownChannel,
                "chaincast.v1.ModelService/ListPlans",
                new byte[] {(byte) 0xff, (byte) 0xff});
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode());
        assertEquals(
            "request body is not a valid chaincast.v1.ListPlansRequest", s.getDescription());
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      int warnings = log.at(Level.WARNING, ReadableRequests.class.getName()).size();
      // One line, then at most one per 10 s the loop took: however slow the machine, never one per
      // body.
      assertTrue(
          warnings >= 1 && warnings <= 1 + seconds / ReadableRequests.WARNING_INTERVAL_SECONDS,
          warnings + " warnings for " + sent + " bodies in " + seconds + " s");
      assertEquals(0, log.at(Level.SEVERE).size(), "no stack trace");
      assertTrue(
          log.at(Level.WARNING, ReadableRequests.class.getName())
              .get(0)
              .getMessage()
              .startsWith(
                  "unreadable request body for chaincast.v1.ModelService/ListPlans from peer:127.0.0.1: "));
      // The connection is fine: a good request on it succeeds.
      assertTrue(
          ModelServiceGrpc.newBlockingStub(ownChannel)
                  .listPlans(ListPlansRequest.getDefaultInstance())
                  .getPlansCount()
              > 0);
    } finally {
      ownChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      own.stop();
    }
  }

  @Test
  void oversizedMessagesAreRefusedWithoutAStackTracePerRequest() throws Exception {
    try (LogCapture log = new LogCapture()) {
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        Status s =
            send(
                "chaincast.v1.ModelService/ListPlans",
                new byte[4_500_000]); // above the 4 MiB limit
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, s.getCode(), s.toString());
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      // One line per 10 s at most (none if another test's line opened the JVM-wide window), no
      // trace.
      var lines = log.at(Level.WARNING, TransportLogLimit.LOGGER);
      assertTrue(
          lines.size() <= 1 + seconds / ReadableRequests.WARNING_INTERVAL_SECONDS,
          lines.size() + " lines");
      assertTrue(lines.stream().allMatch(r -> r.getThrown() == null), "no stack trace");
      assertTrue(
          lines.stream().allMatch(r -> r.getMessage().startsWith("transport refused a request: ")));
    }
  }

  @Test
  void theRawBodyFuzzFindsNoUnknownOrInternalOnAnyMethod() throws Exception {
    try (LogCapture log = new LogCapture()) {
      RawBodyFuzz.Report report = new RawBodyFuzz(channel).run(1_500, 7);
      System.out.print(report.summary());
      assertEquals(List.of(), report.failures(), report.summary());
      assertEquals(
          23,
          report.outcomes().size(),
          "every method of every service, health and reflection included");
      assertTrue(report.unreadable() > 1_000, report.summary());
      assertEquals(0, log.at(Level.SEVERE).size(), "no stack trace");
    }
  }
}
