package chaincast.api;

import chaincast.admission.AdmissionQueue;
import chaincast.admission.AdmissionRefusedException;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MemoryFootprint;
import chaincast.engine.RunCancelledException;
import chaincast.metrics.ServerMetrics;
import chaincast.run.ClientText;
import chaincast.run.PlannedRun;
import chaincast.run.PlanningException;
import chaincast.run.SimulationRunner;
import chaincast.sensitivity.SensitivityAnalysis;
import chaincast.store.ScenarioStore;
import chaincast.store.StoreException;
import chaincast.v1.CompareRequest;
import chaincast.v1.CompareResponse;
import chaincast.v1.Progress;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SensitivityReport;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.SensitivityResponse;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetSelection;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code chaincast.v1.SimulationService}: validates, admits, runs and answers.
 *
 * <p>Runs execute on the calling gRPC thread, which hands blocks of paths to the engine's pool. The
 * engine polls the call's {@link Context} between blocks, so a client that cancels, or whose
 * deadline passes, stops the work within one block per worker.
 */
public final class SimulationServiceImpl extends SimulationServiceGrpc.SimulationServiceImplBase {
  private static final Logger logger = Logger.getLogger(SimulationServiceImpl.class.getName());

  static {
    // Load the classes of the error details now. A class whose static initializer runs out of
    // memory stays unusable for the life of the JVM ("Could not initialize class
    // com.google.rpc.ErrorDetailsProto"): the first OutOfMemoryError answered with RetryInfo
    // would turn every later error with details into UNKNOWN.
    ApiException.resourceExhausted("", Duration.ofSeconds(1)).toStatusRuntimeException();
    ApiException.invalidField("", "").toStatusRuntimeException();
  }

  private final SimulationRunner runner;
  private final SimulationSpecValidator validator;
  private final AdmissionQueue admission;
  private final RunStats stats;
  private final Supplier<ScenarioStore> store;
  private final SensitivityAnalysis sensitivity;
  private final long maxPaths;
  private final ServerMetrics metrics;

  /**
   * A service over one runner and its admission queue.
   *
   * @param runner plans and runs simulations and comparisons on the engine
   * @param validator checks each spec before anything runs
   * @param admission admits each run against the memory budget and the limit of runs at once,
   *     queueing the rest fairly per client
   * @param store the scenario store, for runs of a stored scenario (a supplier: it may be reopened)
   * @param sensitivity runs tornado and Shapley analyses
   * @param maxPaths the most paths one request may simulate in all (a tornado runs many)
   * @param metrics times each run by kind and outcome
   */
  public SimulationServiceImpl(
      SimulationRunner runner,
      SimulationSpecValidator validator,
      AdmissionQueue admission,
      Supplier<ScenarioStore> store,
      SensitivityAnalysis sensitivity,
      long maxPaths,
      ServerMetrics metrics) {
    this.runner = runner;
    this.metrics = metrics;
    this.store = store;
    this.sensitivity = sensitivity;
    this.maxPaths = maxPaths;
    this.validator = validator;
    this.admission = admission;
    this.stats = new RunStats(admission);
  }

  /**
   * Counters of runs started, completed and cancelled, and the admission queue's state.
   *
   * @return the live counters (not a snapshot)
   */
  public RunStats stats() {
    return stats;
  }

  @Override
  public void simulate(SimulateRequest request, StreamObserver<SimulateResponse> responseObserver) {
    SimulationSpec spec = request.getSpec();
    serve(
        responseObserver,
        "simulation",
        overridesField(spec),
        () ->
            simulation(
                spec,
                progress -> {},
                report -> SimulateResponse.newBuilder().setReport(report).build()));
  }

