package chaincast.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters, in one Micrometer registry that renders as Prometheus text.
 *
 * <p>Micrometer names are dotted; the Prometheus registry turns {@code
 * chaincast.rpc.server.duration} (a timer) into {@code
 * chaincast_rpc_server_duration_seconds_bucket/_count/_sum}, a counter {@code chaincast.paths} into
 * {@code chaincast_paths_total}, and a gauge {@code chaincast.runs.active} into {@code
 * chaincast_runs_active}. README, "Observability", lists every one.
 *
 * <p>Every server keeps its own registry, so two servers in one JVM (tests) never mix counts.
 * Collecting is cheap (a few atomic adds per call); only {@link MetricsEndpoint} exposes it.
 */
public final class ServerMetrics implements AutoCloseable {
  /** Duration of every RPC the server answered, tagged {@code method} and {@code code}. */
  public static final String RPC_DURATION = "chaincast.rpc.server.duration";

  /** Runs holding an admission slot now. */
  public static final String RUNS_ACTIVE = "chaincast.runs.active";

  /** Runs waiting in the admission queue. */
  public static final String RUNS_QUEUED = "chaincast.runs.queued";

  /** Bytes reserved by runs in flight against the run memory budget. */
  public static final String RUN_MEMORY_RESERVED = "chaincast.run.memory.reserved";

  /** The run memory budget. */
  public static final String RUN_MEMORY_BUDGET = "chaincast.run.memory.budget";

  /** Paths the engine has simulated; a paired (Compare, Sensitivity) path counts once per side. */
  public static final String PATHS = "chaincast.paths";

  /** Wall time of each admitted run, tagged {@code kind} and {@code outcome}. */
  public static final String RUN_DURATION = "chaincast.run.duration";

  /** Latency of each scenario-store call, tagged {@code operation} and {@code outcome}. */
  public static final String STORE_DURATION = "chaincast.store.operation.duration";

  /** Histogram buckets of RPCs: browse calls take about a millisecond, large runs minutes. */
  private static final Duration[] RPC_BUCKETS =
      buckets(
          0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
          120, 300);

  /** Histogram buckets of runs: a small run takes tens of milliseconds, the largest minutes. */
  private static final Duration[] RUN_BUCKETS =
      buckets(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);

  /** Histogram buckets of store calls: an embedded database answers in micro- to milliseconds. */
  private static final Duration[] STORE_BUCKETS =
      buckets(
          0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
  private final HeapPeak heapPeak = new HeapPeak();

  /** A registry with the JVM's heap, GC, thread, class, CPU and uptime meters bound. */
  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    heapPressure.bindTo(registry);
    heapPeak.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The registry, for meters of a part this class does not know about. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Records one finished RPC.
   *
   * @param method the full method name, e.g. {@code chaincast.v1.ModelService/ListPlans}
   * @param code the status code's name the call ended with, e.g. {@code OK}, {@code CANCELLED}
   */
  public void recordRpc(String method, String code, long nanos) {
    Timer.builder(RPC_DURATION)
        .description("Duration of RPCs the server answered, by method and status code")
        .tags("method", method, "code", code)
        .serviceLevelObjectives(RPC_BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records one admitted run.
   *
   * @param kind what ran: {@code simulation}, {@code comparison}, {@code sensitivity_analysis}
   * @param outcome {@code completed}, {@code cancelled} (by the client or its deadline) or {@code
   *     failed}
   */
  public void recordRun(String kind, String outcome, long nanos) {
    Timer.builder(RUN_DURATION)
        .description("Wall time of admitted runs, by kind and outcome")
        .tags("kind", kind, "outcome", outcome)
        .serviceLevelObjectives(RUN_BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs one scenario-store call and records its latency, whatever it ends with.
   *
   * <p>Outcome {@code ok} when it returns, {@code refused} when it throws one of {@code refusals}
   * (a store's answer such as "not found" or "stale etag"), {@code failed} for anything else.
   *
   * @param operation {@code create}, {@code get}, {@code list}, {@code update} or {@code delete}
   */
  @SafeVarargs
  public final <T> T timeStore(
      String operation, Supplier<T> call, Class<? extends RuntimeException>... refusals) {
    long started = System.nanoTime();
    String outcome = "failed";
    try {
      T result = call.get();
      outcome = "ok";
      return result;
    } catch (RuntimeException e) {
      for (Class<? extends RuntimeException> refusal : refusals) {
        if (refusal.isInstance(e)) {
          outcome = "refused";
        }
      }
      throw e;
    } finally {
      Timer.builder(STORE_DURATION)
          .description("Latency of scenario-store calls, by operation and outcome")
          .tags("operation", operation, "outcome", outcome)
          .serviceLevelObjectives(STORE_BUCKETS)
          .register(registry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /** Exports {@code active} as {@code chaincast_runs_active}. */
  public <T> void bindRunsActive(T source, ToDoubleFunction<T> active) {
    Gauge.builder(RUNS_ACTIVE, source, active)
        .description("Runs holding an admission slot (running on the engine) now")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Exports {@code queued} as {@code chaincast_runs_queued}: runs waiting in the admission queue.
   */
  public <T> void bindRunsQueued(T source, ToDoubleFunction<T> queued) {
    Gauge.builder(RUNS_QUEUED, source, queued)
        .description("Runs waiting in the admission queue now")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Exports the admission budget: {@code chaincast_run_memory_reserved_bytes} (what the runs in
   * flight reserved by their estimates) and {@code chaincast_run_memory_budget_bytes} (the most
   * they may reserve together).
   */
  public <T> void bindRunMemory(
      T source, ToDoubleFunction<T> reserved, ToDoubleFunction<T> budget) {
    Gauge.builder(RUN_MEMORY_RESERVED, source, reserved)
        .description("Bytes the runs in flight reserved against the run memory budget")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    Gauge.builder(RUN_MEMORY_BUDGET, source, budget)
        .description("The most bytes runs in flight may reserve together")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Exports a running total of simulated paths as {@code chaincast_paths_total}. The registry holds
   * {@code source} weakly: the caller keeps it alive (the server holds its engine).
   */
  public <T> void bindPathsSimulated(T source, ToDoubleFunction<T> paths) {
    FunctionCounter.builder(PATHS, source, paths)
        .description(
            "Paths simulated by the engine; a paired path (Compare, Sensitivity) counts once per side")
        .register(registry);
  }

  /** Stops the JVM listeners the binders registered (GC notifications). */
  @Override
  public void close() {
    gc.close();
    heapPressure.close();
    heapPeak.close();
    registry.close();
  }

  private static Duration[] buckets(double... seconds) {
    Duration[] d = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      d[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
    }
    return d;
  }
}
