package chaincast.fuzz;

import chaincast.run.Limits;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.CreateDatasetResponse;
import chaincast.v1.CreateScenarioResponse;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.DeleteDatasetRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.GetDatasetResponse;
import chaincast.v1.GetScenarioResponse;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListDatasetsResponse;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.TargetKind;
import chaincast.v1.UpdateScenarioRequest;
import chaincast.v1.UpdateScenarioResponse;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded property-based fuzz of every RPC of every service: each request is a valid one with a
 * few fields mutated (see {@link Mutator}), and each answer must be one the request earned (see
 * {@link Verdict}). The same seed sends the same requests (their outcomes can differ only where
 * concurrent workers race on stored scenarios).
 *
 * <p>The long run, against a server in this JVM on a loopback port: {@code java -cp
 * target/chaincast.jar chaincast.fuzz.ApiFuzz [REQUESTS] [SEED] [WORKERS]}.
 */
public final class ApiFuzz {
  /**
   * Limits of the server the fuzz runs against: a valid request stays cheap (so thousands run in
   * seconds) and larger values exercise the limits' own violations.
   */
  public static final Limits LIMITS = new Limits(500, 2035, 50, 20, 500, 50, 500, 4);

  /** Deadline of one fuzzed call: a safety net, far above what any call here needs. */
  private static final long CALL_DEADLINE_SECONDS = 120;

  /** Most failures a report keeps word for word. */
  private static final int KEPT_FAILURES = 50;

  private final Channel channel;
  private final List<MethodDescriptor<Message, Message>> methods;
  private final BaseRequests base;
  private final Mutator mutator;
  private final ScenarioPool pool = new ScenarioPool();
  private final ScenarioPool datasets = new ScenarioPool();

  /** Statuses per method: method -> code -> count. */
  private final Map<String, Map<Status.Code, AtomicLong>> outcomes = new ConcurrentHashMap<>();

  /** Time spent per method, in nanoseconds. */
  private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();

  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong failureCount = new AtomicLong();

  /** A fuzz over {@code channel}, which must reach a Chaincast server with the seeded model. */
  public ApiFuzz(Channel channel) {
    this.channel = channel;
    this.methods = allMethods();
    List<String> ids = modelIds(channel);
    this.base = new BaseRequests(pool, datasets, countTarget(channel));
    this.mutator = new Mutator(new FuzzValues(ids));
  }

