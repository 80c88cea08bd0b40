package chaincast.api;

import chaincast.engine.ParameterDomain;
import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.run.Limits;
import chaincast.run.ProjectionPlanner;
import chaincast.v1.FanRequest;
import chaincast.v1.JointRequest;
import chaincast.v1.RegionMatch;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetSelection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every field of a {@link SimulationSpec} against the model and the server's {@link Limits}.
 * Field paths in violations are relative to the request, e.g. {@code spec.overrides[2].volatility}.
 */
public final class SimulationSpecValidator {
  /**
   * Latest year a target selection may filter on. Plans name years up to 2035; a later year is a
   * typo, and refusing it says so instead of selecting nothing.
   */
  static final int LAST_SELECTABLE_YEAR = 2100;

  private final Model model;
  private final Limits limits;
  private final ProjectionPlanner planner;
  private final ScenarioOverridesValidator overridesValidator;
  private final SubjectValidator subjects;
  private final ThresholdValidator thresholds;

  /**
   * A validator of specs against one model.
   *
   * @param model the model whose cells, chains and targets a spec may name
   * @param limits the server's limits on horizon, targets and the like
   * @param planner the planner, asked which targets a selection names
   */
  public SimulationSpecValidator(Model model, Limits limits, ProjectionPlanner planner) {
    this(model, limits, planner, DatasetCatalog.NONE);
  }

  /**
   * A validator of specs against one model and the stored datasets scenarios may name.
   *
   * @param model the model whose cells, chains and targets a spec may name
   * @param limits the server's limits on horizon, targets and the like
   * @param planner the planner, asked which targets a selection names
   * @param datasets which datasets are stored ({@code ScenarioOverrides.dataset_id})
   */
  public SimulationSpecValidator(
      Model model, Limits limits, ProjectionPlanner planner, DatasetCatalog datasets) {
    this.model = model;
    this.limits = limits;
    this.planner = planner;
    this.overridesValidator = new ScenarioOverridesValidator(model, limits, datasets);
    this.subjects = new SubjectValidator(model);
    this.thresholds = new ThresholdValidator(model, planner, subjects);
  }

  /** The checks of a scenario's overrides, for the scenario service. */
  ScenarioOverridesValidator overridesValidator() {
    return overridesValidator;
  }

  /**
   * Throws {@link ApiException} unless {@code spec} can be run as it is: every violation found, not
   * only the first, so a caller fixes a request in one round.
   */
  public void validate(SimulationSpec spec) {
    Violations v = new Violations();
    int horizon = spec.getHorizonYear() == 0 ? Limits.DEFAULT_HORIZON_YEAR : spec.getHorizonYear();
    boolean horizonValid = checkHorizon(spec, v);
    checkTargets(spec, horizon, horizonValid, v);
    checkStopping(spec, v);
    checkPercentiles(spec, v);
    checkFans(spec, v);
    checkOverrides(spec, v);
    checkJoints(spec, horizon, v);
    thresholds.check(spec.getThresholdsList(), horizon, horizonValid, v);
    checkScenario(spec, v);
    if (spec.getShockDistribution() == ShockDistribution.UNRECOGNIZED) {
      v.invalid("spec.shock_distribution", "unknown value " + spec.getShockDistributionValue());
    }
    v.throwIfAny();
  }

  /** The horizon is 0 (the default) or a year after every cell's base year within the limit. */
  private boolean checkHorizon(SimulationSpec spec, Violations v) {
    int latestBaseYear =
        model.cells().stream().mapToInt(c -> c.getParameters().getBaseYear()).max().orElse(0);
    boolean valid =
        spec.getHorizonYear() == 0
            || (spec.getHorizonYear() > latestBaseYear
                && spec.getHorizonYear() <= limits.maxHorizonYear());
    if (!valid) {
      v.invalid(
          "spec.horizon_year",
          "must be 0 (for "
              + Limits.DEFAULT_HORIZON_YEAR
              + ") or a year from "
              + (latestBaseYear + 1)
              + " to "
              + limits.maxHorizonYear()
              + ", got "
              + spec.getHorizonYear());
    }
    return valid;
  }

