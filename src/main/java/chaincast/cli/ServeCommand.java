package chaincast.cli;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.store.StoreSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chaincast serve}: run the gRPC server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Chaincast gRPC server.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
      names = "--scenarios-per-client",
      paramLabel = "N",
      description = "Most stored scenarios one client may own (default: ${DEFAULT-VALUE}).")
  long scenariosPerClient = StoreSettings.defaults().maxScenariosPerClient();

  @Option(
      names = "--scenario-bytes-per-client",
      paramLabel = "BYTES",
      description = "Most bytes (encoded) one client's stored scenarios may take (default: ${DEFAULT-VALUE}).")
  long scenarioBytesPerClient = StoreSettings.defaults().maxBytesPerClient();

  @Option(
      names = "--max-scenario-bytes",
      paramLabel = "BYTES",
      description = "Most bytes (encoded) one stored scenario may take (default: ${DEFAULT-VALUE}).")
  int maxScenarioBytes = StoreSettings.defaults().maxScenarioBytes();

  @Option(
      names = "--scenario-page-bytes",
      paramLabel = "BYTES",
      description = "Most bytes of scenarios in one ListScenarios page (default: ${DEFAULT-VALUE}).")
  long scenarioPageBytes = StoreSettings.defaults().maxPageBytes();

  @Option(
      names = "--store-compact-bytes",
      paramLabel = "BYTES",
      description = "Compact the scenario database file when it grows above this size and 4x its last compacted size (default: ${DEFAULT-VALUE}).")
  long storeCompactBytes = StoreSettings.defaults().compactAboveBytes();

  @Override
  public Integer call() throws Exception {
    StoreSettings store;
    try {
      store =
          StoreSettings.defaults()
              .withQuota(scenariosPerClient, scenarioBytesPerClient)
              .withMaxScenarioBytes(maxScenarioBytes)
              .withMaxPageBytes(scenarioPageBytes)
              .withCompactAboveBytes(storeCompactBytes);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "the scenario store's limits must be positive: " + e.getMessage());
    }
    ServerConfig config =
        ServerConfig.defaults().withHost(host).withPort(port).withThreads(threads).withSeedsDir(seeds).withStore(store);
    if (dataDir != null) {
      config = config.withDataDir(dataDir);
    }
    ChaincastServer server = new ChaincastServer(config).start().stopOnJvmShutdown();
    System.err.println("chaincast: serving on " + host + ":" + server.port() + " (Ctrl-C to stop)");
    server.blockUntilShutdown();
    return 0;
  }
}
