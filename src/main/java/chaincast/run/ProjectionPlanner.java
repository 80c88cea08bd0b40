package chaincast.run;

import chaincast.engine.Projection;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.Dataset;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a validated {@link SimulationSpec} against the model into a {@link PlannedRun}. Input is
 * assumed valid ({@code chaincast.api} checks it first); an unknown id here is a programming error.
 *
 * <p>Planning is a pipeline of stages, each a small class with its own tests: {@link TargetChoice}
 * (which targets), {@link EffectiveParameters} (the one overrides merge), {@link ScenarioResolver}
 * (events, observations, cells, counts, macro shocks), {@link TargetStage}, {@link FanStage},
 * {@link JointStage}, {@link ThresholdStage}, {@link SettingsStage} and {@link AssumptionStage}.
 *
 * <p>Every cell of the model is simulated, in model order, whatever the request selects: the cost
 * is small, and it keeps each cell's random stream the same from one request to the next, so two
 * what-ifs with one seed differ only by what they change (common random numbers).
 */
public final class ProjectionPlanner {
  private final Model model;
  private final Limits limits;
  private final ModelIndex index;
  private final ScenarioResolver resolver;

  /** Looks up a dataset a scenario names (empty when there is none of that id). */
  private volatile Function<String, Optional<Dataset>> datasets = id -> Optional.empty();

  /**
   * A planner of runs on {@code model} within {@code limits}.
   *
   * @param model the seeded model
   * @param limits the server's limits (the path cap of precision runs and of the default)
   */
  public ProjectionPlanner(Model model, Limits limits) {
    this.model = model;
    this.limits = limits;
    this.index = new ModelIndex(model);
    this.resolver = new ScenarioResolver(model, index);
  }

  /**
   * The model it plans against.
   *
   * @return the model
   */
  public Model model() {
    return model;
  }

  /**
   * The targets a selection picks, simulated or not, in model order after explicit ids.
   *
   * @param selection the request's target selection
   * @return the selected targets
   */
  public List<Target> select(TargetSelection selection) {
    return TargetChoice.select(model, selection);
  }

  /**
   * Checks that {@code overrides} fit the model (events to remove or delay exist, group totals
   * exceed their observed cells), as a run would.
   *
   * @param overrides a scenario's overrides
   * @throws PlanningException naming the field that does not fit
   */
  public void check(ScenarioOverrides overrides) {
    EffectiveParameters params = EffectiveParameters.of(model, overrides, List.of());
    resolver.resolve(params, false, limits.maxHorizonYear(), datasetStage(overrides, params));
  }

  /**
   * Where runs find the datasets scenarios name (the server's dataset store).
   *
   * @param datasets the lookup: a dataset by id, or empty
   */
  public void useDatasets(Function<String, Optional<Dataset>> datasets) {
    this.datasets = datasets;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The dataset a scenario names, estimated and turned into observations; none without one. */
  private DatasetStage datasetStage(ScenarioOverrides scenario, EffectiveParameters params) {
    if (scenario.getDatasetId().isEmpty()) {
      return DatasetStage.none();
    }
    Dataset dataset =
        datasets
            .apply(scenario.getDatasetId())
            .orElseThrow(
                () ->
                    new PlanningException(
                        "dataset_id", "no dataset '" + scenario.getDatasetId() + "' is stored"));
    double error = model.shocks().getObservationError().getValue();
    return DatasetStage.of(
        model, index, dataset, params, error > 0 ? error : ObservationEvidence.FALLBACK_ERROR);
  }

  /**
   * Resolves {@code spec} with its inline overrides (if any); {@code seed} is the seed to run with.
   *
   * @param spec a validated simulation spec
   * @param seed the seed to run with
   * @return the planned run
   * @throws PlanningException when the overrides do not fit the model
   */
  public PlannedRun plan(SimulationSpec spec, long seed) {
    return plan(spec, spec.getInlineOverrides(), seed);
  }

  /**
   * Resolves {@code spec} with {@code scenario} (a stored scenario's overrides, or the inline
   * ones); {@code spec.overrides} apply on top.
   *
   * @param spec a validated simulation spec
   * @param scenario a stored scenario's overrides, the inline ones, or none
   * @param seed the seed to run with
   * @return the planned run
   * @throws PlanningException when the overrides do not fit the model
   */
  public PlannedRun plan(SimulationSpec spec, ScenarioOverrides scenario, long seed) {
    TargetChoice choice = TargetChoice.of(model, spec);
    SettingsStage settings = SettingsStage.of(spec, model.shocks(), limits, seed);
    EffectiveParameters params = EffectiveParameters.of(model, scenario, spec.getOverridesList());
    DatasetStage data = datasetStage(params.overrides(), params);
    ScenarioResolver.Resolved resolved =
        resolver.resolve(params, spec.getIgnoreSeededObservations(), settings.horizon(), data);
    GroupTable groups = new GroupTable();
    TargetStage targets =
        TargetStage.of(
            model, index, choice.simulated(), resolved.cells(), resolved.counts(), groups);
    JointStage joints = JointStage.of(model, choice.simulated(), spec.getJointList());
    ThresholdStage thresholds =
        ThresholdStage.of(
            model,
            index,
            spec.getThresholdsList(),
            settings.horizon(),
            resolved.cells(),
            resolved.counts(),
            groups,
            targets.specs().size());
    FanStage fans =
        FanStage.of(
            model,
            index,
            spec.getFansList(),
            groups,
            resolved.cells(),
            resolved.counts(),
            settings.horizon(),
            targets.specs().size() + thresholds.specs().size());
    Projection projection =
        new Projection(
            resolved.cells(),
            index.chainCount(),
            settings.shocks(),
            groups.specs(),
            concat(concat(targets.specs(), thresholds.specs()), fans.countTargets()),
            fans.specs(),
            joints.specs(),
            settings.horizon(),
            resolved.counts(),
            resolved.shifts(),
            resolved.evidence());
    return new PlannedRun(
        projection,
        settings.settings(),
        choice.simulated(),
        targets.bases(),
        joints.metas(),
        fans.metas(),
        choice.skipped(),
        concat(
            AssumptionStage.of(params, groups.usedCells(), groups.usedCounts()), data.provenance()),
        settings.distribution(),
        resolved.observations(),
        thresholds.metas(),
        spec.toBuilder().setInlineOverrides(scenario).setSeed(seed).build());
  }

  /**
   * The cells a subject sums.
   *
   * @param subject a fan's or a request's subject
   * @return the cells, in model order
   */
  public List<Cell> cellsOf(Subject subject) {
    return FanStage.cellsOf(model, subject);
  }
}