  /** The selection names known things, fits the horizon and the limit, and simulates something. */
  private void checkTargets(SimulationSpec spec, int horizon, boolean horizonValid, Violations v) {
    List<Target> selected = selection(spec.getTargets(), v);
    int simulated = 0;
    Target latest = null;
    for (Target t : selected) {
      if (model.isSimulated(t)) {
        simulated++;
        if (latest == null || t.getYear() > latest.getYear()) {
          latest = t;
        }
      }
    }
    // One violation for the latest target, not one per target: the fix is one number.
    if (horizonValid && latest != null && latest.getYear() > horizon) {
      v.invalid(
          "spec.horizon_year",
          "is "
              + horizon
              + " but target '"
              + latest.getId()
              + "' is for "
              + latest.getYear()
              + "; raise the horizon to at least "
              + latest.getYear()
              + " or drop the target");
    }
    if (selected.size() > limits.maxTargets()) {
      v.invalid(
          "spec.targets",
          "selects "
              + selected.size()
              + " targets; at most "
              + limits.maxTargets()
              + " per request");
    }
    if (!v.hasNotFound()
        && simulated == 0
        && spec.getFansCount() == 0
        && spec.getJointCount() == 0
        && spec.getThresholdsCount() == 0) {
      v.invalid(
          "spec.targets",
          "selects no target the engine simulates ("
              + selected.size()
              + " selected, all counts or other indicators) and asks for no fan or threshold");
    }
  }

  private void checkStopping(SimulationSpec spec, Violations v) {
    switch (spec.getStoppingCase()) {
      case PATHS -> {
        if (spec.getPaths() < 1 || spec.getPaths() > limits.maxPaths()) {
          v.invalid(
              "spec.paths", "must be from 1 to " + limits.maxPaths() + ", got " + spec.getPaths());
        }
      }
      case PRECISION -> {
        v.inDomain(
            "spec.precision.half_width",
            ParameterDomain.HALF_WIDTH,
            spec.getPrecision().getHalfWidth());
        long cap = spec.getPrecision().getMaxPaths();
        if (cap < 0 || cap > limits.maxPaths()) {
          v.invalid(
              "spec.precision.max_paths",
              "must be 0 (the server's limit) or from 1 to " + limits.maxPaths() + ", got " + cap);
        }
      }
      case STOPPING_NOT_SET -> {}
    }
  }

  private void checkPercentiles(SimulationSpec spec, Violations v) {
    if (spec.getPercentilesCount() > limits.maxPercentiles()) {
      v.invalid(
          "spec.percentiles",
          "has " + spec.getPercentilesCount() + " entries; at most " + limits.maxPercentiles());
    }
    for (int i = 0; i < spec.getPercentilesCount(); i++) {
      v.inDomain("spec.percentiles[" + i + "]", ParameterDomain.PERCENTILE, spec.getPercentiles(i));
    }
  }

  private void checkFans(SimulationSpec spec, Violations v) {
    if (spec.getFansCount() > limits.maxFans()) {
      v.invalid("spec.fans", "has " + spec.getFansCount() + " fans; at most " + limits.maxFans());
    }
    for (int i = 0; i < spec.getFansCount(); i++) {
      FanRequest fan = spec.getFans(i);
      subjects.check(fan.getSubject(), "spec.fans[" + i + "].subject", false, v);
    }
  }

  private void checkOverrides(SimulationSpec spec, Violations v) {
    if (spec.getOverridesCount() > limits.maxOverrides()) {
      v.invalid(
          "spec.overrides",
          "has " + spec.getOverridesCount() + " entries; at most " + limits.maxOverrides());
    }
    Set<String> overridden = new HashSet<>();
    for (int i = 0; i < spec.getOverridesCount(); i++) {
      ScenarioOverridesValidator.checkCellOverride(
          model, spec.getOverrides(i), "spec.overrides[" + i + "]", overridden, v);
    }
  }

