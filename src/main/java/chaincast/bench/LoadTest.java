package chaincast.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A load driver for a running Chaincast server, through its public gRPC API only:
 *
 * <pre>
 * java -cp target/chaincast.jar chaincast.bench.LoadTest --spawn-server 512m --clients 64 --seconds 120
 * java -cp target/chaincast.jar chaincast.bench.LoadTest --server 127.0.0.1:50051 \
 *     --metrics http://127.0.0.1:9464/metrics --mode browse --clients 16 --seconds 60
 * </pre>
 *
 * <p>Each client is a thread with its own channel (connection) that runs the mix until the end:
 * browse calls, small Simulates and its own scenario's create, get, update, list, delete cycle
 * ({@code --mode browse}: browse calls only, for unary throughput). After a warm-up that is not
 * measured, it records every call's final status and the latency of OK calls, and prints a Markdown
 * table (status counts, p50/p99/max per RPC, calls per second) with the server's own figures read
 * from its metrics endpoint (peak heap, paths per second, runs active). It exits 1 if any call
 * ended with a status it should not give under load.
 */
@Command(
    name = "chaincast.bench.LoadTest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Drive a running Chaincast server with many gRPC clients and report statuses, latencies and heap.")
public final class LoadTest implements Callable<Integer> {
  /** What the clients do. */
  public enum Mode {
    /** Browse calls, small Simulates and scenario CRUD, in the proportions of {@code --mix}. */
    MIXED,
    /** Browse calls only: unary throughput. */
    BROWSE
  }

  /**
   * One load run.
   *
   * @param server {@code host:port} of the gRPC server
   * @param metrics the server's metrics endpoint, or null
   * @param mix weight of each kind of step (mixed mode)
   * @param simulatePaths paths of each Simulate
   * @param minSteps steps each client makes in the window even if it must run past its end (a short
   *     smoke run covers every RPC however slow the machine); 0 for none
   */
  public record Settings(
      String server,
      URI metrics,
      int clients,
      int seconds,
      int warmupSeconds,
      Mode mode,
      Map<LoadRpc.Kind, Integer> mix,
      long simulatePaths,
      int deadlineSeconds,
      long seed,
      int minSteps) {
    public Settings {
      mix = Map.copyOf(mix);
      if (clients < 1
          || seconds < 1
          || warmupSeconds < 0
          || simulatePaths < 1
          || deadlineSeconds < 1
          || minSteps < 0) {
        throw new IllegalArgumentException(
            "clients, seconds, paths and deadline must be positive, warm-up and minimum steps not negative");
      }
      if (mode == Mode.MIXED && mix.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
        throw new IllegalArgumentException("the mix needs a positive weight");
      }
    }

    /** The kind of the next step. */
    LoadRpc.Kind pick(SplittableRandom random) {
      if (mode == Mode.BROWSE) {
        return LoadRpc.Kind.BROWSE;
      }
      int total = mix.values().stream().mapToInt(Integer::intValue).sum();
      int r = random.nextInt(total);
      for (LoadRpc.Kind k : LoadRpc.Kind.values()) {
        r -= mix.getOrDefault(k, 0);
        if (r < 0) {
          return k;
        }
      }
      throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    /** One line saying what ran. */
    String describe() {
      String what =
          mode == Mode.BROWSE
              ? "browse calls only"
              : String.format(
                  Locale.ROOT,
                  "mix browse %d / simulate %d / scenario %d, Simulate of %,d paths",
                  mix.getOrDefault(LoadRpc.Kind.BROWSE, 0),
                  mix.getOrDefault(LoadRpc.Kind.SIMULATE, 0),
                  mix.getOrDefault(LoadRpc.Kind.SCENARIO, 0),
                  simulatePaths);
      return String.format(
          Locale.ROOT,
          "LoadTest %s: %d clients, %d s after a %d s warm-up, against %s; %s",
          mode.name().toLowerCase(Locale.ROOT),
          clients,
          seconds,
          warmupSeconds,
          server,
          what);
    }
  }

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      description = "The server to load (default: ${DEFAULT-VALUE}).")
  String server = "127.0.0.1:50051";

  @Option(
      names = "--metrics",
      paramLabel = "URL",
      description = "Its metrics endpoint, e.g. http://127.0.0.1:9464/metrics (heap, paths, runs).")
  URI metrics;

  @Option(
      names = "--spawn-server",
      paramLabel = "HEAP",
      description =
          "Instead of --server and --metrics: start 'chaincast serve' from this classpath in its own JVM "
              + "with -XmxHEAP (e.g. 512m), a fresh data directory and free ports, and stop it at the end.")
  String spawnHeap;

