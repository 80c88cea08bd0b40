package chaincast.cli;

import chaincast.admission.AdmissionSettings;
import chaincast.run.Limits;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast serve}: run the gRPC server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Chaincast gRPC server.")
final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = {"--host", "--bind"},
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
  String host = ServerConfig.DEFAULT_HOST;

  @Option(names = "--threads", description = "Engine threads (default: all cores; results do not depend on it).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seeds", description = "Seed directory (default: the seeds bundled in the jar).")
  Path seeds;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where stored scenarios live (default: $CHAINCAST_DATA_DIR, else ~/.chaincast).")
  Path dataDir;

  @Option(
      names = "--max-runs",
      paramLabel = "N",
      description = "Simulation runs at once; more wait in the queue (default: ${DEFAULT-VALUE}).")
  int maxRuns = Limits.defaults().maxConcurrentRuns();

  @Option(
      names = "--queue",
      paramLabel = "N",
      description = "Runs that may wait for a slot or for memory, over all clients; beyond it RESOURCE_EXHAUSTED with a retry delay (default: ${DEFAULT-VALUE}).")
  int queue = AdmissionSettings.DEFAULT_MAX_QUEUED;

  @Option(
      names = "--queue-per-client",
      paramLabel = "N",
      description = "Runs one client may have waiting (default: ${DEFAULT-VALUE}).")
  int queuePerClient = AdmissionSettings.DEFAULT_MAX_QUEUED_PER_CLIENT;

  @Option(
      names = "--run-memory-fraction",
      paramLabel = "F",
      description = "Share of the heap above --reserved-heap that runs in flight may hold, by their estimates (default: ${DEFAULT-VALUE}).")
  double runMemoryFraction = AdmissionSettings.DEFAULT_HEAP_FRACTION;

  @Option(
      names = "--reserved-heap",
      paramLabel = "MIB",
      description = "Heap kept for everything but runs: model, scenario store, calls (default: ${DEFAULT-VALUE} MiB).")
  long reservedHeapMib = AdmissionSettings.DEFAULT_RESERVED_HEAP_BYTES >> 20;

  @Option(
      names = "--run-memory",
      paramLabel = "MIB",
      description = "Run memory budget in MiB, instead of the share of the heap (default: derived from the heap).")
  long runMemoryMib;

  @Override
  public Integer call() throws Exception {
    if (maxRuns < 1 || queue < 0 || queuePerClient < 0 || !(runMemoryFraction > 0 && runMemoryFraction <= 1)
        || reservedHeapMib < 0 || runMemoryMib < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--max-runs must be >= 1, --queue and --queue-per-client >= 0, --run-memory-fraction in (0, 1],"
              + " --reserved-heap and --run-memory >= 0");
    }
    Limits d = Limits.defaults();
    Limits limits =
        new Limits(d.maxPaths(), d.maxHorizonYear(), d.maxFans(), d.maxPercentiles(), d.maxOverrides(), d.maxJointSets(), d.maxTargets(), maxRuns);
    AdmissionSettings admission =
        AdmissionSettings.defaults()
            .withQueue(queue, queuePerClient)
            .withHeap(runMemoryFraction, reservedHeapMib << 20)
            .withBudget(runMemoryMib << 20);
    ServerConfig config =
        ServerConfig.defaults().withHost(host).withPort(port).withThreads(threads).withSeedsDir(seeds)
            .withLimits(limits).withAdmission(admission);
    if (dataDir != null) {
      config = config.withDataDir(dataDir);
    }
    ChaincastServer server = new ChaincastServer(config).start().stopOnJvmShutdown();
    System.err.println("chaincast: serving on " + host + ":" + server.port() + " (Ctrl-C to stop)");
    server.blockUntilShutdown();
    return 0;
  }
}