  @Override
  public void simulateStream(
      SimulateStreamRequest request, StreamObserver<SimulateStreamResponse> responseObserver) {
    ServerCallStreamObserver<SimulateStreamResponse> call =
        (ServerCallStreamObserver<SimulateStreamResponse>) responseObserver;
    SimulationSpec spec = request.getSpec();
    serve(
        responseObserver,
        "simulation",
        overridesField(spec),
        () ->
            simulation(
                spec,
                progress -> {
                  if (!call.isCancelled()) {
                    call.onNext(SimulateStreamResponse.newBuilder().setProgress(progress).build());
                  }
                },
                report -> SimulateStreamResponse.newBuilder().setReport(report).build()));
  }

  /**
   * Validates a simulation and resolves its scenario; the run, once admitted, answers with {@code
   * wrap}.
   */
  private <T> Prepared<T> simulation(
      SimulationSpec spec, Consumer<Progress> onProgress, Function<SimulationReport, T> wrap) {
    validator.validate(spec);
    Scenario scenario = scenarioOf(spec);
    ScenarioOverrides overrides =
        scenario == null ? spec.getInlineOverrides() : scenario.getOverrides();
    // Planned once: the same plan is sized for admission and then run.
    PlannedRun plan = runner.plan(spec, overrides);
    return new Prepared<>(
        cancel -> {
          SimulationReport report = runner.run(plan, cancel, onProgress);
          if (scenario != null) {
            report =
                report.toBuilder()
                    .setScenarioId(scenario.getId())
                    .setScenarioEtag(scenario.getEtag())
                    .build();
          }
          return wrap.apply(report);
        },
        runner.footprint(plan),
        spec);
  }

  @Override
  public void compare(CompareRequest request, StreamObserver<CompareResponse> observer) {
    serve(
        observer,
        "comparison",
        "", // each side is planned alone first, which names the side of a conflict
        () -> {
          validateComparison(request);
          Side a = side(request.getBaseline(), "baseline");
          Side b = side(request.getAlternative(), "alternative");
          // Each side is planned once, with the one seed both share; the plans are sized and run.
          long seed = runner.context().seed(request.getSpec());
          PlannedRun planA =
              planSide(request.getSpec(), a, request.getBaseline(), "baseline", seed);
          PlannedRun planB =
              planSide(request.getSpec(), b, request.getAlternative(), "alternative", seed);
          return new Prepared<>(
              cancel -> {
                ScenarioComparison comparison = runner.compare(planA, planB, cancel);
                return CompareResponse.newBuilder()
                    .setComparison(
                        comparison.toBuilder()
                            .setBaselineScenarioId(a.id())
                            .setBaselineEtag(a.etag())
                            .setAlternativeScenarioId(b.id())
                            .setAlternativeEtag(b.etag()))
                    .build();
              },
              runner.footprintOfComparison(planA, planB),
              request.getSpec());
        });
  }

  /** Plans one side of a comparison alone, so that a conflict in its overrides names that side. */
  private PlannedRun planSide(
      SimulationSpec spec, Side side, ScenarioChoice choice, String name, long seed) {
    try {
      return runner.planner().plan(spec, side.overrides(), seed);
    } catch (PlanningException e) {
      throw ApiException.invalidField(sideField(choice, name) + "." + e.field(), e.description());
    }
  }

  private static String sideField(ScenarioChoice c, String side) {
    return c.getChoiceCase() == ScenarioChoice.ChoiceCase.SCENARIO_ID
        ? side + ".scenario_id (scenario " + ClientText.quote(c.getScenarioId()) + ").overrides"
        : side + ".inline_overrides";
  }

  @Override
  public void sensitivity(
      SensitivityRequest request, StreamObserver<SensitivityResponse> observer) {
    SimulationSpec spec = request.getSpec();
    serve(
        observer,
        "sensitivity analysis",
        overridesField(spec),
        () -> {
          Target target = validateSensitivity(request);
          Scenario scenario = scenarioOf(spec);
          ScenarioOverrides point =
              scenario == null ? spec.getInlineOverrides() : scenario.getOverrides();
          return new Prepared<>(
              cancel -> {
                SensitivityReport report = sensitivity.analyse(spec, point, target, cancel);
                if (scenario != null) {
                  report =
                      report.toBuilder()
                          .setScenarioId(scenario.getId())
                          .setScenarioEtag(scenario.getEtag())
                          .build();
                }
                return SensitivityResponse.newBuilder().setReport(report).build();
              },
              sensitivity.footprint(spec, point, target),
              spec);
        });
  }

