package chaincast.api;

import chaincast.engine.CancellationSignal;
import chaincast.engine.RunCancelledException;
import chaincast.run.PlanningException;
import chaincast.run.SimulationRunner;
import chaincast.store.ScenarioStore;
import chaincast.v1.Scenario;
import java.util.function.Supplier;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code chaincast.v1.SimulationService}: validates, admits, runs and answers.
 *
 * <p>Runs execute on the calling gRPC thread, which hands blocks of paths to
 * the engine's pool. The engine polls the call's {@link Context} between
 * blocks, so a client that cancels, or whose deadline passes, stops the work
 * within one block per worker.
 */
public final class SimulationServiceImpl extends SimulationServiceGrpc.SimulationServiceImplBase {
  private static final Logger logger = Logger.getLogger(SimulationServiceImpl.class.getName());

  private final SimulationRunner runner;
  private final SimulationSpecValidator validator;
  private final Semaphore admission;
  private final int maxConcurrentRuns;
  private final RunStats stats = new RunStats();
  private final Supplier<ScenarioStore> store;

  public SimulationServiceImpl(
      SimulationRunner runner,
      SimulationSpecValidator validator,
      int maxConcurrentRuns,
      Supplier<ScenarioStore> store) {
    this.runner = runner;
    this.store = store;
    this.validator = validator;
    this.maxConcurrentRuns = maxConcurrentRuns;
    this.admission = new Semaphore(maxConcurrentRuns);
  }

  /** Counters of runs started, completed and cancelled. */
  public RunStats stats() {
    return stats;
  }

  @Override
  public void simulate(SimulateRequest request, StreamObserver<SimulateResponse> responseObserver) {
    execute(
        request.getSpec(),
        responseObserver,
        progress -> {},
        report -> SimulateResponse.newBuilder().setReport(report).build());
  }

  @Override
  public void simulateStream(
      SimulateStreamRequest request, StreamObserver<SimulateStreamResponse> responseObserver) {
    ServerCallStreamObserver<SimulateStreamResponse> call =
        (ServerCallStreamObserver<SimulateStreamResponse>) responseObserver;
    execute(
        request.getSpec(),
        responseObserver,
        progress -> {
          if (!call.isCancelled()) {
            call.onNext(SimulateStreamResponse.newBuilder().setProgress(progress).build());
          }
        },
        report -> SimulateStreamResponse.newBuilder().setReport(report).build());
  }

  private <T> void execute(
      SimulationSpec spec,
      StreamObserver<T> observer,
      Consumer<chaincast.v1.Progress> onProgress,
      java.util.function.Function<SimulationReport, T> wrap) {
    ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
    // Without a handler, a late onNext on a cancelled call throws; we poll instead.
    call.setOnCancelHandler(() -> logger.fine("client cancelled a simulation"));
    Context context = Context.current();
    CancellationSignal cancel = () -> context.isCancelled() || call.isCancelled();
    try {
      validator.validate(spec);
      if (!admission.tryAcquire()) {
        throw ApiException.busy(maxConcurrentRuns);
      }
      try {
        stats.onStart();
        Scenario scenario = scenarioOf(spec);
        SimulationReport report =
            runner.run(spec, scenario == null ? spec.getInlineOverrides() : scenario.getOverrides(), cancel, onProgress);
        if (scenario != null) {
          report = report.toBuilder().setScenarioId(scenario.getId()).setScenarioEtag(scenario.getEtag()).build();
        }
        stats.onComplete();
        if (!call.isCancelled()) {
          observer.onNext(wrap.apply(report));
          observer.onCompleted();
        }
      } finally {
        admission.release();
      }
    } catch (ApiException e) {
      observer.onError(e.toStatusRuntimeException());
    } catch (PlanningException e) {
      observer.onError(ApiException.invalidField(overridesField(spec) + e.field(), e.description()).toStatusRuntimeException());
    } catch (RunCancelledException e) {
      stats.onCancel(e.pathsDone());
      Deadline deadline = context.getDeadline();
      boolean expired = deadline != null && deadline.isExpired();
      logger.info(
          "simulation stopped after " + e.pathsDone() + " paths: "
              + (expired ? "deadline exceeded" : "cancelled by the client"));
      observer.onError(
          (expired ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
              .withDescription(e.getMessage())
              .asRuntimeException());
    } catch (RuntimeException e) {
      logger.log(Level.SEVERE, "simulation failed", e);
      observer.onError(
          Status.INTERNAL.withDescription("simulation failed: " + e).withCause(e).asRuntimeException());
    }
  }

  /** The stored scenario a spec names, or null for the seeded baseline or inline overrides. */
  private Scenario scenarioOf(SimulationSpec spec) {
    if (spec.getScenarioCase() != SimulationSpec.ScenarioCase.SCENARIO_ID) {
      return null;
    }
    String id = spec.getScenarioId();
    return store.get().get(id).orElseThrow(() -> ApiException.notFound("scenario", id, "spec.scenario_id")).scenario();
  }

  /** Where the overrides a planning conflict names sit in the request. */
  static String overridesField(SimulationSpec spec) {
    return switch (spec.getScenarioCase()) {
      case SCENARIO_ID -> "spec.scenario_id (scenario '" + spec.getScenarioId() + "').overrides.";
      case INLINE_OVERRIDES -> "spec.inline_overrides.";
      case SCENARIO_NOT_SET -> "spec.";
    };
  }
}
