package chaincast.run;

import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.RunProgress;
import chaincast.engine.RunResult;
import chaincast.model.Model;
import chaincast.v1.Progress;
import chaincast.engine.BinomialEstimate;
import chaincast.engine.ComparisonResult;
import chaincast.engine.MemoryFootprint;
import chaincast.v1.RunInfo;
import chaincast.v1.RunningEstimate;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.TargetDifference;
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
   * The most heap {@link #run(SimulationSpec, ScenarioOverrides, CancellationSignal, Consumer)}
   * of this validated spec holds, found by planning it (cheap) without running it.
   *
   * @throws PlanningException when the overrides do not fit the model
   */
  public MemoryFootprint footprint(SimulationSpec spec, ScenarioOverrides scenario) {
    PlannedRun plan = planner.plan(spec, scenario, 0);
    return engine.footprintOfRun(plan.projection(), plan.settings()).plusWorkspace(PLAN_BYTES);
  }

  /**
   * The most heap {@link #compare} of this validated spec and these two sides holds.
   *
   * @throws PlanningException when either side's overrides do not fit the model
   */
  public MemoryFootprint footprintOfComparison(
      SimulationSpec spec, ScenarioOverrides baseline, ScenarioOverrides alternative) {
    PlannedRun a = planner.plan(spec, baseline, 0);
    PlannedRun b = planner.plan(spec, alternative, 0);
    return engine.footprintOfComparison(a.projection(), b.projection(), a.settings().paths())
        .plusWorkspace(2 * PLAN_BYTES);
  }

  /**
   * Bytes of a planned request beside what the engine holds: the projection, the resolved
   * targets and assumptions. The seeded model plans to well under this (192 targets, 18 cells).
   */
  public static final long PLAN_BYTES = 2L * 1024 * 1024;

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

  /**
   * Runs a validated spec under two scenarios on common random numbers (same seed, same paths)
   * and reports per target the difference in P(hit) with its paired standard error.
   *
   * @throws PlanningException when either side's overrides do not fit the model
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public ScenarioComparison compare(
      SimulationSpec spec, ScenarioOverrides baseline, ScenarioOverrides alternative, CancellationSignal cancel) {
    long seed = spec.hasSeed() ? spec.getSeed() : ThreadLocalRandom.current().nextLong();
    PlannedRun a = planner.plan(spec, baseline, seed);
    PlannedRun b = planner.plan(spec, alternative, seed);
    long paths = a.settings().paths();
    ComparisonResult result = engine.compare(a.projection(), b.projection(), paths, seed, cancel);
    ScenarioComparison.Builder out =
        ScenarioComparison.newBuilder()
            .setRun(
                RunInfo.newBuilder()
                    .setPaths(paths)
                    .setSeed(seed)
                    .setHorizonYear(a.projection().horizonYear())
                    .setStopReason(chaincast.v1.StopReason.STOP_REASON_PATHS_DONE)
                    .setShockDistribution(a.distribution())
                    .setElapsedMillis(result.elapsedNanos() / 1_000_000)
                    .setThreads(engine.threads())
                    .setBlockSize(MonteCarloEngine.BLOCK_SIZE))
            .addAllSkipped(a.skipped());
    for (int t = 0; t < a.targets().size(); t++) {
      ComparisonResult.TargetPair pair = result.targets().get(t);
      double d = pair.difference();
      double se = pair.standardError();
      out.addTargets(
          TargetDifference.newBuilder()
              .setTargetId(a.targets().get(t).getId())
              .setName(a.targets().get(t).getName())
              .setPHitBaseline(ReportBuilder.probability(BinomialEstimate.of(pair.hitsA(), paths)))
              .setPHitAlternative(ReportBuilder.probability(BinomialEstimate.of(pair.hitsB(), paths)))
              .setDifference(d)
              .setStandardError(se)
              .setIndependentStandardError(pair.independentStandardError())
              .setCiLow(d - 1.96 * se)
              .setCiHigh(d + 1.96 * se)
              .setBaselineOnly(pair.onlyA())
              .setAlternativeOnly(pair.onlyB())
              .setYear(a.targets().get(t).getYear())
              .setTargetValue(a.targets().get(t).getValue())
              .setUnit(a.targets().get(t).getUnit())
              .setKind(a.targets().get(t).getKind()));
    }
    return out.build();
  }

  private static Progress progress(PlannedRun plan, RunProgress p) {
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
