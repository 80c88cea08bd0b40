package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.soak.ServerProcess;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc.ScenarioServiceBlockingStub;
import chaincast.v1.UpdateScenarioRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real server processes ({@code java -cp target/chaincast.jar chaincast.cli.Main serve --store
 * postgresql://...}) started together against one empty database, as replicas behind a load
 * balancer: both come up (Flyway migrates once, under its lock), compare-and-set updates through
 * both lose no update, a quota holds across both, and a bad or unreachable store stops {@code
 * serve} with a sentence and exit code 2, never showing the password.
 */
class PostgresReplicasIT {
  private static final String JAR =
      System.getProperty("chaincast.jar", Path.of("target", "chaincast.jar").toString());

  /** Every client is peer:127.0.0.1 to both servers, so they share one quota. */
  private static final int QUOTA = 20;

  @TempDir Path dir;
  private final List<ServerProcess> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** Starts both servers at once, so that both find the database empty and migrate it. */
  private void twoServersOnOneEmptyDatabase() throws Exception {
    String url = TestPostgres.shared().newDatabase();
    ExecutorService starting = Executors.newFixedThreadPool(2);
    List<Future<ServerProcess>> started = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path data = dir.resolve("data-" + i);
      started.add(
          starting.submit(
              () ->
                  ServerProcess.start(
                      JAR,
                      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                      data,
                      List.of("--store", url, "--scenarios-per-client", Integer.toString(QUOTA)),
                      180)));
    }
    for (Future<ServerProcess> f : started) {
      ServerProcess s = f.get(4, TimeUnit.MINUTES);
      servers.add(s);
      channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build());
    }
    starting.shutdown();
  }

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    for (ServerProcess s : servers) {
      s.stop(); // SIGTERM: graceful shutdown, which closes the connection pool
    }
  }

  private ScenarioServiceBlockingStub stub(int server) {
    return ScenarioServiceGrpc.newBlockingStub(channels.get(server % 2))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  @Test
  void compareAndSetThroughTwoServersLosesNoUpdateAndTheQuotaHoldsAcrossBoth() throws Exception {
    twoServersOnOneEmptyDatabase();
    for (ManagedChannel c : channels) {
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(c)
              .check(
                  HealthCheckRequest.newBuilder()
                      .setService(ScenarioServiceGrpc.SERVICE_NAME)
                      .build())
              .getStatus());
    }
    int counters = 4;
    for (int k = 0; k < counters; k++) {
      stub(k)
          .createScenario(
              CreateScenarioRequest.newBuilder().setScenario(counter("c-" + k, 0)).build());
    }
    Set<String> etags = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
    int threads = 8;
    int rounds = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> increment(thread, rounds, counters, etags, acks)));
    }
    int stale = 0;
    for (Future<Integer> f : done) {
      stale += f.get(10, TimeUnit.MINUTES);
    }
    int total = 0;
    for (int k = 0; k < counters; k++) {
      String id = "c-" + k;
      Scenario a = get(0, id);
      Scenario b = get(1, id);
      assertEquals(a, b, "both servers read the same row");
      int value = Integer.parseInt(a.getDescription());
      assertEquals(acks.get(id).get(), value, id + ": an acknowledged update was lost");
      assertTrue(etags.contains(a.getEtag()), "the final etag is an acknowledged write's");
      total += value;
    }
    assertEquals(threads * rounds, total);
    assertEquals(threads * rounds, etags.size(), "every acknowledged update has its own etag");
    assertTrue(stale > 0, "writers did collide (and were told STALE_ETAG): " + stale);
    pool.shutdown();
    assertQuotaHoldsAcrossBoth(QUOTA - counters);
  }

  /** One writer: read, increment, write with the etag read; on ABORTED (stale), read again. */
  private int increment(
      int thread, int rounds, int counters, Set<String> etags, Map<String, AtomicInteger> acks) {
    int stale = 0;
    for (int i = 0; i < rounds; i++) {
      String id = "c-" + ((thread + i) % counters);
      int server = thread + i; // alternate between the two servers
      while (true) {
        Scenario now = get(server, id);
        int value = Integer.parseInt(now.getDescription());
        Scenario next = counter(id, value + 1).toBuilder().setEtag(now.getEtag()).build();
        try {
          Scenario written =
              stub(server + 1)
                  .updateScenario(UpdateScenarioRequest.newBuilder().setScenario(next).build())
                  .getScenario();
          assertTrue(etags.add(written.getEtag()), "etag " + written.getEtag() + " issued twice");
          acks.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
          break;
        } catch (StatusRuntimeException e) {
          assertEquals(Status.Code.ABORTED, e.getStatus().getCode(), e.toString());
          stale++;
        }
      }
    }
    return stale;
  }

  private void assertQuotaHoldsAcrossBoth(int room) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    AtomicInteger created = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 3; i++) {
                  try {
                    stub(thread + i)
                        .createScenario(
                            CreateScenarioRequest.newBuilder()
                                .setScenario(counter("q-" + thread + "-" + i, 0))
                                .build());
                    created.incrementAndGet();
                  } catch (StatusRuntimeException e) {
                    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
                    refused.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertEquals(room, created.get(), "the quota of " + QUOTA + " held across both servers");
    assertEquals(36 - room, refused.get());
  }

  private Scenario get(int server, String id) {
    return stub(server)
        .getScenario(GetScenarioRequest.newBuilder().setScenarioId(id).build())
        .getScenario();
  }

  private static Scenario counter(String id, int value) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setEn("counter " + id))
        .setDescription(Integer.toString(value))
        .build();
  }

  @Test
  void aBadOrUnreachableStoreStopsServeWithASentenceAndExitCode2() throws Exception {
    Run bad = serve("--store", "mysql://root:hunter2@db/x");
    assertEquals(2, bad.code(), bad.output());
    assertTrue(bad.output().contains("postgresql://USER:PASSWORD@HOST:5432/DB"), bad.output());
    assertFalse(bad.output().contains("hunter2"), bad.output());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Run unreachable = serve("--store", "postgresql://plan:hunter2@127.0.0.1:" + closed + "/cc");
    assertEquals(2, unreachable.code(), unreachable.output());
    assertTrue(
        unreachable
            .output()
            .contains(
                "chaincast serve: cannot connect to the PostgreSQL store postgresql://plan@127.0.0.1:"
                    + closed
                    + "/cc"),
        unreachable.output());
    assertFalse(unreachable.output().contains("hunter2"), unreachable.output());
  }

  private record Run(int code, String output) {}

  private Run serve(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR,
                "chaincast.cli.Main",
                "serve",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("refused").toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("serve.out");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("serve did not stop: " + Files.readString(out, StandardCharsets.UTF_8));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
