package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.VarianceReduction;
import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ClientStreamTracer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on loopback and one client channel over all of them ({@code --server
 * a,b,c}): eight threads call ListRegions and small Simulate runs; every replica takes a share of
 * the calls; one replica is SIGKILLed while calls are running on it, and still no call fails: the
 * calls cut off on it are retried on the others (the service config's retry policy), which the test
 * sees as second attempts.
 */
class ReplicaFailoverTest {
  private static final Pattern SERVING =
      Pattern.compile("chaincast: serving on 127\\.0\\.0\\.1:([0-9]+)");
  private static final int CLIENTS = 8;
  private static final int CALLS_BEFORE_KILL = 160;
  private static final int CALLS_AFTER_KILL = 160;

  @TempDir Path dir;
  private final List<Process> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws InterruptedException {
    for (Process p : servers) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void callsSpreadOverThreeReplicasAndAKilledOneLosesNoCall() throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      servers.add(spawn(i));
    }
    for (int i = 0; i < 3; i++) {
      ports.add(awaitPort(i));
    }
    String list =
        String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()); // --server's form
    Attempts attempts = new Attempts();
    try (Connection connection = Connection.open(list, InsecureChannelCredentials.create())) {
      Channel channel = ClientInterceptors.intercept(connection.channel(), attempts);
      AtomicInteger started = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<String> failures = new ArrayList<>();
      int total = CALLS_BEFORE_KILL + CALLS_AFTER_KILL;
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(pool.submit(() -> callUntil(channel, started, total, failed, failures)));
      }
      int victimPort = ports.get(1);
      // Kill the second replica once the first share of calls is done and one of its calls runs.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (started.get() < CALLS_BEFORE_KILL || attempts.inFlight(victimPort) == 0) {
        assertTrue(System.nanoTime() < deadline, "no call ran on the replica to kill");
        Thread.sleep(1);
      }
      Map<Integer, Long> beforeKill = attempts.perPort();
      long cutOff = attempts.inFlight(victimPort);
      servers.get(1).destroyForcibly(); // SIGKILL
      for (Future<?> f : clients) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();

      String summary =
          "attempts per port before the kill "
              + beforeKill
              + ", at the end "
              + attempts.perPort()
              + ", retried attempts "
              + attempts.retried.get()
              + ", cut off by the kill "
              + cutOff
              + ", failures "
              + failures;
      System.out.println("ReplicaFailoverTest: " + summary); // the figures README quotes
      assertEquals(0, failed.get(), summary);
      for (int port : ports) {
        assertTrue(
            beforeKill.getOrDefault(port, 0L) >= CALLS_BEFORE_KILL / 3 / 2,
            "round robin gives every replica about a third of the calls: " + summary);
      }
      assertTrue(attempts.retried.get() >= 1, "the calls cut off were retried: " + summary);
      Map<Integer, Long> atEnd = attempts.perPort();
      for (int port : List.of(ports.get(0), ports.get(2))) {
        assertTrue(
            atEnd.get(port) - beforeKill.get(port) >= CALLS_AFTER_KILL / 2 / 2,
            "the survivors took the calls after the kill: " + summary);
      }
    }
  }

  /** Calls until {@code total} calls have started, alternating a cheap read and a small run. */
  private static Void callUntil(
      Channel channel,
      AtomicInteger started,
      int total,
      AtomicInteger failed,
      List<String> failures) {
    var model = ModelServiceGrpc.newBlockingStub(channel);
    var simulation = SimulationServiceGrpc.newBlockingStub(channel);
    int n;
    while ((n = started.getAndIncrement()) < total) {
      try {
        if (n % 2 == 0) {
          model
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .listRegions(ListRegionsRequest.getDefaultInstance());
        } else {
          SimulateResponse r =
              simulation
                  .withDeadlineAfter(120, TimeUnit.SECONDS)
                  .simulate(
                      SimulateRequest.newBuilder()
                          .setSpec(
                              SimulationSpec.newBuilder()
                                  .setPaths(20_000)
                                  .setSeed(n)
                                  .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN))
                          .build());
          assertTrue(r.getReport().getOddsCount() > 0);
        }
      } catch (StatusRuntimeException e) {
        failed.incrementAndGet();
        synchronized (failures) {
          failures.add(e.getStatus().toString());
        }
      }
    }
    return null;
  }

  /**
   * Counts attempts (a call retried has several) per server port, the ones running now, and those
   * that were retries, from a stream tracer on every call: gRPC makes one stream per attempt.
   */
  private static final class Attempts implements ClientInterceptor {
    final Map<Integer, AtomicLong> started = new ConcurrentHashMap<>();
    final Map<Integer, AtomicLong> running = new ConcurrentHashMap<>();
    final AtomicLong retried = new AtomicLong();

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      ClientStreamTracer.Factory factory =
          new ClientStreamTracer.Factory() {
            @Override
            public ClientStreamTracer newClientStreamTracer(
                ClientStreamTracer.StreamInfo info, Metadata headers) {
              if (info.getPreviousAttempts() > 0) {
                retried.incrementAndGet();
              }
              return new Tracer();
            }
          };
      return next.newCall(method, options.withStreamTracerFactory(factory));
    }

    Map<Integer, Long> perPort() {
      Map<Integer, Long> out = new TreeMap<>();
      started.forEach((port, n) -> out.put(port, n.get()));
      return out;
    }

    long inFlight(int port) {
      AtomicLong n = running.get(port);
      return n == null ? 0 : n.get();
    }

    /** One attempt: where it went, and whether it is still running. */
    private final class Tracer extends ClientStreamTracer {
      private int port = -1;

      @Override
      public void streamCreated(Attributes transportAttrs, Metadata headers) {
        SocketAddress remote = transportAttrs.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (remote instanceof InetSocketAddress a) {
          port = a.getPort();
          started.computeIfAbsent(port, p -> new AtomicLong()).incrementAndGet();
          running.computeIfAbsent(port, p -> new AtomicLong()).incrementAndGet();
        }
      }

      @Override
      public void streamClosed(Status status) {
        if (port >= 0) {
          running.get(port).decrementAndGet();
        }
      }
    }
  }

  private Process spawn(int i) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("server" + i + ".log");
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "chaincast.cli.Main",
            "serve",
            "--port",
            "0",
            "--threads",
            "1",
            "--no-access-log",
            "--data-dir",
            dir.resolve("data" + i).toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private int awaitPort(int i) throws IOException, InterruptedException {
    Path log = dir.resolve("server" + i + ".log");
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < until && servers.get(i).isAlive()) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher m = SERVING.matcher(text);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new IOException("server " + i + " did not start:\n" + Files.readString(log));
  }
}
