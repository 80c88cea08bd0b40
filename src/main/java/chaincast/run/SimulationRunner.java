package chaincast.run;

import chaincast.engine.BinomialEstimate;
import chaincast.engine.CancellationSignal;
import chaincast.engine.ComparisonResult;
import chaincast.engine.MemoryFootprint;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.RemoteOrigin;
import chaincast.engine.RunProgress;
import chaincast.engine.RunResult;
import chaincast.model.Model;
import chaincast.v1.Progress;
import chaincast.v1.RunningEstimate;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetDifference;
import java.util.function.Consumer;

/**
 * Plans a request, runs the engine and builds the report. A caller that sizes a run before it runs
 * it (admission) plans once with {@link #plan(SimulationSpec, ScenarioOverrides)} and hands the
 * same {@link PlannedRun} to {@link #footprint(PlannedRun)} and {@link #run(PlannedRun,
 * CancellationSignal, Consumer)}; the overloads taking a spec plan and run in one call.
 */
public final class SimulationRunner {
  /**
   * Bytes of a planned request beside what the engine holds: the projection, the resolved targets
   * and assumptions. The seeded model plans to well under this (192 targets, 18 cells).
   */
  public static final long PLAN_BYTES = 2L * 1024 * 1024;

  private final ProjectionPlanner planner;
  private final MonteCarloEngine engine;
  private final RunContext context;

  /**
   * A runner of requests on {@code model}.
   *
   * @param model the seeded model
   * @param engine the engine that simulates
   * @param limits the server's limits
   */
  public SimulationRunner(Model model, MonteCarloEngine engine, Limits limits) {
    this.planner = new ProjectionPlanner(model, limits);
    this.engine = engine;
    this.context = new RunContext(limits, engine.threads(), MonteCarloEngine.BLOCK_SIZE);
  }

  /**
   * The planner, for callers that need to resolve selections without running.
   *
   * @return the planner
   */
  public ProjectionPlanner planner() {
    return planner;
  }

  /**
   * The conventions runs share: seed, run info, limits.
   *
   * @return the run context
   */
  public RunContext context() {
    return context;
  }

  /**
   * Plans a validated spec with a scenario's overrides ({@code spec.overrides} on top), with the
   * spec's seed or a drawn one.
   *
   * @param spec a validated simulation spec
   * @param scenario a stored scenario's overrides, the inline ones, or none
   * @return the planned run
   * @throws PlanningException when the overrides do not fit the model
   */
  public PlannedRun plan(SimulationSpec spec, ScenarioOverrides scenario) {
    return planner.plan(spec, scenario, context.seed(spec));
  }

  /**
   * The most heap {@link #run(PlannedRun, CancellationSignal, Consumer)} of {@code plan} holds.
   *
   * @param plan a planned run
   * @return the most heap the run holds
   */
  public MemoryFootprint footprint(PlannedRun plan) {
    return engine.footprintOfRun(plan.projection(), plan.settings()).plusWorkspace(PLAN_BYTES);
  }

  /**
   * The most heap a run of this validated spec holds, found by planning it (cheap) without running
   * it.
   *
   * @param spec a validated simulation spec
   * @param scenario a stored scenario's overrides, the inline ones, or none
   * @return the most heap the run holds
   * @throws PlanningException when the overrides do not fit the model
   */
  public MemoryFootprint footprint(SimulationSpec spec, ScenarioOverrides scenario) {
    return footprint(plan(spec, scenario));
  }

  /**
   * The most heap {@link #compare(PlannedRun, PlannedRun, CancellationSignal)} of two sides holds.
   *
   * @param baseline side A
   * @param alternative side B, planned from the same spec and seed as side A
   * @return the most heap the comparison holds
   */
  public MemoryFootprint footprintOfComparison(PlannedRun baseline, PlannedRun alternative) {
    return engine
        .footprintOfComparison(
            baseline.projection(), alternative.projection(), baseline.settings().paths())
        .plusWorkspace(2 * PLAN_BYTES);
  }

  /**
   * The most heap a comparison of this validated spec and these two sides holds.
   *
   * @param spec a validated simulation spec
   * @param baseline side A
   * @param alternative side B, planned from the same spec and seed as side A
   * @return the most heap the comparison holds
   * @throws PlanningException when either side's overrides do not fit the model
   */
  public MemoryFootprint footprintOfComparison(
      SimulationSpec spec, ScenarioOverrides baseline, ScenarioOverrides alternative) {
    long seed = context.seed(spec);
    return footprintOfComparison(
        planner.plan(spec, baseline, seed), planner.plan(spec, alternative, seed));
  }

