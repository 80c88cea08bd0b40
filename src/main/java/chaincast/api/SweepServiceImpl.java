package chaincast.api;

import chaincast.admission.AdmissionQueue;
import chaincast.admission.AdmissionRefusedException;
import chaincast.engine.CancellationSignal;
import chaincast.engine.RunCancelledException;
import chaincast.run.ClientText;
import chaincast.run.EffectiveParameters;
import chaincast.run.PlannedRun;
import chaincast.run.PlanningException;
import chaincast.run.SimulationRunner;
import chaincast.store.ScenarioStore;
import chaincast.store.StoreException;
import chaincast.store.SweepStore.StoredSweep;
import chaincast.v1.GetSweepRequest;
import chaincast.v1.GetSweepResponse;
import chaincast.v1.GoalSeekRequest;
import chaincast.v1.GoalSeekResponse;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SweepRequest;
import chaincast.v1.SweepResponse;
import chaincast.v1.SweepServiceGrpc;
import chaincast.v1.SweepValue;
import chaincast.v1.TargetSelection;
import chaincast.v1.VarianceReduction;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code chaincast.v1.SweepService}: sweeps (stored point by point, resumable by id) and goal seek.
 *
 * <p>Every point and every goal-seek evaluation is one ordinary run of the engine with the same
 * seed, so all of them share their random numbers (common random numbers) and each equals a {@code
 * Simulate} of the same overrides and seed bit for bit. A sweep or goal seek holds one admission
 * slot, sized by its first point, for its whole length; the call's cancellation and deadline stop
 * it within one block of paths.
 */
public final class SweepServiceImpl extends SweepServiceGrpc.SweepServiceImplBase {
  private static final Logger logger = Logger.getLogger(SweepServiceImpl.class.getName());

  private final SimulationRunner runner;
  private final SimulationSpecValidator validator;
  private final AdmissionQueue admission;
  private final Supplier<ScenarioStore> store;
  private final long maxPaths;

  /**
   * A service over the same runner, validator, admission queue and store as {@code
   * SimulationService}.
   *
   * @param runner plans and runs each point
   * @param validator checks each request's spec
   * @param admission admits each sweep or goal seek as one run
   * @param store stores sweeps, and holds the scenarios a spec names
   * @param maxPaths the server's per-run path limit (a sweep may run {@link
   *     SweepRequests#WORK_FACTOR} times as many in all)
   */
  public SweepServiceImpl(
      SimulationRunner runner,
      SimulationSpecValidator validator,
      AdmissionQueue admission,
      Supplier<ScenarioStore> store,
      long maxPaths) {
    this.runner = runner;
    this.validator = validator;
    this.admission = admission;
    this.store = store;
    this.maxPaths = maxPaths;
  }

  @Override
  public void sweep(SweepRequest request, StreamObserver<SweepResponse> observer) {
    ServerCallStreamObserver<SweepResponse> call =
        (ServerCallStreamObserver<SweepResponse>) observer;
    serve(
        call,
        "sweep",
        cancel -> {
          SweepRun run = prepareSweep(request);
          try (AdmissionQueue.Ticket ticket = admit(run.firstPlan())) {
            awaitAdmission(ticket);
            run.execute(call, cancel);
          }
        });
  }

  @Override
  public void getSweep(GetSweepRequest request, StreamObserver<GetSweepResponse> observer) {
    ServerCallStreamObserver<GetSweepResponse> call =
        (ServerCallStreamObserver<GetSweepResponse>) observer;
    serve(
        call,
        "sweep lookup",
        cancel -> {
          String id = request.getSweepId();
          checkId(id, true);
          StoredSweep stored =
              storeCall(() -> store.get().getSweep(id), "sweep_id")
                  .orElseThrow(() -> ApiException.notFound("sweep", id, "sweep_id"));
          SweepRequest normal = parse(stored.request());
          SortedMap<Integer, byte[]> points =
              storeCall(() -> store.get().sweepPoints(id), "sweep_id");
          call.onNext(
              GetSweepResponse.newBuilder()
                  .setSweep(SweepRun.result(id, normal, points, stored.state()))
                  .build());
          call.onCompleted();
        });
  }

  @Override
  public void goalSeek(GoalSeekRequest request, StreamObserver<GoalSeekResponse> observer) {
    ServerCallStreamObserver<GoalSeekResponse> call =
        (ServerCallStreamObserver<GoalSeekResponse>) observer;
    serve(
        call,
        "goal seek",
        cancel -> {
          SimulationSpec spec = prepareGoal(request);
          GoalSeeker seeker = new GoalSeeker(runner, spec, request, cancel);
          PlannedRun first =
              runner
                  .planner()
                  .plan(
                      spec.toBuilder().clearScenario().build(),
                      spec.getInlineOverrides(),
                      spec.getSeed());
          try (AdmissionQueue.Ticket ticket = admit(first)) {
            awaitAdmission(ticket);
            GoalSeekResponse response = seeker.seek();
            if (!call.isCancelled()) {
              call.onNext(response);
              call.onCompleted();
            }
          }
        });
  }

