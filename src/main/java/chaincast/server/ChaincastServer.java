package chaincast.server;

import chaincast.admission.AdmissionQueue;
import chaincast.api.CalibrationServiceImpl;
import chaincast.api.DatasetServiceImpl;
import chaincast.api.ModelServiceImpl;
import chaincast.api.RunStats;
import chaincast.api.ScenarioServiceImpl;
import chaincast.api.SimulationServiceImpl;
import chaincast.api.SimulationSpecValidator;
import chaincast.api.SweepServiceImpl;
import chaincast.cluster.ClusterNode;
import chaincast.cluster.ClusterSettings;
import chaincast.cluster.Identity;
import chaincast.engine.MemoryFootprint;
import chaincast.engine.MonteCarloEngine;
import chaincast.metrics.MetricsEndpoint;
import chaincast.metrics.ServerMetrics;
import chaincast.model.Model;
import chaincast.run.ProjectionPlanner;
import chaincast.run.SimulationRunner;
import chaincast.seed.ConsistencyAudit;
import chaincast.seed.SeedLoader;
import chaincast.sensitivity.SensitivityAnalysis;
import chaincast.store.ResilientScenarioStore;
import chaincast.store.StoreException;
import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SweepServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Chaincast gRPC server: model browsing, simulation, health and reflection, in the shape of
 * grpc-java's examples ({@link #start()}, {@link #stop()}, {@link #blockUntilShutdown()}).
 */
public final class ChaincastServer {
  private static final Logger logger = Logger.getLogger(ChaincastServer.class.getName());

  /** How long running calls get to finish on shutdown before they are cancelled. */
  static final long GRACE_SECONDS = 10;

  private final ServerConfig config;
  private final ServerSecurity security;
  private final Model model;
  private final MonteCarloEngine engine;
  private final SimulationServiceImpl simulation;
  private final ScenarioServiceImpl scenarios;
  private final SweepServiceImpl sweeps;
  private final DatasetServiceImpl datasets;
  private final ResilientScenarioStore store;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ServerMetrics metrics = new ServerMetrics();
  private Server server;
  private MetricsEndpoint metricsEndpoint;

  /** The planner of this server's runs (a cluster member plans others' requests with it too). */
  private final ProjectionPlanner planner;

  /** This server as a cluster member, or null (no {@code --cluster}: nothing of it starts). */
  private ClusterNode cluster;

  public ChaincastServer(ServerConfig config) {
    this(config, ServerSecurity.NONE);
  }

  /** A server with TLS, tokens and reflection as {@code security} says. */
  public ChaincastServer(ServerConfig config, ServerSecurity security) {
    this(
        config,
        config.seedsDir() == null
            ? SeedLoader.fromClasspath()
            : SeedLoader.fromDirectory(config.seedsDir()),
        security);
  }

  /** A server over an already loaded model, plaintext and open (loopback only). */
  public ChaincastServer(ServerConfig config, Model model) {
    this(config, model, ServerSecurity.NONE);
  }

  /** A server over an already loaded model, with {@code security}. */
  public ChaincastServer(ServerConfig config, Model model, ServerSecurity security) {
    this.config = config;
    this.security = security;
    this.model = model;
    this.engine = new MonteCarloEngine(config.threads());
    SimulationRunner runner = new SimulationRunner(model, engine, config.limits());
    this.planner = runner.planner();
    this.store = new ResilientScenarioStore(config.dataDir(), config.store());
    // ScenarioService's and DatasetService's health follows the store: NOT_SERVING while it is
    // being reopened after a failure, SERVING again once it is open (the listener is told the
    // current state at once).
    store.addListener(
        available -> {
          ServingStatus status = available ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
          health.setStatus(ScenarioServiceGrpc.SERVICE_NAME, status);
          health.setStatus(DatasetServiceGrpc.SERVICE_NAME, status);
        });
    this.datasets = new DatasetServiceImpl(store, model, config.store(), metrics);
    // Runs of scenarios that name a dataset calibrate from it.
    runner.planner().useDatasets(datasets::find);
    SimulationSpecValidator validator =
        new SimulationSpecValidator(model, config.limits(), runner.planner(), datasets::exists);
    long budget = config.admission().budget(Runtime.getRuntime().maxMemory());
    AdmissionQueue admission =
        new AdmissionQueue(
            budget,
            config.limits().maxConcurrentRuns(),
            config.admission().maxQueued(),
            config.admission().maxQueuedPerClient(),
            System::nanoTime);
    logger.info(
        "runs: at most "
            + config.limits().maxConcurrentRuns()
            + " at once within "
            + MemoryFootprint.mebibytes(budget)
            + " of heap (of "
            + MemoryFootprint.mebibytes(Runtime.getRuntime().maxMemory())
            + "), "
            + config.admission().maxQueued()
            + " waiting ("
            + config.admission().maxQueuedPerClient()
            + " per client)");
    this.simulation =
        new SimulationServiceImpl(
            runner,
            validator,
            admission,
            store,
            new SensitivityAnalysis(model, runner),
            config.limits().maxPaths(),
            metrics);
    this.sweeps =
        new SweepServiceImpl(runner, validator, admission, store, config.limits().maxPaths());
    this.scenarios =
        new ScenarioServiceImpl(store, validator, runner.planner(), config.store(), metrics);
    metrics.bindPathsSimulated(engine, MonteCarloEngine::pathsSimulated);
    metrics.bindRunsActive(simulation.stats(), RunStats::active);
    metrics.bindRunsQueued(admission, AdmissionQueue::queued);
    metrics.bindRunMemory(admission, AdmissionQueue::reservedBytes, AdmissionQueue::budgetBytes);
  }