  private void checkJoints(SimulationSpec spec, int horizon, Violations v) {
    if (spec.getJointCount() > limits.maxJointSets()) {
      v.invalid(
          "spec.joint", "has " + spec.getJointCount() + " sets; at most " + limits.maxJointSets());
    }
    for (int i = 0; i < spec.getJointCount(); i++) {
      checkJoint(spec.getJoint(i), "spec.joint[" + i + "]", horizon, v);
    }
  }

  private void checkScenario(SimulationSpec spec, Violations v) {
    if (spec.getScenarioCase() == SimulationSpec.ScenarioCase.SCENARIO_ID
        && !ScenarioServiceImpl.ID.matcher(spec.getScenarioId()).matches()) {
      v.invalid(
          "spec.scenario_id",
          "must be a scenario id (a-z, 0-9, '-', starting with a letter), got "
              + ClientText.quote(spec.getScenarioId()));
    }
    if (spec.hasInlineOverrides()) {
      overridesValidator.validate(spec.getInlineOverrides(), "spec.inline_overrides", v);
    }
  }

  private List<Target> selection(TargetSelection sel, Violations v) {
    boolean ok = true;
    for (int i = 0; i < sel.getTargetIdsCount(); i++) {
      if (model.target(sel.getTargetIds(i)).isEmpty()) {
        v.notFound("target", sel.getTargetIds(i), "spec.targets.target_ids[" + i + "]", model);
        ok = false;
      }
    }
    if (!sel.getPlanId().isEmpty() && model.plan(sel.getPlanId()).isEmpty()) {
      v.notFound("plan", sel.getPlanId(), "spec.targets.plan_id", model);
      ok = false;
    }
    if (!sel.getChainId().isEmpty() && model.chain(sel.getChainId()).isEmpty()) {
      v.notFound("chain", sel.getChainId(), "spec.targets.chain_id", model);
      ok = false;
    }
    if (!sel.getRegionId().isEmpty() && model.region(sel.getRegionId()).isEmpty()) {
      v.notFound("region", sel.getRegionId(), "spec.targets.region_id", model);
      ok = false;
    }
    if (sel.getRegionMatch() == RegionMatch.UNRECOGNIZED) {
      v.invalid(
          "spec.targets.region_match",
          "unknown value " + sel.getRegionMatchValue() + "; use REACHES or OWN");
      ok = false;
    }
    if (sel.getYear() != 0
        && (sel.getYear() < ScenarioOverridesValidator.FIRST_YEAR
            || sel.getYear() > LAST_SELECTABLE_YEAR)) {
      v.invalid("spec.targets.year", "must be 0 (any) or a calendar year, got " + sel.getYear());
      ok = false;
    }
    return ok ? planner.select(sel) : List.of();
  }

  private void checkJoint(JointRequest j, String field, int horizon, Violations v) {
    if (j.getTargetIdsCount() < 2) {
      v.invalid(field + ".target_ids", "needs at least two targets, got " + j.getTargetIdsCount());
    }
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < j.getTargetIdsCount(); k++) {
      String id = j.getTargetIds(k);
      String f = field + ".target_ids[" + k + "]";
      var t = model.target(id);
      if (t.isEmpty()) {
        v.notFound("target", id, f, model);
      } else if (!model.isSimulated(t.get())) {
        v.invalid(f, "target '" + id + "' is not simulated: " + t.get().getNotSimulatedReason());
      } else if (t.get().getYear() > horizon) {
        v.invalid(
            f,
            "target '" + id + "' is for " + t.get().getYear() + ", after the horizon " + horizon);
      }
      if (!seen.add(id)) {
        v.invalid(f, "target " + ClientText.quote(id) + " is listed twice");
      }
    }
  }
}
