package chaincast.cli;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.server.ServerLogging;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaincast serve}: run the gRPC server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Chaincast gRPC server.")
final class ServeCommand implements Callable<Integer> {
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
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Serve Prometheus metrics on http://HOST:PORT/metrics (default: off; 0 for any free port).")
  Integer metricsPort;

  @Option(
      names = "--metrics-host",
      paramLabel = "HOST",
      description = "Address the metrics endpoint binds (default: ${DEFAULT-VALUE}; it has no authentication).")
  String metricsHost = ServerConfig.DEFAULT_HOST;

  @Option(
      names = "--no-access-log",
      description = "Do not log a line per call (by default each call's request id, method, caller, status and duration go to stderr).")
  boolean noAccessLog;

  @Override
  public Integer call() throws Exception {
    ServerConfig config =
        ServerConfig.defaults().withHost(host).withPort(port).withThreads(threads).withSeedsDir(seeds);
    if (dataDir != null) {
      config = config.withDataDir(dataDir);
    }
    ServerLogging.forServe(!noAccessLog);
    ChaincastServer server = new ChaincastServer(config).start().stopOnJvmShutdown();
    System.err.println("chaincast: serving on " + host + ":" + server.port() + " (Ctrl-C to stop)");
    if (metricsPort != null) {
      int bound = server.startMetricsEndpoint(metricsHost, metricsPort).getPort();
      System.err.println("chaincast: metrics on http://" + metricsHost + ":" + bound + "/metrics");
    }
    server.blockUntilShutdown();
    return 0;
  }
}