  /**
   * Binds and starts serving; marks the services SERVING (ScenarioService's health follows its
   * store).
   *
   * @throws ServerSetupException when the address is not loopback and the server would be
   *     unprotected (see {@link ServerSecurity#checkBind})
   */
  public ChaincastServer start() throws IOException {
    NettyServerBuilder builder;
    try {
      security.checkBind(config.host());
      openSharedStore();
      builder =
          transport(new InetSocketAddress(config.host(), config.port()))
              .maxConnectionAge(config.connectionAge().maxAge().toNanos(), TimeUnit.NANOSECONDS)
              .maxConnectionAgeGrace(
                  config.connectionAge().grace().toNanos(), TimeUnit.NANOSECONDS);
    } catch (ServerSetupException e) {
      // Nothing was bound; release what the constructor made, since stop() will not be called.
      leaveCluster();
      engine.close();
      store.close();
      throw e;
    }
    start(builder);
    logger.info(
        "Chaincast listening on "
            + config.host()
            + ":"
            + port()
            + " ("
            + security.describe()
            + ")");
    if (security.insecure()
        && !ServerSecurity.isLoopback(config.host())
        && (security.tls() == null || !security.authenticates())) {
      String risk =
          security.authenticates()
              ? "TLS: tokens cross the network in clear text"
              : "authentication: anyone who can reach it may call every RPC";
      logger.warning(
          "--insecure: listening on " + config.host() + ":" + port() + " without " + risk);
    }
    if (security.tls() != null) {
      security.tls().warnings().forEach(logger::warning);
    }
    return this;
  }

  /**
   * A PostgreSQL store is opened before the server listens, so that a database that cannot be
   * reached (or migrated) stops {@code serve} with the reason instead of failing every scenario
   * call. The embedded H2 store still opens on first use (see {@link ResilientScenarioStore}).
   */
  private void openSharedStore() {
    if (!config.store().location().isPostgres()) {
      return;
    }
    try {
      store.openNow();
    } catch (StoreException e) {
      throw new ServerSetupException(e.getMessage(), e);
    }
  }