  @Option(
      names = "--server-threads",
      paramLabel = "N",
      description = "Engine threads of a spawned server (default: all cores).")
  int serverThreads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--clients",
      description = "Concurrent clients, each with its own connection (default: ${DEFAULT-VALUE}).")
  int clients = 64;

  @Option(
      names = "--seconds",
      description = "Length of the measured window (default: ${DEFAULT-VALUE}).")
  int seconds = 120;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description = "Unmeasured warm-up before it (default: ${DEFAULT-VALUE}).")
  int warmup = 10;

  @Option(names = "--mode", description = "mixed or browse (default: ${DEFAULT-VALUE}).")
  Mode mode = Mode.MIXED;

  @Option(
      names = "--mix",
      split = ",",
      paramLabel = "KIND=WEIGHT",
      description =
          "Weights of browse, simulate and scenario steps (default: browse=70,simulate=10,scenario=20).")
  Map<LoadRpc.Kind, Integer> mix = defaultMix();

  @Option(
      names = "--simulate-paths",
      description = "Paths of each Simulate (default: ${DEFAULT-VALUE}).")
  long simulatePaths = 20_000;

  @Option(
      names = "--deadline",
      paramLabel = "SECONDS",
      description = "Deadline of each call (default: ${DEFAULT-VALUE}).")
  int deadline = 60;

  @Option(names = "--seed", description = "Seed of the clients' choices (default: random).")
  Long seed;

  @Option(
      names = "--min-steps",
      paramLabel = "N",
      description =
          "Steps each client makes in the window even if that runs past its end (default: ${DEFAULT-VALUE}).")
  int minSteps;

  @Spec CommandSpec spec;

  private static Map<LoadRpc.Kind, Integer> defaultMix() {
    Map<LoadRpc.Kind, Integer> m = new EnumMap<>(LoadRpc.Kind.class);
    m.put(LoadRpc.Kind.BROWSE, 70);
    m.put(LoadRpc.Kind.SIMULATE, 10);
    m.put(LoadRpc.Kind.SCENARIO, 20);
    return m;
  }

  /**
   * Runs the command line; the exit code is 1 if a call ended with a status it should not give
   * under load.
   */
  public static void main(String[] args) {
    System.exit(command().execute(args));
  }

  /** The command line, with enum values (modes, mix kinds) in any case. */
  public static CommandLine command() {
    return new CommandLine(new LoadTest()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public Integer call() throws Exception {
    long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    LoadReport report;
    if (spawnHeap != null) {
      try (SpawnedServer spawned = SpawnedServer.start(spawnHeap, serverThreads)) {
        report =
            run(
                new Settings(
                    spawned.target(),
                    spawned.metrics(),
                    clients,
                    seconds,
                    warmup,
                    mode,
                    mix,
                    simulatePaths,
                    deadline,
                    s,
                    minSteps));
      }
    } else {
      report =
          run(
              new Settings(
                  server,
                  metrics,
                  clients,
                  seconds,
                  warmup,
                  mode,
                  mix,
                  simulatePaths,
                  deadline,
                  s,
                  minSteps));
    }
    spec.commandLine().getOut().print(report.render());
    if (spawnHeap != null) {
      spec.commandLine()
          .getOut()
          .printf("Server spawned with -Xmx%s, %d engine threads.%n", spawnHeap, serverThreads);
    }
    spec.commandLine().getOut().flush();
    return report.unexpected() == 0 ? 0 : 1;
  }

  /** Runs the load and returns what was measured. */
  public static LoadReport run(Settings s) throws Exception {
    // Scenario ids unique to this run, so that runs against one data directory never collide.
    String tag =
        "load-"
            + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(s.warmupSeconds());
    long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(s.seconds());
    List<ManagedChannel> channels = new ArrayList<>();
    List<LoadClient> loadClients = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    SplittableRandom seeds = new SplittableRandom(s.seed());
    List<Throwable> crashes = Collections.synchronizedList(new ArrayList<>());
    try (ServerSampler sampler = s.metrics() == null ? null : new ServerSampler(s.metrics())) {
      for (int i = 0; i < s.clients(); i++) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(s.server()).usePlaintext().build();
        channels.add(channel);
        LoadClient client =
            new LoadClient(s, channel, tag + "-c" + i, seeds.nextLong(), measureFrom, stopAt);
        loadClients.add(client);
        Thread t = new Thread(client, "chaincast-load-" + i);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) -> crashes.add(e));
        threads.add(t);
        t.start();
      }
      TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
      if (sampler != null) {
        sampler.open();
      }
      for (Thread t : threads) {
        t.join();
      }
      if (!crashes.isEmpty()) {
        throw new IllegalStateException(crashes.size() + " load clients failed", crashes.get(0));
      }
      // A window stretched by --min-steps is as long as the clients took.
      double window =
          Math.max(s.seconds(), s.minSteps() == 0 ? 0 : (System.nanoTime() - measureFrom) / 1e9);
      LoadTally all = new LoadTally();
      loadClients.forEach(c -> all.add(c.tally()));
      return LoadReport.of(s, window, all, sampler == null ? null : sampler.close(window));
    } finally {
      for (ManagedChannel c : channels) {
        c.shutdownNow();
      }
    }
  }
}
