package chaincast.run;

import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.RunResult;
import chaincast.model.Model;
import chaincast.v1.Progress;
import chaincast.v1.RunningEstimate;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationSpec;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** Plans a request, runs the engine and builds the report. */
public final class SimulationRunner {
  private final ProjectionPlanner planner;
  private final MonteCarloEngine engine;

  public SimulationRunner(Model model, MonteCarloEngine engine, Limits limits) {
    this.planner = new ProjectionPlanner(model, limits);
    this.engine = engine;
  }

  /** The planner, for callers that need to resolve selections without running. */
  public ProjectionPlanner planner() {
    return planner;
  }

  /**
   * Runs a validated spec.
   *
   * @param cancel     polled between blocks of paths
   * @param onProgress told after every batch, on the calling thread
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public SimulationReport run(SimulationSpec spec, CancellationSignal cancel, Consumer<Progress> onProgress) {
    return run(spec, spec.getInlineOverrides(), cancel, onProgress);
  }

  /**
   * Runs a validated spec with a scenario's overrides ({@code spec.overrides} apply on top).
   *
   * @throws PlanningException when the overrides do not fit the model
   */
  public SimulationReport run(
      SimulationSpec spec, ScenarioOverrides scenario, CancellationSignal cancel, Consumer<Progress> onProgress) {
    // An unseeded request still gets a reproducible run: the drawn seed is reported.
    long seed = spec.hasSeed() ? spec.getSeed() : ThreadLocalRandom.current().nextLong();
    PlannedRun plan = planner.plan(spec, scenario, seed);
    RunResult result =
        engine.run(
            plan.projection(),
            plan.settings(),
            cancel,
            p -> onProgress.accept(progress(plan, p)));
    return ReportBuilder.report(plan, result, engine.threads(), MonteCarloEngine.BLOCK_SIZE);
  }

  private static Progress progress(PlannedRun plan, chaincast.engine.Progress p) {
    Progress.Builder b =
        Progress.newBuilder()
            .setPathsDone(p.pathsDone())
            .setPathsPlanned(p.pathsPlanned())
            .setMaxHalfWidth(p.maxHalfWidth())
            .setElapsedMillis(p.elapsedNanos() / 1_000_000);
    for (int i = 0; i < p.targets().size(); i++) {
      b.addEstimates(
          RunningEstimate.newBuilder()
              .setTargetId(plan.targets().get(i).getId())
              .setPHit(ReportBuilder.probability(p.targets().get(i))));
    }
    return b.build();
  }
}
