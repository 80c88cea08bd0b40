package chaincast.sensitivity;

import chaincast.engine.CancellationSignal;
import chaincast.engine.MemoryFootprint;
import chaincast.engine.RunCancelledException;
import chaincast.engine.RunSizer;
import chaincast.model.Model;
import chaincast.run.EffectiveParameters;
import chaincast.run.PlannedRun;
import chaincast.run.ProjectionPlanner;
import chaincast.run.RunContext;
import chaincast.run.SimulationRunner;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SensitivityReport;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetDifference;
import chaincast.v1.TargetSelection;
import chaincast.v1.TornadoBar;
import java.util.List;

/**
 * The sensitivity of one target at a point (a scenario's overrides on the seeded model).
 *
 * <h2>Tornado</h2>
 *
 * For every parameter of every cell (or count cell) in the target's scope, P(hit) with the
 * parameter one {@link TornadoStep} down and one up, each against the point on common random
 * numbers, so a bar's ends carry paired errors far below their size ({@link Tornado}).
 *
 * <h2>Variance importance</h2>
 *
 * {@link ShapleyEffects} of the target's value over per-path inputs sampled from the point's paths
 * ({@link ImportanceAnalysis}).
 */
public final class SensitivityAnalysis {
  /** Paths per run when the request gives none. */
  public static final long DEFAULT_PATHS = 20_000;

  /** Most paths sampled for the variance importance (it keeps them in memory). */
  static final int MAX_IMPORTANCE_PATHS = 50_000;

  /** Paths a tornado step simulates per path of the request: two comparisons of two sides. */
  static final int SIDES_PER_STEP = 4;

  private final Model model;
  private final ProjectionPlanner planner;
  private final SimulationRunner runner;
  private final RunContext context;

  /**
   * An analysis on {@code model} run by {@code runner}.
   *
   * @param model the seeded model
   * @param runner the runner whose planner and engine every run uses
   */
  public SensitivityAnalysis(Model model, SimulationRunner runner) {
    this.model = model;
    this.planner = runner.planner();
    this.runner = runner;
    this.context = runner.context();
  }

  /**
   * How many paths a tornado of {@code target} at {@code paths} paths per run simulates at most:
   * its steps (per input, {@link TornadoStep#CELL_STEPS} for cells, {@link TornadoStep#COUNT_STEPS}
   * for count cells) times two paired comparisons of two sides each.
   *
   * @param target the analysed target
   * @param paths paths per run (0: {@link #DEFAULT_PATHS})
   * @return paths simulated, all runs together
   */
  public long tornadoPaths(Target target, long paths) {
    return (paths > 0 ? paths : DEFAULT_PATHS) * tornadoSteps(target) * SIDES_PER_STEP;
  }

  /**
   * How many steps the tornado of {@code target} takes at most (steps per input times inputs).
   *
   * @param target the analysed target
   * @return the number of steps, each two paired comparisons
   */
  public int tornadoSteps(Target target) {
    return Tornado.steps(model, target);
  }

  /**
   * The tornado and the variance importance of {@code target} around {@code point}.
   *
   * @param spec paths, seed, horizon, shocks, overrides; its selection is replaced by the target
   * @param point the scenario's overrides
   * @param target the analysed target (simulated)
   * @param cancel polled between blocks of paths
   * @return the report, bars widest first
   * @throws chaincast.run.PlanningException when the overrides do not fit the model
   * @throws RunCancelledException when {@code cancel} fires
   */
  public SensitivityReport analyse(
      SimulationSpec spec, ScenarioOverrides point, Target target, CancellationSignal cancel) {
    long seed = context.seed(spec);
    // The request's per-cell overrides become part of the point: left in the spec they would
    // apply on top of every step and hide the steps of the parameters they set.
    point = EffectiveParameters.merge(point, spec.getOverridesList(), List.of());
    long paths = paths(spec);
    SimulationSpec one = oneTarget(spec, target).toBuilder().setSeed(seed).build();
    PlannedRun plan = planner.plan(one, point, seed);

    Tornado tornado = new Tornado(model, runner, one, point, plan, cancel);
    List<TornadoBar> bars = tornado.run(target);
    int sampled = (int) Math.min(paths, MAX_IMPORTANCE_PATHS);
    SensitivityReport.Builder report =
        SensitivityReport.newBuilder()
            .setTargetId(target.getId())
            .setName(target.getName())
            .addAllTornado(bars)
            .setImportance(new ImportanceAnalysis(model, plan, target).run(seed, sampled, cancel))
            .setRun(context.runInfo(plan, paths));
    TargetDifference reference = tornado.reference();
    if (reference != null) {
      report.setPHit(reference.getPHitBaseline());
    }
    return report.build();
  }

  /**
   * The most heap {@link #analyse} of this validated request holds. The tornado's paired runs go
   * one after the other, so the larger of one paired run (with the count laws of a moved rate
   * beside the point's) and the variance importance's sampler with its per-path inputs.
   *
   * @param spec the request's spec, as {@link #analyse} takes it
   * @param point the scenario's overrides
   * @param target the analysed target
   * @return the most heap the analysis holds
   * @throws chaincast.run.PlanningException when the overrides do not fit the model
   */
  public MemoryFootprint footprint(SimulationSpec spec, ScenarioOverrides point, Target target) {
    point = EffectiveParameters.merge(point, spec.getOverridesList(), List.of());
    long paths = paths(spec);
    PlannedRun plan = planner.plan(oneTarget(spec, target), point, 0);
    MemoryFootprint paired = runner.footprintOfComparison(plan, plan);
    paired = paired.plus(new MemoryFootprint(0, 0, paired.countLaws(), 0, 0));
    int sampled = (int) Math.min(paths, MAX_IMPORTANCE_PATHS);
    int inputs = ShapleyEffects.MAX_INPUTS;
    long importanceArrays =
        8L * (16 + sampled)
            + (long) sampled * (16 + 8L * inputs)
            + 8L * (16 + sampled)
            + (1L << inputs) * 16;
    MemoryFootprint importance =
        RunSizer.sampler(plan.projection())
            .plusWorkspace(importanceArrays + SimulationRunner.PLAN_BYTES);
    long bars = 4L * (model.cells().size() + model.countCells().size()) * 1024;
    return MemoryFootprint.larger(paired, importance).plus(new MemoryFootprint(0, 0, 0, 0, bars));
  }

  private static long paths(SimulationSpec spec) {
    return spec.getPaths() > 0 ? spec.getPaths() : DEFAULT_PATHS;
  }

  /** {@code spec} narrowed to {@code target} alone, with its overrides moved into the point. */
  private static SimulationSpec oneTarget(SimulationSpec spec, Target target) {
    return spec.toBuilder()
        .setTargets(TargetSelection.newBuilder().addTargetIds(target.getId()))
        .clearJoint()
        .clearFans()
        .setPaths(paths(spec))
        .clearScenario()
        .clearOverrides()
        .build();
  }
}