  /** What a run did. */
  public record Report(
      long requests,
      long millis,
      Map<String, Map<Status.Code, Long>> outcomes,
      Map<String, Long> millisPerMethod,
      long failureCount,
      List<String> failures) {

    /** Requests answered with {@code code}, over every method. */
    public long count(Status.Code code) {
      return outcomes.values().stream().mapToLong(m -> m.getOrDefault(code, 0L)).sum();
    }

    /** A table of statuses per method, and the totals. */
    public String summary() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "%,d requests in %.1f s (%,.0f/s), %d failures%n",
              requests, millis / 1000.0, requests * 1000.0 / Math.max(1, millis), failureCount));
      for (Map.Entry<String, Map<Status.Code, Long>> e : outcomes.entrySet()) {
        out.append(
            String.format(
                "  %-48s %6.1f s  %s%n",
                e.getKey(), millisPerMethod.getOrDefault(e.getKey(), 0L) / 1000.0, e.getValue()));
      }
      Map<Status.Code, Long> totals = new TreeMap<>();
      outcomes.values().forEach(m -> m.forEach((c, n) -> totals.merge(c, n, Long::sum)));
      out.append("  total ").append(totals).append('\n');
      failures.forEach(f -> out.append("  FAILURE ").append(f).append('\n'));
      return out.toString();
    }
  }

  /**
   * Sends {@code requests} fuzzed requests from {@code workers} threads; the seed fixes what is
   * sent.
   */
  public Report run(long requests, long seed, int workers) throws InterruptedException {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        long share = requests / workers + (w < requests % workers ? 1 : 0);
        done.add(pool.submit(() -> work(worker, share, new SplittableRandom(seed * 31 + worker))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a fuzz worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Map<String, Map<Status.Code, Long>> counts = new TreeMap<>();
    outcomes.forEach(
        (m, byCode) -> {
          Map<Status.Code, Long> c = new TreeMap<>();
          byCode.forEach((code, n) -> c.put(code, n.get()));
          counts.put(m, c);
        });
    long total =
        counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    Map<String, Long> time = new TreeMap<>();
    nanos.forEach((m, n) -> time.put(m, n.get() / 1_000_000));
    return new Report(total, millis, counts, time, failureCount.get(), List.copyOf(failures));
  }

  private void work(int worker, long requests, SplittableRandom r) {
    for (long i = 0; i < requests; i++) {
      MethodDescriptor<Message, Message> method = methods.get(r.nextInt(methods.size()));
      Message valid = base.forMethod(method.getFullMethodName(), worker, r);
      boolean mutate = r.nextInt(10) != 0;
      Mutator.Mutated request =
          mutate
              ? mutator.mutate(valid, r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(2), r)
              : new Mutator.Mutated(valid, List.of());
      send(method, request);
    }
  }

  private void send(MethodDescriptor<Message, Message> method, Mutator.Mutated request) {
    Status status;
    Metadata trailers;
    long started = System.nanoTime();
    try {
      Message response = call(method, request.message());
      remember(request.message(), response);
      status = Status.OK;
      trailers = new Metadata();
    } catch (StatusRuntimeException e) {
      status = e.getStatus();
      trailers = e.getTrailers() == null ? new Metadata() : e.getTrailers();
    }
    nanos
        .computeIfAbsent(method.getFullMethodName(), k -> new AtomicLong())
        .addAndGet(System.nanoTime() - started);
    outcomes
        .computeIfAbsent(method.getFullMethodName(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(status.getCode(), k -> new AtomicLong())
        .incrementAndGet();
    String problem = Verdict.check(status, trailers, request.paths());
    if (problem == null
        && request.paths().isEmpty()
        && status.getCode() == Status.Code.INVALID_ARGUMENT) {
      problem = "a valid request was refused: " + status.getDescription();
    }
    if (problem != null) {
      failureCount.incrementAndGet();
      if (failures.size() < KEPT_FAILURES) {
        failures.add(
            method.getFullMethodName()
                + " "
                + request.paths()
                + ": "
                + problem
                + " | request: "
                + clip(request.message().toString()));
      }
    }
  }

  private Message call(MethodDescriptor<Message, Message> method, Message request) {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
      Iterator<Message> answers =
          ClientCalls.blockingServerStreamingCall(channel, method, options, request);
      Message last = null;
      while (answers.hasNext()) {
        last = answers.next();
      }
      return last;
    }
    return ClientCalls.blockingUnaryCall(channel, method, options, request);
  }

  /** Keeps the scenario pool in step with what the server stored. */
  private void remember(Message request, Message response) {
    if (response instanceof CreateScenarioResponse r) {
      pool.stored(r.getScenario().getId(), r.getScenario().getEtag());
    } else if (response instanceof UpdateScenarioResponse r) {
      pool.stored(r.getScenario().getId(), r.getScenario().getEtag());
    } else if (response instanceof GetScenarioResponse r) {
      pool.stored(r.getScenario().getId(), r.getScenario().getEtag());
    } else if (response instanceof ListScenariosResponse r) {
      pool.pageToken(r.getNextPageToken());
    } else if (request instanceof DeleteScenarioRequest d) {
      pool.deleted(d.getScenarioId());
    } else if (response instanceof CreateDatasetResponse r) {
      datasets.stored(r.getDataset().getId(), r.getDataset().getEtag());
    } else if (response instanceof GetDatasetResponse r) {
      datasets.stored(r.getDataset().getId(), r.getDataset().getEtag());
    } else if (response instanceof ListDatasetsResponse r) {
      datasets.pageToken(r.getNextPageToken());
    } else if (request instanceof DeleteDatasetRequest d) {
      datasets.deleted(d.getDatasetId());
    } else if (request instanceof UpdateScenarioRequest) {
      return; // answered above
    }
  }

  private static String clip(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= 300 ? one : one.substring(0, 300) + "…";
  }

  @SuppressWarnings("unchecked")
  private static List<MethodDescriptor<Message, Message>> allMethods() {
    List<MethodDescriptor<Message, Message>> out = new ArrayList<>();
    for (ServiceDescriptor service :
        List.of(
            ModelServiceGrpc.getServiceDescriptor(),
            SimulationServiceGrpc.getServiceDescriptor(),
            ScenarioServiceGrpc.getServiceDescriptor(),
            DatasetServiceGrpc.getServiceDescriptor(),
            CalibrationServiceGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> m : service.getMethods()) {
        out.add((MethodDescriptor<Message, Message>) m);
      }
    }
    out.sort((a, b) -> a.getFullMethodName().compareTo(b.getFullMethodName()));
    return out;
  }

  /**
   * Every id of the model (cells, count cells, chains, regions, plans, targets): the valid strings.
   */
  private static List<String> modelIds(Channel channel) {
    var model = ModelServiceGrpc.newBlockingStub(channel);
    List<String> ids = new ArrayList<>();
    var cells = model.listCells(ListCellsRequest.getDefaultInstance());
    cells.getCellsList().forEach(c -> ids.add(c.getId()));
    cells.getCountCellsList().forEach(c -> ids.add(c.getId()));
    model
        .listChains(ListChainsRequest.getDefaultInstance())
        .getChainsList()
        .forEach(c -> ids.add(c.getId()));
    model
        .listRegions(ListRegionsRequest.getDefaultInstance())
        .getRegionsList()
        .forEach(r -> ids.add(r.getId()));
    model
        .listPlans(ListPlansRequest.getDefaultInstance())
        .getPlansList()
        .forEach(p -> ids.add(p.getId()));
    model
        .listTargets(ListTargetsRequest.getDefaultInstance())
        .getTargetsList()
        .forEach(t -> ids.add(t.getId()));
    ids.add("plant");
    ids.add("dip");
    return ids;
  }

  /**
   * A simulated count target with one count cell, so its tornado stays small: the ETDZ's firms
   * above size.
   */
  private static String countTarget(Channel channel) {
    String id = "pharma-firms-above-size-2025-etdz";
    return ModelServiceGrpc.newBlockingStub(channel)
        .listTargets(
            ListTargetsRequest.newBuilder()
                .setKind(TargetKind.TARGET_KIND_COUNT)
                .setSimulatedOnly(true)
                .build())
        .getTargetsList()
        .stream()
        .filter(t -> t.getId().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the seeds have no count target " + id))
        .getId();
  }

  /**
   * Runs the fuzz against a fresh server in this JVM (scenario store in a temporary directory).
   * Arguments: requests (default 100,000), seed (default 1), workers (default 4).
   */
  public static void main(String[] args) throws Exception {
    long requests = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path dataDir = Files.createTempDirectory("chaincast-fuzz");
    ChaincastServer server =
        new ChaincastServer(
                ServerConfig.defaults().withPort(0).withLimits(LIMITS).withDataDir(dataDir))
            .start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    Report report;
    try {
      report = new ApiFuzz(channel).run(requests, seed, workers);
    } finally {
      channel.shutdownNow();
      server.stop();
    }
    System.out.print(report.summary());
    System.exit(report.failureCount() == 0 ? 0 : 1);
  }
}