  /**
   * Runs a validated spec with its inline overrides.
   *
   * @param spec a validated simulation spec
   * @return the report
   * @param cancel polled between blocks of paths
   * @param onProgress told after every batch, on the calling thread
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public SimulationReport run(
      SimulationSpec spec, CancellationSignal cancel, Consumer<Progress> onProgress) {
    return run(spec, spec.getInlineOverrides(), cancel, onProgress);
  }

  /**
   * Runs a validated spec with a scenario's overrides ({@code spec.overrides} apply on top).
   *
   * @param spec a validated simulation spec
   * @param scenario a stored scenario's overrides, the inline ones, or none
   * @return the report
   * @param cancel polled between blocks of paths
   * @param onProgress told after every batch, on the calling thread
   * @throws PlanningException when the overrides do not fit the model
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public SimulationReport run(
      SimulationSpec spec,
      ScenarioOverrides scenario,
      CancellationSignal cancel,
      Consumer<Progress> onProgress) {
    return run(plan(spec, scenario), cancel, onProgress);
  }

  /**
   * Runs a planned run.
   *
   * @param plan a planned run
   * @return the report
   * @param cancel polled between blocks of paths
   * @param onProgress told after every batch, on the calling thread
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public SimulationReport run(
      PlannedRun plan, CancellationSignal cancel, Consumer<Progress> onProgress) {
    RunResult result =
        engine.run(
            plan.projection(),
            plan.settings(),
            RemoteOrigin.of(plan.request().toByteArray()),
            cancel,
            p -> onProgress.accept(progress(plan, p)));
    return ReportBuilder.report(plan, result, context);
  }

  /**
   * Runs a validated spec under two scenarios on common random numbers (same seed, same paths) and
   * reports per target the difference in P(hit) with its paired standard error.
   *
   * @param spec a validated simulation spec
   * @param baseline side A
   * @param alternative side B, planned from the same spec and seed as side A
   * @param cancel polled between blocks of paths
   * @return per target, the difference with its errors
   * @throws PlanningException when either side's overrides do not fit the model
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public ScenarioComparison compare(
      SimulationSpec spec,
      ScenarioOverrides baseline,
      ScenarioOverrides alternative,
      CancellationSignal cancel) {
    long seed = context.seed(spec);
    return compare(
        planner.plan(spec, baseline, seed), planner.plan(spec, alternative, seed), cancel);
  }

  /**
   * Runs two sides planned from one spec with one seed on common random numbers and reports per
   * target the difference in P(hit) with its paired standard error and a 95% interval.
   *
   * @param baseline side A
   * @param alternative side B, planned from the same spec and seed as side A
   * @param cancel polled between blocks of paths
   * @return per target, the difference with its errors
   * @throws chaincast.engine.RunCancelledException when {@code cancel} fires
   */
  public ScenarioComparison compare(
      PlannedRun baseline, PlannedRun alternative, CancellationSignal cancel) {
    long paths = baseline.settings().paths();
    long seed = baseline.settings().seed();
    ComparisonResult result =
        engine.compare(baseline.projection(), alternative.projection(), paths, seed, cancel);
    ScenarioComparison.Builder out =
        ScenarioComparison.newBuilder()
            .setRun(context.runInfo(baseline, paths, result.elapsedNanos()))
            .addAllSkipped(baseline.skipped());
    for (int t = 0; t < baseline.targets().size(); t++) {
      out.addTargets(difference(baseline.targets().get(t), result.targets().get(t)));
    }
    return out.build();
  }

  private static TargetDifference difference(Target target, ComparisonResult.TargetPair pair) {
    double d = pair.difference();
    double se = pair.standardError();
    return TargetDifference.newBuilder()
        .setTargetId(target.getId())
        .setName(target.getName())
        .setPHitBaseline(ReportBuilder.probability(pair.estimateA()))
        .setPHitAlternative(ReportBuilder.probability(pair.estimateB()))
        .setDifference(d)
        .setStandardError(se)
        .setIndependentStandardError(pair.independentStandardError())
        .setCiLow(d - BinomialEstimate.Z95 * se)
        .setCiHigh(d + BinomialEstimate.Z95 * se)
        .setBaselineOnly(pair.onlyA())
        .setAlternativeOnly(pair.onlyB())
        .setYear(target.getYear())
        .setTargetValue(target.getValue())
        .setUnit(target.getUnit())
        .setKind(target.getKind())
        .build();
  }

  private static Progress progress(PlannedRun plan, RunProgress p) {
    Progress.Builder b =
        Progress.newBuilder()
            .setPathsDone(p.pathsDone())
            .setPathsPlanned(p.pathsPlanned())
            .setMaxHalfWidth(p.maxHalfWidth())
            .setElapsedMillis(p.elapsedNanos() / 1_000_000);
    // The plan's own targets; thresholds' engine targets follow them and are reported at the end.
    for (int i = 0; i < plan.targets().size(); i++) {
      b.addEstimates(
          RunningEstimate.newBuilder()
              .setTargetId(plan.targets().get(i).getId())
              .setPHit(ReportBuilder.probability(p.targets().get(i))));
    }
    return b.build();
  }
}