  // ------------------------------------------------------------------ sweeps

  private SweepRun prepareSweep(SweepRequest request) {
    String id = request.getSweepId();
    SimulationSpec spec = request.getSpec();
    checkId(id, false);
    if (spec.hasPrecision()) {
      throw ApiException.invalidField(
          "spec.precision", "sweeps run a fixed number of paths per point: set spec.paths instead");
    }
    validator.validate(spec);
    ScenarioOverrides scenario = scenarioOf(spec);
    Violations v = new Violations();
    SweepRequests.checkPoints(
        request, runner.planner().model(), mergedBase(spec, scenario), maxPaths, v);
    v.throwIfAny();
    StoredSweep stored =
        id.isEmpty() ? null : storeCall(() -> store.get().getSweep(id), "sweep_id").orElse(null);
    long seed =
        spec.hasSeed()
            ? spec.getSeed()
            : stored != null
                ? parse(stored.request()).getSpec().getSeed()
                : runner.context().seed(spec);
    SweepRequest normal = SweepRequests.normalize(request, scenario, seed);
    if (!id.isEmpty()) {
      String owner = Caller.current().id();
      StoredSweep now =
          stored != null
              ? stored
              : storeCall(
                  () -> store.get().createSweepIfAbsent(id, owner, normal.toByteArray()),
                  "sweep_id");
      if (!parse(now.request()).equals(normal)) {
        throw ApiException.failedPrecondition(
            ("sweep "
                + ClientText.quote(id)
                + " is stored with a different request (spec, points, seed or the scenario's"
                + " content differ); send the same request to resume it, or choose a new"
                + " sweep_id"));
      }
    }
    List<List<SweepValue>> points = SweepRequests.points(normal);
    return new SweepRun(
        runner, id.isEmpty() ? null : store, normal, points, plan(normal, points, 0));
  }

  /** Plans point {@code index}; a point the model refuses is INVALID_ARGUMENT naming it. */
  static PlannedRun plan(
      SimulationRunner runner, SweepRequest normal, List<List<SweepValue>> points, int index) {
    SimulationSpec spec = normal.getSpec();
    ScenarioOverrides point = SweepParameters.apply(spec.getInlineOverrides(), points.get(index));
    try {
      return runner.planner().plan(spec.toBuilder().clearScenario().build(), point, spec.getSeed());
    } catch (PlanningException e) {
      throw ApiException.invalidField(
          normal.getPointsCase() == SweepRequest.PointsCase.LIST
              ? "list.points[" + index + "]"
              : "grid.axes",
          "point " + index + " does not fit the model: " + e.field() + " " + e.description());
    }
  }

  private PlannedRun plan(SweepRequest normal, List<List<SweepValue>> points, int index) {
    return plan(runner, normal, points, index);
  }

  // ------------------------------------------------------------------ goal seek

