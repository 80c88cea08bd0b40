package chaincast.bench;

import chaincast.engine.MemoryFootprint;
import chaincast.engine.MonteCarloEngine;
import chaincast.run.Limits;
import chaincast.run.SimulationRunner;
import chaincast.seed.SeedLoader;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Prints the figures the README quotes for admission, against a server in a JVM of its own at
 * {@code -Xmx256m} with 2 engine threads: {@code java -cp target/chaincast.jar
 * chaincast.bench.AdmissionFigures [PATHS] [CLIENTS] [SECONDS]}.
 *
 * <ol>
 *   <li>the estimated footprints of the heaviest requests (see {@link HeavyRequests});
 *   <li>8 heaviest Simulates, 4 Simulates and 4 Compares with every count cell at 10 000 a year
 *       (gamma shape 0.01, the smallest accepted), all at once: their outcomes, and whether the
 *       server ran out of memory;
 *   <li>CLIENTS clients (default 64, each on its own connection) calling the default Simulate
 *       (every 2025 target) for SECONDS seconds (default 60), each waiting the RetryInfo delay
 *       after a refusal: outcomes and latency.
 * </ol>
 */
public final class AdmissionFigures {
  private AdmissionFigures() {}

  public static void main(String[] args) throws Exception {
    long paths = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    try (ServerJvm server =
        new ServerJvm("256m", Files.createTempDirectory("chaincast-admission"), "--threads", "2")) {
      ManagedChannel channel = channel(server);
      try {
        HeavyRequests r = new HeavyRequests(channel, paths);
        estimates(r);
        heavy(channel, r, paths);
        System.out.println(
            "server: "
                + count(server.output(), "OutOfMemoryError")
                + " OutOfMemoryError in its log");
        load(server, clients, seconds, paths);
        System.out.println(
            "server: "
                + count(server.output(), "OutOfMemoryError")
                + " OutOfMemoryError in its log");
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static ManagedChannel channel(ServerJvm server) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
        .usePlaintext()
        .maxInboundMessageSize(64 << 20)
        .build();
  }

  private static void estimates(HeavyRequests r) {
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      SimulationRunner runner =
          new SimulationRunner(SeedLoader.fromClasspath(), engine, Limits.defaults());
      System.out.println("== Estimated most heap per run (2 engine threads)");
      print(
          "heaviest Simulate",
          runner.footprint(r.heaviest().getSpec(), ScenarioOverrides.getDefaultInstance()));
      print(
          "huge counts, Simulate",
          runner.footprint(r.hugeCounts().getSpec(), r.hugeCountOverrides()));
      print(
          "huge counts, Compare",
          runner.footprintOfComparison(
              r.hugeCountsCompared().getSpec(),
              ScenarioOverrides.getDefaultInstance(),
              r.hugeCountOverrides()));
      print(
          "default Simulate",
          runner.footprint(
              SimulationSpec.newBuilder().setPaths(100_000).build(),
              ScenarioOverrides.getDefaultInstance()));
      System.out.println(
          "run budget at -Xmx256m: "
              + MemoryFootprint.mebibytes((long) (0.75 * (256 - 32) * 1024 * 1024)));
    }
  }

  private static void print(String what, MemoryFootprint f) {
    System.out.printf(
        Locale.ROOT,
        "  %-24s %10s  (%s)%n",
        what,
        MemoryFootprint.mebibytes(f.total()),
        f.describe());
  }

  private static void heavy(ManagedChannel channel, HeavyRequests r, long paths) throws Exception {
    var stub = SimulationServiceGrpc.newBlockingStub(channel);
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          () ->
              outcome(() -> stub.withDeadlineAfter(600, TimeUnit.SECONDS).simulate(r.heaviest())));
    }
    for (int i = 0; i < 4; i++) {
      calls.add(
          () ->
              outcome(
                  () -> stub.withDeadlineAfter(600, TimeUnit.SECONDS).simulate(r.hugeCounts())));
      calls.add(
          () ->
              outcome(
                  () ->
                      stub.withDeadlineAfter(600, TimeUnit.SECONDS)
                          .compare(r.hugeCountsCompared())));
    }
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (Future<String> f : pool.invokeAll(calls)) {
        outcomes.merge(f.get(), 1, Integer::sum);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        Locale.ROOT,
        "== 8 heaviest + 4 huge-count Simulates + 4 huge-count Compares at once, %,d paths each, -Xmx256m%n",
        paths);
    System.out.printf(
        Locale.ROOT, "  %s in %.1f s%n", outcomes, (System.nanoTime() - started) / 1e9);
  }

  private static void load(ServerJvm server, int clients, int seconds, long paths)
      throws Exception {
    SimulateRequest request =
        SimulateRequest.newBuilder().setSpec(SimulationSpec.newBuilder().setPaths(paths)).build();
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      running.add(
          pool.submit(
              () -> {
                ManagedChannel channel = channel(server);
                try {
                  var stub = SimulationServiceGrpc.newBlockingStub(channel);
                  while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    long[] retry = {0};
                    String o =
                        outcome(
                            () -> stub.withDeadlineAfter(120, TimeUnit.SECONDS).simulate(request),
                            retry);
                    outcomes.merge(o, 1, Integer::sum);
                    if (o.equals("OK")) {
                      latencies.add(System.nanoTime() - t0);
                    }
                    Thread.sleep(retry[0]);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  channel.shutdownNow();
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "== %d clients, default Simulate (%,d paths), %d s, -Xmx256m, 4 runs at once%n",
        clients,
        paths,
        seconds);
    System.out.println("  " + new TreeMap<>(outcomes));
    if (!latencies.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "  OK latency p50 %.2f s, p99 %.2f s, max %.2f s%n",
          latencies.get(latencies.size() / 2) / 1e9,
          latencies.get((int) (latencies.size() * 0.99)) / 1e9,
          latencies.get(latencies.size() - 1) / 1e9);
    }
  }

  private static String outcome(Runnable call) {
    return outcome(call, new long[1]);
  }

  /**
   * "OK", "RESOURCE_EXHAUSTED with RetryInfo" (its delay in ms into {@code retryMillis[0]}), or the
   * status.
   */
  private static String outcome(Runnable call, long[] retryMillis) {
    try {
      call.run();
      return "OK";
    } catch (StatusRuntimeException e) {
      Status status = StatusProto.fromThrowable(e);
      if (status != null) {
        for (var d : status.getDetailsList()) {
          if (d.is(RetryInfo.class)) {
            try {
              var delay = d.unpack(RetryInfo.class).getRetryDelay();
              retryMillis[0] = delay.getSeconds() * 1000 + delay.getNanos() / 1_000_000;
            } catch (InvalidProtocolBufferException ex) {
              throw new IllegalStateException(ex);
            }
            return e.getStatus().getCode() + " with RetryInfo";
          }
        }
      }
      return e.getStatus().getCode().toString();
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