  /**
   * Starts serving on {@code builder}'s transport (tests pass an in-process one), with the same
   * services, interceptors and health as {@link #start()}; the config's host and port are not used.
   */
  public ChaincastServer start(ServerBuilder<?> builder) throws IOException {
    TransportLogLimit.install();
    RateLimitedWarning unreadable = ReadableRequests.newWarning();
    builder
        // Interceptors run in reverse order of adding. The access log and metrics run first and
        // see every call, those refused by the others too; then the caller is named (token or
        // peer), so the safety net that turns unexpected failures into INTERNAL knows it.
        .intercept(new UnexpectedFailureInterceptor())
        .intercept(
            security.tokens() == null
                ? new CallerInterceptor()
                : new AuthInterceptor(security.tokens()))
        .intercept(new CallObserver(metrics, new AccessLog()))
        .addService(
            ReadableRequests.guard(
                new ModelServiceImpl(model, ConsistencyAudit.run(model)), unreadable))
        .addService(ReadableRequests.guard(simulation, unreadable))
        .addService(ReadableRequests.guard(scenarios, unreadable))
        .addService(ReadableRequests.guard(sweeps, unreadable))
        .addService(ReadableRequests.guard(datasets, unreadable))
        // Datasets named by id come from the scenario store; inline points work as well.
        .addService(
            ReadableRequests.guard(new CalibrationServiceImpl(model, datasets::find), unreadable))
        .addService(ReadableRequests.guard(health.getHealthService(), unreadable));
    if (security.reflection()) {
      builder.addService(
          ReadableRequests.guard(ProtoReflectionServiceV1.newInstance(), unreadable));
    }
    server = builder.build().start();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ModelServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(SimulationServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(CalibrationServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(SweepServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    return this;
  }

  /** A Netty builder for {@code address}: with the TLS credentials, or plaintext. */
  private NettyServerBuilder transport(InetSocketAddress address) {
    if (security.tls() == null) {
      return NettyServerBuilder.forAddress(address);
    }
    try {
      return NettyServerBuilder.forAddress(address, security.tls().credentials());
    } catch (IllegalArgumentException e) {
      // PemFiles checked the files; this is Netty refusing them all the same.
      throw new ServerSetupException("the TLS files cannot be used: " + e.getMessage(), e);
    }
  }

  /** The services this server serves, for tests that check every method has a role. */
  List<ServerServiceDefinition> services() {
    return server.getServices();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  /** The server's meters (what {@link #startMetricsEndpoint} serves). */
  public ServerMetrics metrics() {
    return metrics;
  }

  /**
   * Serves the metrics in the Prometheus text format on {@code http://host:port/metrics} until
   * {@link #stop()}.
   *
   * @param port 0 for any free port
   * @return the bound address
   * @throws IOException if the address cannot be bound
   */
  public synchronized InetSocketAddress startMetricsEndpoint(String host, int port)
      throws IOException {
    if (metricsEndpoint != null) {
      throw new IllegalStateException(
          "the metrics endpoint is already serving on " + metricsEndpoint.address());
    }
    metricsEndpoint = MetricsEndpoint.start(metrics, new InetSocketAddress(host, port));
    logger.info(
        "metrics on http://"
            + host
            + ":"
            + metricsEndpoint.address().getPort()
            + MetricsEndpoint.PATH);
    return metricsEndpoint.address();
  }

  /** The dataset service, whose {@link DatasetServiceImpl#find} gives runs their datasets. */
  public DatasetServiceImpl datasets() {
    return datasets;
  }

  /** Counters of the simulation service. */
  public RunStats runStats() {
    return simulation.stats();
  }

  /**
   * Makes this server a member of a cluster (call before {@link #start()}): it runs the blocks
   * other members send, and spreads the blocks of its own runs over the members.
   *
   * @param settings where to bind and whom to join
   * @return this server
   * @throws ServerSetupException when the member cannot start (its port taken, say)
   */
  public ChaincastServer joinCluster(ClusterSettings settings) {
    ClusterNode node;
    try {
      node = ClusterNode.start(settings, Identity.of(model));
    } catch (RuntimeException e) {
      engine.close();
      store.close();
      throw new ServerSetupException(
          "cannot join the cluster as "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    node.serve(engine, planner);
    engine.distributeWith(node.scheduler());
    this.cluster = node;
    logger.info(
        "cluster: member "
            + settings.host()
            + ":"
            + settings.port()
            + " of "
            + node.instance().getCluster().getMembers().size()
            + ", model "
            + node.identity().modelDigest().substring(0, 12)
            + ", engine "
            + node.identity().engineVersion().substring(0, 12));
    return this;
  }

  /** This server's cluster member, or null when it runs alone. */
  public ClusterNode cluster() {
    return cluster;
  }

  /**
   * Stops taking calls, lets running ones finish for {@link #GRACE_SECONDS}, then cancels the rest
   * and stops the engine.
   */
  public void stop() throws InterruptedException {
    if (server == null) {
      leaveCluster();
      closeMetrics();
      return;
    }
    // Tell load balancers first, so no new work is routed here.
    health.enterTerminalState();
    server.shutdown();
    if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
      server.shutdownNow();
      server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
    }
    leaveCluster();
    engine.close();
    store.close();
    closeMetrics();
  }

  private void leaveCluster() {
    if (cluster != null) {
      engine.distributeWith(null);
      cluster.close();
      cluster = null;
    }
  }

  private synchronized void closeMetrics() {
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
      metricsEndpoint = null;
    }
    metrics.close();
  }

  /** Blocks until the server terminates. */
  public void blockUntilShutdown() throws InterruptedException {
    if (server != null) {
      server.awaitTermination();
    }
  }

  /** Stops the server when the JVM is asked to exit (Ctrl-C, SIGTERM). */
  public ChaincastServer stopOnJvmShutdown() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Use stderr here since the logger may have been reset by its own hook.
                  System.err.println("chaincast: shutting down gRPC server");
                  try {
                    stop();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    return this;
  }
}
