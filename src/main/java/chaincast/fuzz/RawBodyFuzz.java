package chaincast.fuzz;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulationServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends bodies that are mostly not requests at all to every method of every service (health and
 * reflection included): the bytes {@code ff ff}, random bytes, truncated requests, invalid UTF-8 in
 * a string field, malformed varints, lengths past the end, groups nested beyond protobuf's
 * recursion limit, and the empty body. A body the method's own parser refuses must be answered
 * INVALID_ARGUMENT "request body is not a valid TYPE"; any other must get a status it earned (see
 * {@link Verdict}); none may get UNKNOWN or INTERNAL.
 *
 * <p>The long run: {@code java -cp target/chaincast.jar chaincast.fuzz.RawBodyFuzz [REQUESTS]
 * [SEED]}.
 */
public final class RawBodyFuzz {
  private static final long CALL_DEADLINE_SECONDS = 60;
  private static final int KEPT_FAILURES = 50;

  private final Channel channel;
  private final List<MethodDescriptor<?, ?>> methods = new ArrayList<>();

  /** A fuzz over {@code channel}. */
  public RawBodyFuzz(Channel channel) {
    this.channel = channel;
    for (ServiceDescriptor service :
        List.of(
            ModelServiceGrpc.getServiceDescriptor(),
            SimulationServiceGrpc.getServiceDescriptor(),
            ScenarioServiceGrpc.getServiceDescriptor(),
            DatasetServiceGrpc.getServiceDescriptor(),
            HealthGrpc.getServiceDescriptor(),
            ServerReflectionGrpc.getServiceDescriptor())) {
      methods.addAll(service.getMethods());
    }
    methods.sort((a, b) -> a.getFullMethodName().compareTo(b.getFullMethodName()));
  }

  /** What a run did: statuses per method, how many bodies were unreadable, and what went wrong. */
  public record Report(
      long requests,
      long unreadable,
      long millis,
      Map<String, Map<Status.Code, Long>> outcomes,
      List<String> failures) {
    /** A table of statuses per method. */
    public String summary() {
      StringBuilder out =
          new StringBuilder(
              String.format(
                  "%,d raw bodies (%,d unreadable) in %.1f s, %d failures%n",
                  requests, unreadable, millis / 1000.0, failures.size()));
      outcomes.forEach((m, c) -> out.append(String.format("  %-48s %s%n", m, c)));
      failures.forEach(f -> out.append("  FAILURE ").append(f).append('\n'));
      return out.toString();
    }
  }

  /** Sends {@code requests} bodies, one at a time; the seed fixes which. */
  public Report run(long requests, long seed) throws InterruptedException {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Map<Status.Code, Long>> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long unreadable = 0;
    long start = System.nanoTime();
    for (long i = 0; i < requests; i++) {
      MethodDescriptor<?, ?> method = methods.get(r.nextInt(methods.size()));
      byte[] body = RawBodies.next(r);
      boolean readable = parses(method, body);
      unreadable += readable ? 0 : 1;
      Status status = send(method, body);
      outcomes
          .computeIfAbsent(method.getFullMethodName(), k -> new TreeMap<>())
          .merge(status.getCode(), 1L, Long::sum);
      String problem = judge(readable, status);
      if (problem != null && failures.size() < KEPT_FAILURES) {
        failures.add(method.getFullMethodName() + " " + RawBodies.hex(body) + ": " + problem);
      }
    }
    return new Report(
        requests, unreadable, (System.nanoTime() - start) / 1_000_000, outcomes, failures);
  }

  private static String judge(boolean readable, Status status) {
    if (readable) {
      // A readable body is a real request; with no field to blame, any earned status will do.
      return Verdict.EARNED.contains(status.getCode())
          ? null
          : "status " + status.getCode() + ": " + status.getDescription();
    }
    String expected = "request body is not a valid ";
    if (status.getCode() != Status.Code.INVALID_ARGUMENT
        || status.getDescription() == null
        || !status.getDescription().startsWith(expected)) {
      return "unreadable body answered " + status.getCode() + ": " + status.getDescription();
    }
    return null;
  }

  /** Whether the method's own parser reads {@code body} (what the server will find). */
  private static boolean parses(MethodDescriptor<?, ?> method, byte[] body) {
    try {
      method.parseRequest(new ByteArrayInputStream(body));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Status send(MethodDescriptor<?, ?> method, byte[] body) throws InterruptedException {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(method.getType())
            .setFullMethodName(method.getFullMethodName())
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    ClientCall<byte[], byte[]> call =
        channel.newCall(
            raw, CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    boolean streaming = !method.getType().serverSendsOneMessage();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            // A stream that answers has accepted the body; some (health's Watch) never end on their
            // own.
            if (streaming && closed.complete(Status.OK)) {
              call.cancel("the fuzz has its answer", null);
            }
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(Integer.MAX_VALUE);
    try {
      call.sendMessage(body);
      call.halfClose();
    } catch (IllegalStateException answeredAlready) {
      // A streaming method can answer (and the listener cancel the call) before the half-close:
      // the body was accepted, which is what the fuzz asks.
    }
    try {
      return closed.get(2 * CALL_DEADLINE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Status.UNKNOWN.withDescription("no answer: " + e);
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /**
   * Runs against a fresh server in this JVM on a loopback port. Arguments: requests (default
   * 20,000), seed (default 1).
   */
  public static void main(String[] args) throws Exception {
    long requests = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    ChaincastServer server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withLimits(ApiFuzz.LIMITS)
                    .withDataDir(Files.createTempDirectory("chaincast-raw-fuzz")))
            .start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    Report report;
    try {
      report = new RawBodyFuzz(channel).run(requests, seed);
    } finally {
      channel.shutdownNow();
      server.stop();
    }
    System.out.print(report.summary());
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }
}
