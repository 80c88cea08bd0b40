package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CellOverride;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.UpdateScenarioRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server process killed with SIGKILL in the middle of writes: after a restart on the same data
 * directory every acknowledged write is there, and every stored scenario is one that some write
 * sent in full (nothing half-written).
 */
class KilledServerTest {
  private static final Pattern LISTENING = Pattern.compile("serving on [0-9.]+:([0-9]+)");

  @TempDir Path dataDir;

  /** Starts {@code chaincast serve} in a separate JVM on the data directory; returns it and its port. */
  private Process startServer(int[] port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            "chaincast.cli.Main", "serve", "--port", "0", "--threads", "1");
    pb.environment().put(ServerConfig.DATA_DIR_ENV, dataDir.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        port[0] = Integer.parseInt(m.group(1));
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return p;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the server process did not start");
  }

  static Scenario scenario(String id, int generation) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setEn(id + " generation " + generation))
        .setDescription("x".repeat(200) + generation)
        .setOverrides(
            ScenarioOverrides.newBuilder()
                .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(generation / 1000.0)))
        .build();
  }

  @Test
  void sigkillDuringWritesLosesNoAcknowledgedWrite() throws Exception {
    int[] port = new int[1];
    Process server = startServer(port);
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port[0]).usePlaintext().build();
    // Per scenario id, the highest generation whose write was acknowledged.
    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger writes = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(1);
    Thread[] writers = new Thread[3];
    for (int w = 0; w < writers.length; w++) {
      int writer = w;
      writers[w] =
          new Thread(
              () -> {
                var stub = ScenarioServiceGrpc.newBlockingStub(channel);
                try {
                  for (int i = 0; ; i++) {
                    String id = "w" + writer + "-" + (i / 4);
                    int generation = i % 4;
                    if (generation == 0) {
                      stub.createScenario(CreateScenarioRequest.newBuilder().setScenario(scenario(id, 0)).build());
                    } else {
                      // Update from the last acknowledged version (etag fetched fresh).
                      var current = stub.getScenario(chaincast.v1.GetScenarioRequest.newBuilder().setScenarioId(id).build()).getScenario();
                      stub.updateScenario(
                          UpdateScenarioRequest.newBuilder()
                              .setScenario(scenario(id, generation).toBuilder().setEtag(current.getEtag()))
                              .build());
                    }
                    acknowledged.put(id, generation);
                    if (writes.incrementAndGet() >= 60) {
                      enough.countDown();
                    }
                  }
                } catch (RuntimeException killed) {
                  // The server died under us: the write in flight was not acknowledged.
                }
              });
      writers[w].start();
    }
    assertTrue(enough.await(120, TimeUnit.SECONDS), "writes acknowledged before the kill");
    server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    server.waitFor(30, TimeUnit.SECONDS);
    for (Thread t : writers) {
      t.join(30_000);
    }
    channel.shutdownNow();
    Map<String, Integer> acked = new HashMap<>(acknowledged);
    assertTrue(acked.size() >= 10, "writes happened: " + acked.size());

    Process again = startServer(port);
    ManagedChannel channel2 = ManagedChannelBuilder.forAddress("127.0.0.1", port[0]).usePlaintext().build();
    try {
      var stub = ScenarioServiceGrpc.newBlockingStub(channel2);
      Map<String, Scenario> stored = new HashMap<>();
      String token = "";
      do {
        ListScenariosResponse page = stub.listScenarios(ListScenariosRequest.newBuilder().setPageSize(100).setPageToken(token).build());
        page.getScenariosList().forEach(s -> stored.put(s.getId(), s));
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      for (var e : acked.entrySet()) {
        Scenario s = stored.get(e.getKey());
        assertTrue(s != null, "acknowledged scenario " + e.getKey() + " is there");
        int generation = (int) Math.round(s.getOverrides().getCells(0).getDriftMean() * 1000);
        // The stored generation is the acknowledged one, or the next one if that write reached
        // the disk just before the kill without being acknowledged.
        assertTrue(generation == e.getValue() || generation == e.getValue() + 1, e.getKey() + ": generation " + generation + ", acknowledged " + e.getValue());
      }
      for (Scenario s : stored.values()) {
        int generation = (int) Math.round(s.getOverrides().getCells(0).getDriftMean() * 1000);
        assertEquals(
            scenario(s.getId(), generation),
            s.toBuilder().clearEtag().clearCreateTime().clearUpdateTime().build(),
            "stored whole, as some write sent it");
      }
    } finally {
      channel2.shutdownNow();
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