  private SimulationSpec prepareGoal(GoalSeekRequest r) {
    SimulationSpec spec = r.getSpec();
    Violations v = new Violations();
    if (spec.hasPrecision()) {
      v.invalid("spec.precision", "goal seek runs a fixed number of paths: set spec.paths instead");
    }
    double p = r.getProbability();
    if (!(p > 0 && p < 1)) {
      v.invalid("probability", "must lie strictly between 0 and 1, got " + p);
    }
    if (!(r.getLow() < r.getHigh())) {
      v.invalid("high", "must be above low (" + r.getLow() + "), got " + r.getHigh());
    }
    SimulationSpec.Builder goal = spec.toBuilder().clearThresholds();
    switch (r.getGoalCase()) {
      case TARGET_ID -> {
        if (r.getTargetId().isEmpty()) {
          v.invalid("target_id", "is required");
        }
        goal.setTargets(TargetSelection.newBuilder().addTargetIds(r.getTargetId()));
      }
      case THRESHOLD -> goal.addThresholds(r.getThreshold());
      case GOAL_NOT_SET -> v.invalid("target_id", "set target_id or threshold");
    }
    if (spec.getPaths() == 0) {
      goal.setPaths(DEFAULT_GOAL_PATHS);
    }
    v.throwIfAny();
    SimulationSpec checked = goal.build();
    validator.validate(checked);
    ScenarioOverrides scenario = scenarioOf(spec);
    ScenarioOverrides base = mergedBase(spec, scenario);
    Violations pv = new Violations();
    SweepParameters.check(
        runner.planner().model(),
        r.getParameter(),
        SweepParameters.macroShockIds(base),
        "parameter",
        pv);
    SweepParameters.checkValue(r.getParameter(), r.getLow(), "low", pv);
    SweepParameters.checkValue(r.getParameter(), r.getHigh(), "high", pv);
    long work =
        checked.getPaths() * (GoalSeeker.MAX_SEARCH_EVALUATIONS + GoalSeeker.EXTRA_EVALUATIONS);
    if (work > SweepRequests.WORK_FACTOR * maxPaths) {
      pv.invalid(
          "spec.paths",
          "goal seek may run "
              + (GoalSeeker.MAX_SEARCH_EVALUATIONS + GoalSeeker.EXTRA_EVALUATIONS)
              + " simulations of "
              + checked.getPaths()
              + " paths, above the limit of "
              + SweepRequests.WORK_FACTOR * maxPaths
              + " paths; ask for fewer paths");
    }
    pv.throwIfAny();
    SimulationSpec.Builder normal = checked.toBuilder().clearScenario().clearOverrides();
    normal.setInlineOverrides(base).setSeed(runner.context().seed(checked));
    if (checked.getVarianceReduction() == VarianceReduction.VARIANCE_REDUCTION_UNSPECIFIED) {
      // Smooth in the parameter under common random numbers, unlike a count of hits.
      normal.setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_CONDITIONAL);
    }
    return normal.build();
  }

  /** Paths per evaluation when a goal seek gives none. */
  static final long DEFAULT_GOAL_PATHS = 20_000;

  // ------------------------------------------------------------------ shared

  private static ScenarioOverrides mergedBase(SimulationSpec spec, ScenarioOverrides scenario) {
    return EffectiveParameters.merge(scenario, spec.getOverridesList(), List.of());
  }

  /** The overrides of the spec's stored scenario, or its inline ones. */
  private ScenarioOverrides scenarioOf(SimulationSpec spec) {
    if (spec.getScenarioCase() != SimulationSpec.ScenarioCase.SCENARIO_ID) {
      return spec.getInlineOverrides();
    }
    String id = spec.getScenarioId();
    Scenario s =
        storeCall(() -> store.get().get(id), "spec.scenario_id")
            .orElseThrow(() -> ApiException.notFound("scenario", id, "spec.scenario_id"))
            .scenario();
    return s.getOverrides();
  }

  private static void checkId(String id, boolean required) {
    if (id.isEmpty() && !required) {
      return;
    }
    if (!ScenarioServiceImpl.ID.matcher(id).matches()) {
      throw ApiException.invalidField(
          "sweep_id",
          id.isEmpty()
              ? "is required"
              : "must be a-z, 0-9 and '-', starting with a letter, at most 63, got "
                  + ClientText.quote(id));
    }
  }

  static SweepRequest parse(byte[] bytes) {
    try {
      return SweepRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored sweep does not parse: " + e.getMessage(), e);
    }
  }

  private static <T> T storeCall(Supplier<T> op, String field) {
    try {
      return op.get();
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, field);
    }
  }

  private AdmissionQueue.Ticket admit(PlannedRun plan) {
    long bytes = runner.footprint(plan).total();
    try {
      return admission.enter(Caller.current().id(), bytes);
    } catch (AdmissionRefusedException e) {
      if (e.reason() == AdmissionRefusedException.Reason.TOO_LARGE) {
        throw ApiException.invalidField(
            "spec.paths",
            "one point needs more memory than the server's run budget: " + e.getMessage());
      }
      throw ApiException.resourceExhausted(e.getMessage(), e.retryAfter());
    }
  }

  private static void awaitAdmission(AdmissionQueue.Ticket ticket) {
    Context context = Context.current();
    Context.CancellationListener leave = c -> ticket.cancel();
    context.addListener(leave, MoreExecutors.directExecutor());
    try {
      ticket.awaitAdmission();
    } finally {
      context.removeListener(leave);
    }
  }

  /** An RPC's work, given the call's cancellation signal. */
  @FunctionalInterface
  private interface Work {
    void run(CancellationSignal cancel);
  }

  /** Runs {@code work}, mapping each failure to its status, as SimulationService does. */
  private static <T> void serve(ServerCallStreamObserver<T> call, String what, Work work) {
    call.setOnCancelHandler(() -> logger.fine("client cancelled a " + what));
    Context context = Context.current();
    CancellationSignal cancel = () -> context.isCancelled() || call.isCancelled();
    try {
      work.run(cancel);
    } catch (ApiException e) {
      call.onError(e.toStatusRuntimeException());
    } catch (PlanningException e) {
      call.onError(
          ApiException.invalidField("spec." + e.field(), e.description())
              .toStatusRuntimeException());
    } catch (RunCancelledException | CancellationException e) {
      Deadline deadline = context.getDeadline();
      boolean expired = deadline != null && deadline.isExpired();
      logger.info(what + " stopped: " + (expired ? "deadline exceeded" : "cancelled"));
      call.onError(
          (expired ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
              .withDescription(what + " stopped: " + e.getMessage())
              .asRuntimeException());
    } catch (RuntimeException e) {
      call.onError(InternalErrors.report(what, e));
    }
  }
}