  /** An RPC's work once its request is validated: it runs holding an admission slot. */
  @FunctionalInterface
  private interface Admitted<T> {
    T run(CancellationSignal cancel);
  }

  /**
   * A validated request: its work, the most heap the work holds, and the spec it came with (for
   * naming what to reduce when it can never fit).
   */
  private record Prepared<T>(Admitted<T> work, MemoryFootprint footprint, SimulationSpec spec) {}

  /** Validates and resolves a request (throwing ApiException), and returns the work to admit. */
  @FunctionalInterface
  private interface Preparation<T> {
    Prepared<T> prepare();
  }

  /**
   * What every run-carrying RPC shares: validate, size, admit (wait in the fair queue; refused with
   * RESOURCE_EXHAUSTED and RetryInfo when it is full), run with the call's cancellation, count,
   * answer, and map each failure to its status.
   *
   * @param what names the RPC's work in logs and messages, e.g. "comparison"
   * @param overridesPrefix where in the request the overrides a planning conflict names sit
   */
  private <T> void serve(
      StreamObserver<T> observer, String what, String overridesPrefix, Preparation<T> preparation) {
    ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
    // Without a handler, a late onNext on a cancelled call throws; we poll instead.
    call.setOnCancelHandler(() -> logger.fine("client cancelled a " + what));
    Context context = Context.current();
    CancellationSignal cancel = () -> context.isCancelled() || call.isCancelled();
    MemoryFootprint footprint = null;
    try {
      Prepared<T> prepared = preparation.prepare();
      footprint = prepared.footprint();
      try (AdmissionQueue.Ticket ticket = enter(prepared, what, overridesPrefix)) {
        awaitAdmission(ticket, context);
        T response = runCounted(prepared.work(), cancel, what);
        if (!call.isCancelled()) {
          observer.onNext(response);
          observer.onCompleted();
        }
      }
    } catch (ApiException e) {
      observer.onError(e.toStatusRuntimeException());
    } catch (PlanningException e) {
      observer.onError(
          ApiException.invalidField(overridesPrefix + e.field(), e.description())
              .toStatusRuntimeException());
    } catch (RunCancelledException e) {
      stats.onCancel(e.pathsDone());
      Deadline deadline = context.getDeadline();
      boolean expired = deadline != null && deadline.isExpired();
      logger.info(
          what
              + " stopped after "
              + e.pathsDone()
              + " paths: "
              + (expired ? "deadline exceeded" : "cancelled by the client"));
      observer.onError(
          (expired ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
              .withDescription(e.getMessage())
              .asRuntimeException());
    } catch (CancellationException e) {
      stats.onCancelWhileQueued();
      Deadline deadline = context.getDeadline();
      boolean expired = deadline != null && deadline.isExpired();
      observer.onError(
          (expired ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
              .withDescription(
                  what
                      + " left the queue before it started: "
                      + (expired ? "deadline exceeded" : "cancelled"))
              .asRuntimeException());
    } catch (OutOfMemoryError e) {
      // The run's memory is unreachable once this frame unwound: answer, and keep serving.
      stats.onOutOfMemory();
      Duration retry = admission.retryDelay();
      logger.log(
          Level.SEVERE,
          what
              + " ran out of memory (its estimate: "
              + (footprint == null
                  ? "not sized yet"
                  : MemoryFootprint.mebibytes(footprint.total()) + ": " + footprint.describe())
              + "; run budget "
              + MemoryFootprint.mebibytes(admission.budgetBytes())
              + ", heap "
              + MemoryFootprint.mebibytes(Runtime.getRuntime().maxMemory())
              + "); if this repeats, lower serve --run-memory-fraction or --run-memory, or raise -Xmx",
          e);
      observer.onError(
          ApiException.resourceExhausted(
                  "the server ran out of memory during this "
                      + what
                      + " and stopped it; retry in "
                      + Math.max(1, retry.toSeconds())
                      + " s",
                  retry)
              .toStatusRuntimeException());
    } catch (RuntimeException e) {
      observer.onError(
          InternalErrors.report(what, e)); // a bug: validation should have refused the request
    }
  }

  /**
   * Runs admitted work, counting it in {@link RunStats} (started, active, completed) and timing it
   * in {@code chaincast_run_duration_seconds} by kind ({@code what}) and outcome.
   */
  private <T> T runCounted(Admitted<T> work, CancellationSignal cancel, String what) {
    long started = System.nanoTime();
    String outcome = "failed";
    stats.onStart();
    try {
      T response = work.run(cancel);
      stats.onComplete();
      outcome = "completed";
      return response;
    } catch (RunCancelledException e) {
      outcome = "cancelled";
      throw e;
    } finally {
      stats.onEnd();
      metrics.recordRun(what.replace(' ', '_'), outcome, System.nanoTime() - started);
    }
  }

  /**
   * Enters the admission queue with the run's footprint; a run that can never fit the budget is
   * INVALID_ARGUMENT naming what to reduce (waiting or retrying cannot help it), a full queue is
   * RESOURCE_EXHAUSTED with RetryInfo.
   */
  private AdmissionQueue.Ticket enter(Prepared<?> prepared, String what, String overridesPrefix) {
    try {
      return admission.enter(Caller.current().id(), prepared.footprint().total());
    } catch (AdmissionRefusedException e) {
      if (e.reason() == AdmissionRefusedException.Reason.TOO_LARGE) {
        throw MemoryAdvice.tooLarge(
            what, prepared.footprint(), admission.budgetBytes(), prepared.spec(), overridesPrefix);
      }
      throw ApiException.resourceExhausted(e.getMessage(), e.retryAfter());
    }
  }

  /**
   * Waits in the queue until admitted. A call cancelled or past its deadline meanwhile leaves the
   * queue at once (the context's listener cancels the ticket) and gets CancellationException.
   */
  private static void awaitAdmission(AdmissionQueue.Ticket ticket, Context context) {
    Context.CancellationListener leave = c -> ticket.cancel();
    context.addListener(leave, MoreExecutors.directExecutor());
    try {
      ticket.awaitAdmission();
    } finally {
      context.removeListener(leave);
    }
  }

  /** Checks a sensitivity request; returns its target. */
  private Target validateSensitivity(SensitivityRequest request) {
    SimulationSpec spec = request.getSpec();
    Violations v = new Violations();
    if (spec.hasPrecision()) {
      v.invalid(
          "spec.precision",
          "sensitivity runs a fixed number of paths per run: set spec.paths instead");
    }
    Target target = null;
    if (request.getTargetId().isEmpty()) {
      v.invalid("target_id", "is required");
    } else {
      target = runner.planner().model().target(request.getTargetId()).orElse(null);
      if (target == null) {
        v.notFound("target", request.getTargetId(), "target_id", runner.planner().model());
      } else if (!runner.planner().model().isSimulated(target)) {
        v.invalid(
            "target_id",
            "target '" + target.getId() + "' is not simulated: " + target.getNotSimulatedReason());
      }
    }
    v.throwIfAny();
    SimulationSpec one =
        spec.toBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds(target.getId()))
            .build();
    validator.validate(one);
    // Steps per input come from the tornado's own definition (four per cell, three per count cell).
    int inputs = sensitivity.tornadoSteps(target);
    long paths = spec.getPaths() > 0 ? spec.getPaths() : SensitivityAnalysis.DEFAULT_PATHS;
    long work = sensitivity.tornadoPaths(target, paths);
    if (work > maxPaths) {
      throw ApiException.invalidField(
          "spec.paths",
          "a tornado of "
              + inputs
              + " inputs at "
              + paths
              + " paths simulates "
              + work
              + " paths, above the server's limit of "
              + maxPaths
              + "; ask for fewer paths");
    }
    return target;
  }

  /** One side of a comparison, resolved: its overrides, and the stored scenario's id and etag. */
  private record Side(ScenarioOverrides overrides, String id, String etag) {}

  private void validateComparison(CompareRequest request) {
    SimulationSpec spec = request.getSpec();
    Violations v = new Violations();
    if (spec.hasPrecision()) {
      v.invalid(
          "spec.precision", "comparisons run a fixed number of paths: set spec.paths instead");
    }
    if (spec.getScenarioCase() != SimulationSpec.ScenarioCase.SCENARIO_NOT_SET) {
      v.invalid(
          spec.getScenarioCase() == SimulationSpec.ScenarioCase.SCENARIO_ID
              ? "spec.scenario_id"
              : "spec.inline_overrides",
          "must be unset: name the two sides in baseline and alternative");
    }
    checkChoice(request.getBaseline(), "baseline", v);
    checkChoice(request.getAlternative(), "alternative", v);
    v.throwIfAny();
    validator.validate(spec);
  }

  private void checkChoice(ScenarioChoice c, String field, Violations v) {
    switch (c.getChoiceCase()) {
      case SEEDED -> {
        if (!c.getSeeded()) {
          v.invalid(field + ".seeded", "must be true when set");
        }
      }
      case SCENARIO_ID -> {
        if (!ScenarioServiceImpl.ID.matcher(c.getScenarioId()).matches()) {
          v.invalid(
              field + ".scenario_id",
              "must be a scenario id (a-z, 0-9, '-', starting with a letter), got "
                  + ClientText.quote(c.getScenarioId()));
        }
      }
      case INLINE_OVERRIDES ->
          validator
              .overridesValidator()
              .validate(c.getInlineOverrides(), field + ".inline_overrides", v);
      case CHOICE_NOT_SET -> v.invalid(field, "choose seeded, scenario_id or inline_overrides");
    }
  }

  private Side side(ScenarioChoice c, String field) {
    if (c.getChoiceCase() == ScenarioChoice.ChoiceCase.SCENARIO_ID) {
      String id = c.getScenarioId();
      Scenario s = storedScenario(id, field + ".scenario_id");
      return new Side(s.getOverrides(), id, s.getEtag());
    }
    return new Side(c.getInlineOverrides(), "", "");
  }

  /** The stored scenario a spec names, or null for the seeded baseline or inline overrides. */
  private Scenario scenarioOf(SimulationSpec spec) {
    if (spec.getScenarioCase() != SimulationSpec.ScenarioCase.SCENARIO_ID) {
      return null;
    }
    return storedScenario(spec.getScenarioId(), "spec.scenario_id");
  }

  /**
   * A stored scenario by id: NOT_FOUND naming {@code field} if there is none, and the store's own
   * statuses (FAILED_PRECONDITION when another server holds it, UNAVAILABLE while it is being
   * reopened) when it cannot answer.
   */
  private Scenario storedScenario(String id, String field) {
    try {
      return metrics
          .timeStore("get", () -> store.get().get(id))
          .orElseThrow(() -> ApiException.notFound("scenario", id, field))
          .scenario();
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, field);
    }
  }

  /** Where the overrides a planning conflict names sit in the request. */
  static String overridesField(SimulationSpec spec) {
    return switch (spec.getScenarioCase()) {
      case SCENARIO_ID ->
          "spec.scenario_id (scenario " + ClientText.quote(spec.getScenarioId()) + ").overrides.";
      case INLINE_OVERRIDES -> "spec.inline_overrides.";
      case SCENARIO_NOT_SET -> "spec.";
    };
  }
}
