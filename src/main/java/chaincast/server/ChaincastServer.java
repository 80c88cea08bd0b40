package chaincast.server;

import chaincast.api.ModelServiceImpl;
import chaincast.api.ScenarioServiceImpl;
import chaincast.api.SimulationServiceImpl;
import chaincast.api.SimulationSpecValidator;
import chaincast.engine.MonteCarloEngine;
import chaincast.model.Model;
import chaincast.run.SimulationRunner;
import chaincast.seed.ConsistencyAudit;
import chaincast.sensitivity.SensitivityAnalysis;
import chaincast.seed.SeedLoader;
import chaincast.store.LazyScenarioStore;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulationServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Chaincast gRPC server: model browsing, simulation, health and
 * reflection, in the shape of grpc-java's examples ({@link #start()},
 * {@link #stop()}, {@link #blockUntilShutdown()}).
 */
public final class ChaincastServer {
  private static final Logger logger = Logger.getLogger(ChaincastServer.class.getName());

  /** How long running calls get to finish on shutdown before they are cancelled. */
  static final long GRACE_SECONDS = 10;

  private final ServerConfig config;
  private final Model model;
  private final MonteCarloEngine engine;
  private final SimulationServiceImpl simulation;
  private final ScenarioServiceImpl scenarios;
  private final LazyScenarioStore store;
  private final HealthStatusManager health = new HealthStatusManager();
  private Server server;

  public ChaincastServer(ServerConfig config) {
    this(
        config,
        config.seedsDir() == null ? SeedLoader.fromClasspath() : SeedLoader.fromDirectory(config.seedsDir()));
  }

  /** A server over an already loaded model. */
  public ChaincastServer(ServerConfig config, Model model) {
    this.config = config;
    this.model = model;
    this.engine = new MonteCarloEngine(config.threads());
    SimulationRunner runner = new SimulationRunner(model, engine, config.limits());
    SimulationSpecValidator validator = new SimulationSpecValidator(model, config.limits(), runner.planner());
    this.store = new LazyScenarioStore(config.dataDir());
    this.simulation =
        new SimulationServiceImpl(
            runner,
            validator,
            config.limits().maxConcurrentRuns(),
            store,
            new SensitivityAnalysis(model, runner),
            config.limits().maxPaths());
    this.scenarios = new ScenarioServiceImpl(store, validator, runner.planner());
  }

  /** Binds and starts serving; marks every service SERVING. */
  public ChaincastServer start() throws IOException {
    start(NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port())));
    logger.info("Chaincast listening on " + config.host() + ":" + port());
    return this;
  }

  /**
   * Starts serving on {@code builder}'s transport (tests pass an in-process one), with the same
   * services, interceptors and health as {@link #start()}; the config's host and port are not used.
   */
  public ChaincastServer start(ServerBuilder<?> builder) throws IOException {
    TransportLogLimit.install();
    RateLimitedWarning unreadable = ReadableRequests.newWarning();
    server =
        builder
            // Interceptors run in reverse order of adding: the caller is known to the safety net.
            .intercept(new UnexpectedFailureInterceptor())
            .intercept(new CallerInterceptor())
            .addService(ReadableRequests.guard(new ModelServiceImpl(model, ConsistencyAudit.run(model)), unreadable))
            .addService(ReadableRequests.guard(simulation, unreadable))
            .addService(ReadableRequests.guard(scenarios, unreadable))
            .addService(ReadableRequests.guard(health.getHealthService(), unreadable))
            .addService(ReadableRequests.guard(ProtoReflectionServiceV1.newInstance(), unreadable))
            .build()
            .start();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ModelServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(SimulationServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(ScenarioServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  /** Counters of the simulation service. */
  public chaincast.api.RunStats runStats() {
    return simulation.stats();
  }

  /**
   * Stops taking calls, lets running ones finish for {@link #GRACE_SECONDS},
   * then cancels the rest and stops the engine.
   */
  public void stop() throws InterruptedException {
    if (server == null) {
      return;
    }
    // Tell load balancers first, so no new work is routed here.
    health.enterTerminalState();
    server.shutdown();
    if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
      server.shutdownNow();
      server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
    }
    engine.close();
    store.close();
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
