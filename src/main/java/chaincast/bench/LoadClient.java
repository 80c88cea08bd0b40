package chaincast.bench;

import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.GetAuditRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.UpdateScenarioRequest;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One simulated client: until its stop time, picks a step of the mix (a browse call, a small
 * Simulate, or the next step of its own scenario's create, get, update, list, delete cycle), makes
 * it with a deadline and records its status and latency, from the start of the measured window on.
 * A refusal that carries {@code google.rpc.RetryInfo} is honoured: the client waits the delay it
 * names (at most {@value #MAX_RETRY_WAIT_MS} ms) before its next call, as a well behaved client
 * would.
 */
final class LoadClient implements Runnable {
  static final long MAX_RETRY_WAIT_MS = 5_000;
  private static final List<LoadRpc> BROWSE = List.copyOf(LoadRpc.BROWSE);
  private static final int PAGE_SIZE = 20;

  private final LoadTest.Settings settings;
  private final Channel channel;
  private final String idPrefix;
  private final long measureFrom;
  private final long stopAt;
  private final SplittableRandom random;
  private final LoadTally tally = new LoadTally();
  private long retryDelayMs;
  // The scenario cycle: the id in play, its etag, and the next step (0 create ... 4 delete).
  private int scenarioSerial;
  private String scenarioId;
  private String etag;
  private int scenarioStep;

  LoadClient(
      LoadTest.Settings settings,
      Channel channel,
      String idPrefix,
      long seed,
      long measureFrom,
      long stopAt) {
    this.settings = settings;
    this.channel = channel;
    this.idPrefix = idPrefix;
    this.random = new SplittableRandom(seed);
    this.measureFrom = measureFrom;
    this.stopAt = stopAt;
  }

  LoadTally tally() {
    return tally;
  }

  @Override
  public void run() {
    while (System.nanoTime() < stopAt || tally.calls() < settings.minSteps()) {
      switch (settings.pick(random)) {
        case BROWSE -> browse(BROWSE.get(random.nextInt(BROWSE.size())));
        case SIMULATE -> simulate();
        case SCENARIO -> scenarioStep();
      }
      waitIfAsked();
    }
    if (scenarioStep > 0) { // leave no scenario behind; not measured
      try {
        scenarios()
            .deleteScenario(DeleteScenarioRequest.newBuilder().setScenarioId(scenarioId).build());
      } catch (StatusRuntimeException e) {
        // the server is going or the scenario is gone: nothing to clean up
      }
    }
  }

  private ModelServiceGrpc.ModelServiceBlockingStub model() {
    return ModelServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(settings.deadlineSeconds(), TimeUnit.SECONDS);
  }

  private ScenarioServiceGrpc.ScenarioServiceBlockingStub scenarios() {
    return ScenarioServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(settings.deadlineSeconds(), TimeUnit.SECONDS);
  }

  private void browse(LoadRpc rpc) {
    var m = model();
    call(
        rpc,
        switch (rpc) {
          case LIST_REGIONS -> () -> m.listRegions(ListRegionsRequest.getDefaultInstance());
          case LIST_CHAINS -> () -> m.listChains(ListChainsRequest.getDefaultInstance());
          case LIST_PLANS -> () -> m.listPlans(ListPlansRequest.getDefaultInstance());
          case LIST_TARGETS -> () -> m.listTargets(ListTargetsRequest.getDefaultInstance());
          case LIST_ACTUALS -> () -> m.listActuals(ListActualsRequest.getDefaultInstance());
          case LIST_CELLS -> () -> m.listCells(ListCellsRequest.getDefaultInstance());
          case GET_AUDIT -> () -> m.getAudit(GetAuditRequest.getDefaultInstance());
          default -> throw new IllegalArgumentException(rpc + " is not a browse call");
        });
  }

  private void simulate() {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setPaths(settings.simulatePaths())
            .setSeed(random.nextLong())
            .build();
    call(
        LoadRpc.SIMULATE,
        () ->
            SimulationServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.deadlineSeconds(), TimeUnit.SECONDS)
                .simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
  }

  /** The next step of the scenario cycle; a failed step ends the cycle (deleting what it made). */
  private void scenarioStep() {
    var s = scenarios();
    Object answer =
        switch (scenarioStep) {
          case 0 -> create(s);
          case 1 ->
              call(
                  LoadRpc.GET_SCENARIO,
                  () ->
                      s.getScenario(
                              GetScenarioRequest.newBuilder().setScenarioId(scenarioId).build())
                          .getScenario());
          case 2 -> {
            Scenario changed =
                Scenario.newBuilder()
                    .setId(scenarioId)
                    .setEtag(etag)
                    .setName(LocalizedName.newBuilder().setEn("load " + scenarioId + " (updated)"))
                    .build();
            yield call(
                LoadRpc.UPDATE_SCENARIO,
                () ->
                    s.updateScenario(
                            UpdateScenarioRequest.newBuilder().setScenario(changed).build())
                        .getScenario());
          }
          case 3 ->
              call(
                  LoadRpc.LIST_SCENARIOS,
                  () ->
                      s.listScenarios(
                          ListScenariosRequest.newBuilder().setPageSize(PAGE_SIZE).build()));
          default ->
              call(
                  LoadRpc.DELETE_SCENARIO,
                  () ->
                      s.deleteScenario(
                          DeleteScenarioRequest.newBuilder()
                              .setScenarioId(scenarioId)
                              .setEtag(etag)
                              .build()));
        };
    advance(answer);
  }

  private Scenario create(ScenarioServiceGrpc.ScenarioServiceBlockingStub s) {
    scenarioId = idPrefix + "-" + (++scenarioSerial);
    Scenario fresh =
        Scenario.newBuilder()
            .setId(scenarioId)
            .setName(LocalizedName.newBuilder().setEn("load " + scenarioId))
            .setDescription("made by chaincast.bench.LoadTest")
            .build();
    return call(
        LoadRpc.CREATE_SCENARIO,
        () ->
            s.createScenario(CreateScenarioRequest.newBuilder().setScenario(fresh).build())
                .getScenario());
  }

  private void advance(Object answer) {
    if (answer == null) { // failed: delete what the cycle made, or start over
      scenarioStep = scenarioStep == 0 || scenarioStep == 4 ? 0 : 4;
      return;
    }
    if (answer instanceof Scenario s) {
      etag = s.getEtag();
    }
    scenarioStep = (scenarioStep + 1) % 5;
  }

  /** Makes one call and records it if it started in the measured window; null if it failed. */
  private <T> T call(LoadRpc rpc, Supplier<T> work) {
    long started = System.nanoTime();
    T answer = null;
    Status.Code code;
    try {
      answer = work.get();
      code = Status.Code.OK;
    } catch (StatusRuntimeException e) {
      code = e.getStatus().getCode();
      retryDelayMs = retryDelayMs(e);
    }
    if (started >= measureFrom) {
      tally.record(rpc, code, System.nanoTime() - started);
    }
    return answer;
  }

  /** The delay a refusal's {@code google.rpc.RetryInfo} asks for, in ms, or 0. */
  static long retryDelayMs(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return 0;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          var d = detail.unpack(RetryInfo.class).getRetryDelay();
          return Math.min(MAX_RETRY_WAIT_MS, d.getSeconds() * 1000 + d.getNanos() / 1_000_000);
        } catch (InvalidProtocolBufferException ignored) {
          return 0; // an unreadable detail: retry at once
        }
      }
    }
    return 0;
  }

  private void waitIfAsked() {
    if (retryDelayMs <= 0) {
      return;
    }
    long wait =
        Math.min(
            retryDelayMs, Math.max(0, TimeUnit.NANOSECONDS.toMillis(stopAt - System.nanoTime())));
    retryDelayMs = 0;
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
