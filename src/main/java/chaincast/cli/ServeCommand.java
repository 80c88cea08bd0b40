package chaincast.cli;

import chaincast.admission.AdmissionSettings;
import chaincast.cluster.ClusterSettings;
import chaincast.run.Limits;
import chaincast.server.ChaincastServer;
import chaincast.server.ConnectionAge;
import chaincast.server.ServerConfig;
import chaincast.server.ServerLogging;
import chaincast.server.ServerSecurity;
import chaincast.server.ServerSetupException;
import chaincast.server.ServerTls;
import chaincast.server.TokenFile;
import chaincast.store.StoreLocation;
import chaincast.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code chaincast serve}: run the gRPC server until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Chaincast gRPC server.",
      "On an address other than loopback it needs TLS (--tls-cert, --tls-key) and authentication",
      "(--token-file or --tls-client-ca), or --insecure."
    })
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = {"--host", "--bind"},
      description =
          "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
  String host = ServerConfig.DEFAULT_HOST;

  @Option(
      names = "--threads",
      description = "Engine threads (default: all cores; results do not depend on it).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--seeds",
      description = "Seed directory (default: the seeds bundled in the jar).")
  Path seeds;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where stored scenarios live (default: $CHAINCAST_DATA_DIR, else ~/.chaincast).")
  Path dataDir;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description = {
        "Where stored scenarios and datasets live: 'h2' (an embedded database in --data-dir, the",
        "default) or a PostgreSQL database that several servers share:",
        "postgresql://USER:PASSWORD@HOST:PORT/DB or jdbc:postgresql://HOST:PORT/DB?user=..&password=..",
        "(default: $CHAINCAST_STORE, else h2)."
      })
  String storeUrl;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Serve TLS with this PEM certificate chain (server certificate first). Needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description =
          "The certificate's private key: PEM, unencrypted PKCS#8 ('BEGIN PRIVATE KEY'), RSA or EC.")
  Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "FILE",
      description =
          "Require client certificates signed by a CA in this PEM file (mutual TLS). Needs --tls-cert.")
  Path tlsClientCa;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = {
        "Require a bearer token on every call but health checks. One token a line:",
        "'NAME ROLES sha256:HEX', roles read, write, admin ('chaincast token' makes one)."
      })
  Path tokenFile;

  @Option(
      names = "--insecure",
      description =
          "Allow a non-loopback --host without TLS and authentication (a trusted network only).")
  boolean insecure;

  @Option(
      names = "--no-reflection",
      negatable = false,
      description = "Do not serve gRPC server reflection.")
  boolean noReflection;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics on http://HOST:PORT/metrics (default: off; 0 for any free port).")
  Integer metricsPort;

  @Option(
      names = "--metrics-host",
      paramLabel = "HOST",
      description =
          "Address the metrics endpoint binds (default: ${DEFAULT-VALUE}; it has no authentication).")
  String metricsHost = ServerConfig.DEFAULT_HOST;

  @Option(
      names = "--no-access-log",
      description =
          "Do not log a line per call (by default each call's request id, method, caller, status and duration go to stderr).")
  boolean noAccessLog;

  @Option(
      names = "--max-runs",
      paramLabel = "N",
      description = "Simulation runs at once; more wait in the queue (default: ${DEFAULT-VALUE}).")
  int maxRuns = Limits.defaults().maxConcurrentRuns();

  @Option(
      names = "--queue",
      paramLabel = "N",
      description =
          "Runs that may wait for a slot or for memory, over all clients; beyond it RESOURCE_EXHAUSTED with a retry delay (default: ${DEFAULT-VALUE}).")
  int queue = AdmissionSettings.DEFAULT_MAX_QUEUED;

  @Option(
      names = "--queue-per-client",
      paramLabel = "N",
      description = "Runs one client may have waiting (default: ${DEFAULT-VALUE}).")
  int queuePerClient = AdmissionSettings.DEFAULT_MAX_QUEUED_PER_CLIENT;

  @Option(
      names = "--run-memory-fraction",
      paramLabel = "F",
      description =
          "Share of the heap above --reserved-heap that runs in flight may hold, by their estimates (default: ${DEFAULT-VALUE}).")
  double runMemoryFraction = AdmissionSettings.DEFAULT_HEAP_FRACTION;

  @Option(
      names = "--reserved-heap",
      paramLabel = "MIB",
      description =
          "Heap kept for everything but runs: model, scenario store, calls (default: ${DEFAULT-VALUE} MiB).")
  long reservedHeapMib = AdmissionSettings.DEFAULT_RESERVED_HEAP_BYTES >> 20;

  @Option(
      names = "--run-memory",
      paramLabel = "MIB",
      description =
          "Run memory budget in MiB, instead of the share of the heap (default: derived from the heap).")
  long runMemoryMib;

  @Option(
      names = "--scenarios-per-client",
      paramLabel = "N",
      description = "Most stored scenarios one client may own (default: ${DEFAULT-VALUE}).")
  long scenariosPerClient = StoreSettings.defaults().maxScenariosPerClient();

  @Option(
      names = "--scenario-bytes-per-client",
      paramLabel = "BYTES",
      description =
          "Most bytes (encoded) one client's stored scenarios may take (default: ${DEFAULT-VALUE}).")
  long scenarioBytesPerClient = StoreSettings.defaults().maxBytesPerClient();

  @Option(
      names = "--max-scenario-bytes",
      paramLabel = "BYTES",
      description =
          "Most bytes (encoded) one stored scenario may take (default: ${DEFAULT-VALUE}).")
  int maxScenarioBytes = StoreSettings.defaults().maxScenarioBytes();

  @Option(
      names = "--scenario-page-bytes",
      paramLabel = "BYTES",
      description =
          "Most bytes of scenarios in one ListScenarios page (default: ${DEFAULT-VALUE}).")
  long scenarioPageBytes = StoreSettings.defaults().maxPageBytes();

  @Option(
      names = "--store-compact-bytes",
      paramLabel = "BYTES",
      description =
          "Compact the scenario database file when it grows above this size and 4x its last compacted size (default: ${DEFAULT-VALUE}).")
  long storeCompactBytes = StoreSettings.defaults().compactAboveBytes();

  @Option(
      names = "--max-connection-age",
      paramLabel = "SECONDS",
      description =
          "Ask each client connection to reconnect after this long, so round-robin clients spread"
              + " over replicas started later (default: ${DEFAULT-VALUE}).")
  long maxConnectionAgeSeconds = ConnectionAge.DEFAULT.maxAge().toSeconds();

  @Option(
      names = "--max-connection-age-grace",
      paramLabel = "SECONDS",
      description =
          "How long calls already running on such a connection may still take (default: ${DEFAULT-VALUE}).")
  long maxConnectionAgeGraceSeconds = ConnectionAge.DEFAULT.grace().toSeconds();

  /** --max-connection-age and its grace, checked. */
  private ConnectionAge connectionAge() {
    try {
      return new ConnectionAge(
          Duration.ofSeconds(maxConnectionAgeSeconds),
          Duration.ofSeconds(maxConnectionAgeGraceSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--max-connection-age and its grace must be positive seconds");
    }
  }

  @Option(
      names = "--cluster",
      split = ",",
      paramLabel = "HOST:PORT",
      description =
          "Join a cluster of servers (Hazelcast, TCP-IP join only) whose members are these, and"
              + " spread runs' blocks over them; without it nothing of the cluster starts.")
  List<String> cluster;

  @Option(
      names = "--cluster-port",
      paramLabel = "PORT",
      description = "This member's cluster port (default: ${DEFAULT-VALUE}).")
  int clusterPort = ClusterSettings.DEFAULT_PORT;

  @Option(
      names = "--cluster-host",
      paramLabel = "IP",
      description =
          "This member's cluster address, an IP of this machine (default: ${DEFAULT-VALUE}).")
  String clusterHost = ServerConfig.DEFAULT_HOST;

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
      throw new ParameterException(
          spec.commandLine(), "the scenario store's limits must be positive: " + e.getMessage());
    }
    store = store.withLocation(storeLocation());
    if (maxRuns < 1
        || queue < 0
        || queuePerClient < 0
        || !(runMemoryFraction > 0 && runMemoryFraction <= 1)
        || reservedHeapMib < 0
        || runMemoryMib < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--max-runs must be >= 1, --queue and --queue-per-client >= 0, --run-memory-fraction in (0, 1],"
              + " --reserved-heap and --run-memory >= 0");
    }
    Limits d = Limits.defaults();
    Limits limits =
        new Limits(
            d.maxPaths(),
            d.maxHorizonYear(),
            d.maxFans(),
            d.maxPercentiles(),
            d.maxOverrides(),
            d.maxJointSets(),
            d.maxTargets(),
            maxRuns);
    AdmissionSettings admission =
        AdmissionSettings.defaults()
            .withQueue(queue, queuePerClient)
            .withHeap(runMemoryFraction, reservedHeapMib << 20)
            .withBudget(runMemoryMib << 20);
    ServerConfig config =
        ServerConfig.defaults()
            .withHost(host)
            .withPort(port)
            .withThreads(threads)
            .withSeedsDir(seeds)
            .withLimits(limits)
            .withAdmission(admission)
            .withStore(store)
            .withConnectionAge(connectionAge());
    if (dataDir != null) {
      config = config.withDataDir(dataDir);
    }
    ServerLogging.forServe(!noAccessLog);
    ChaincastServer server;
    try {
      ServerSecurity security = security();
      security.checkBind(host); // before loading the model: a refusal comes at once
      server = new ChaincastServer(config, security);
      if (cluster != null && !cluster.isEmpty()) {
        server.joinCluster(new ClusterSettings(clusterHost, clusterPort, cluster));
      }
      server.start().stopOnJvmShutdown();
    } catch (ServerSetupException e) {
      Terminal.err.println("chaincast serve: " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    System.err.println("chaincast: serving on " + host + ":" + server.port() + " (Ctrl-C to stop)");
    if (metricsPort != null) {
      int bound = server.startMetricsEndpoint(metricsHost, metricsPort).getPort();
      System.err.println("chaincast: metrics on http://" + metricsHost + ":" + bound + "/metrics");
    }
    server.blockUntilShutdown();
    return 0;
  }

  /** {@code --store}, else {@code $CHAINCAST_STORE}, else H2 in the data directory. */
  private StoreLocation storeLocation() {
    String url = storeUrl;
    String source = "--store";
    if (url == null) {
      url = System.getenv(StoreLocation.ENV);
      source = "$" + StoreLocation.ENV;
    }
    try {
      return StoreLocation.parse(url);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), source + ": " + e.getMessage());
    }
  }

  /** The TLS, token and reflection set-up the options ask for, with every file read and checked. */
  private ServerSecurity security() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--tls-cert and --tls-key go together: give both, or neither for plaintext");
    }
    if (tlsClientCa != null && tlsCert == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--tls-client-ca needs TLS: add --tls-cert FILE --tls-key FILE");
    }
    ServerTls tls = tlsCert == null ? null : ServerTls.load(tlsCert, tlsKey, tlsClientCa);
    return new ServerSecurity(
        tls, tokenFile == null ? null : TokenFile.load(tokenFile), !noReflection, insecure);
  }
}
