package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.ChainsAboveTarget;
import chaincast.engine.CountCellSpec;
import chaincast.engine.CountTarget;
import chaincast.engine.EventSpec;
import chaincast.engine.FanSpec;
import chaincast.engine.GroupSpec;
import chaincast.engine.JointSpec;
import chaincast.engine.Projection;
import chaincast.engine.RunSettings;
import chaincast.engine.ShockSpec;
import chaincast.engine.TargetSpec;
import chaincast.engine.ValueTarget;
import chaincast.model.Model;
import chaincast.v1.AssumptionInUse;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.CellParameters;
import chaincast.v1.Comparison;
import chaincast.v1.CountOverride;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.CountCell;
import chaincast.v1.JointRequest;
import chaincast.v1.JointSet;
import chaincast.v1.LocalizedName;
import chaincast.v1.Parameter;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ShockDistribution;
import chaincast.v1.ShockSettings;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SkippedTarget;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves a validated {@link SimulationSpec} against the model into a
 * {@link PlannedRun}. Input is assumed valid ({@code chaincast.api} checks it
 * first); an unknown id here is a programming error.
 *
 * <p>Every cell of the model is simulated, in model order, whatever the
 * request selects: the cost is small, and it keeps each cell's random stream
 * the same from one request to the next, so two what-ifs with one seed differ
 * only by what they change (common random numbers).
 */
public final class ProjectionPlanner {
  private final Model model;
  private final Limits limits;
  private final Map<String, Integer> cellIndex = new HashMap<>();
  private final Map<String, Integer> chainIndex = new HashMap<>();
  private final Map<String, Integer> countCellIndex = new HashMap<>();
  private final ScenarioResolver resolver;

  public ProjectionPlanner(Model model, Limits limits) {
    this.model = model;
    this.limits = limits;
    List<Cell> cells = model.cells();
    for (int i = 0; i < cells.size(); i++) {
      cellIndex.put(cells.get(i).getId(), i);
      chainIndex.putIfAbsent(cells.get(i).getChainId(), chainIndex.size());
    }
    for (CountCell c : model.countCells()) {
      countCellIndex.put(c.getId(), countCellIndex.size());
    }
    this.resolver = new ScenarioResolver(model, cellIndex, chainIndex);
  }

  /** The model it plans against. */
  public Model model() {
    return model;
  }

  /** The targets a selection picks, simulated or not, in model order after explicit ids. */
  public List<Target> select(TargetSelection selection) {
    Set<String> ids = new LinkedHashSet<>(selection.getTargetIdsList());
    boolean filtered =
        !selection.getPlanId().isEmpty()
            || selection.getYear() != 0
            || !selection.getChainId().isEmpty()
            || !selection.getRegionId().isEmpty();
    int year = selection.getYear();
    if (ids.isEmpty() && !filtered) {
      year = Limits.DEFAULT_HORIZON_YEAR;
      filtered = true;
    }
    if (filtered) {
      for (Target t : model.targets()) {
        boolean planOk = selection.getPlanId().isEmpty() || t.getPlanId().equals(selection.getPlanId());
        boolean yearOk = year == 0 || t.getYear() == year;
        boolean chainOk =
            selection.getChainId().isEmpty() || model.scopeCoversChain(t.getScope(), selection.getChainId());
        boolean regionOk =
            selection.getRegionId().isEmpty()
                || model.scopeCoversRegion(t.getScope(), selection.getRegionId());
        if (planOk && yearOk && chainOk && regionOk) {
          ids.add(t.getId());
        }
      }
    }
    List<Target> out = new ArrayList<>();
    for (String id : ids) {
      out.add(model.target(id).orElseThrow());
    }
    return out;
  }

  /**
   * Checks that {@code overrides} fit the model (events to remove or delay exist, group totals
   * exceed their observed cells), as a run would.
   *
   * @throws PlanningException naming the field that does not fit
   */
  public void check(ScenarioOverrides overrides) {
    resolver.resolve(overrides, List.of(), false, limits.maxHorizonYear());
  }

  /**
   * Resolves {@code spec} with its inline overrides (if any); {@code seed} is the seed to run with.
   *
   * @throws PlanningException when the overrides do not fit the model
   */
  public PlannedRun plan(SimulationSpec spec, long seed) {
    return plan(spec, spec.getInlineOverrides(), seed);
  }

  /**
   * Resolves {@code spec} with {@code scenario} (a stored scenario's overrides, or the inline
   * ones); {@code spec.overrides} apply on top.
   *
   * @throws PlanningException when the overrides do not fit the model
   */
  public PlannedRun plan(SimulationSpec spec, ScenarioOverrides scenario, long seed) {
    List<Target> simulated = new ArrayList<>();
    List<SkippedTarget> skipped = new ArrayList<>();
    Set<String> chosen = new LinkedHashSet<>();
    for (Target t : select(spec.getTargets())) {
      if (model.isSimulated(t)) {
        if (chosen.add(t.getId())) {
          simulated.add(t);
        }
      } else {
        skipped.add(
            SkippedTarget.newBuilder()
                .setTargetId(t.getId())
                .setReason(t.getNotSimulatedReason())
                .build());
      }
    }
    // A joint set's targets are simulated even when the selection left them out.
    for (JointRequest j : spec.getJointList()) {
      for (String id : j.getTargetIdsList()) {
        if (chosen.add(id)) {
          simulated.add(model.target(id).orElseThrow());
        }
      }
    }

    int horizon = spec.getHorizonYear() == 0 ? Limits.DEFAULT_HORIZON_YEAR : spec.getHorizonYear();
    ScenarioResolver.Resolved resolved =
        resolver.resolve(scenario, spec.getOverridesList(), spec.getIgnoreSeededObservations(), horizon);
    Map<String, CellOverride> overrides = resolved.cellOverrides();
    List<CellSpec> cellSpecs = resolved.cells();
    List<CountCellSpec> countSpecs = resolved.counts();

    GroupTable groups = new GroupTable();
    List<TargetSpec> targetSpecs = new ArrayList<>();
    List<PlannedRun.TargetBase> bases = new ArrayList<>();
    Set<Integer> usedCells = new TreeSet<>();
    Set<Integer> usedCounts = new TreeSet<>();
    for (Target t : simulated) {
      boolean strict = t.getComparison() == Comparison.COMPARISON_GREATER_THAN;
      if (t.getKind() == TargetKind.TARGET_KIND_COUNT) {
        int[] counted =
            model.countCellsFor(t).stream().mapToInt(c -> countCellIndex.get(c.getId())).toArray();
        double base = 0;
        int baseYear = Integer.MIN_VALUE;
        for (int k : counted) {
          if (countSpecs.get(k).baseYear() > t.getYear()) {
            // Counts are not simulated backwards from an observation.
            throw new PlanningException(
                "observations",
                "count cell '" + countSpecs.get(k).id() + "' is observed in " + countSpecs.get(k).baseYear()
                    + ", after the year " + t.getYear() + " of target '" + t.getId()
                    + "'; leave that target out or observe an earlier year");
          }
          usedCounts.add(k);
          base += countSpecs.get(k).baseCount();
          baseYear = Math.max(baseYear, countSpecs.get(k).baseYear());
        }
        targetSpecs.add(new CountTarget(t.getId(), counted, t.getYear(), t.getValue(), strict));
        bases.add(new PlannedRun.TargetBase(base, baseYear));
      } else if (t.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE) {
        List<int[]> perChain = chainsOf(t);
        int[] groupIds = new int[perChain.size()];
        int already = 0;
        int baseYear = Integer.MIN_VALUE;
        for (int k = 0; k < perChain.size(); k++) {
          groupIds[k] = groups.idOf(perChain.get(k), t.getId());
          double base = 0;
          for (int c : perChain.get(k)) {
            usedCells.add(c);
            base += cellSpecs.get(c).baseValue();
            baseYear = Math.max(baseYear, cellSpecs.get(c).baseYear());
          }
          already += base >= t.getLevel() ? 1 : 0;
        }
        targetSpecs.add(
            new ChainsAboveTarget(
                t.getId(), groupIds, t.getLevel(), t.getYear(), (int) Math.round(t.getValue()), strict));
        bases.add(new PlannedRun.TargetBase(already, baseYear));
      } else {
        int[] cells = indices(model.cellsIn(t.getScope()));
        int group = groups.idOf(cells, t.getId());
        double base = 0;
        int baseYear = Integer.MIN_VALUE;
        double observed = 0;
        int observedYear = cellSpecs.get(cells[0]).observedYear();
        for (int c : cells) {
          usedCells.add(c);
          base += cellSpecs.get(c).baseValue();
          baseYear = Math.max(baseYear, cellSpecs.get(c).baseYear());
          observed += cellSpecs.get(c).observedValue();
          if (cellSpecs.get(c).observedYear() != observedYear) {
            observedYear = 0;
          }
        }
        // Required growth is measured from where the paths start: the observation when every
        // cell in scope was observed in one year.
        if (observedYear != 0) {
          base = observed;
          baseYear = observedYear;
        }
        targetSpecs.add(new ValueTarget(t.getId(), group, t.getYear(), t.getValue(), strict));
        bases.add(new PlannedRun.TargetBase(base, baseYear));
      }
    }

    List<FanSpec> fanSpecs = new ArrayList<>();
    List<PlannedRun.FanMeta> fanMetas = new ArrayList<>();
    for (var fan : spec.getFansList()) {
      Subject subject = fan.getSubject();
      int[] cells = indices(cellsOf(subject));
      for (int c : cells) {
        usedCells.add(c);
      }
      String label = SubjectNames.key(subject);
      fanSpecs.add(new FanSpec(label, groups.idOf(cells, label)));
      fanMetas.add(new PlannedRun.FanMeta(subject, SubjectNames.name(model, subject)));
    }

    List<JointSpec> jointSpecs = new ArrayList<>();
    List<PlannedRun.JointMeta> jointMetas = new ArrayList<>();
    Map<String, Integer> targetPos = new HashMap<>();
    for (int i = 0; i < simulated.size(); i++) {
      targetPos.put(simulated.get(i).getId(), i);
    }
    for (JointSet js : model.jointSets()) {
      if (targetPos.keySet().containsAll(js.getTargetIdsList())) {
        jointSpecs.add(new JointSpec(js.getId(), positions(js.getTargetIdsList(), targetPos)));
        jointMetas.add(new PlannedRun.JointMeta(js.getId(), js.getName(), js.getTargetIdsList()));
      }
    }
    for (JointRequest j : spec.getJointList()) {
      String id = j.getId().isEmpty() ? "joint-" + (jointSpecs.size() + 1) : j.getId();
      jointSpecs.add(new JointSpec(id, positions(j.getTargetIdsList(), targetPos)));
      jointMetas.add(
          new PlannedRun.JointMeta(
              id,
              LocalizedName.newBuilder().setZh("自定义联合目标").setEn("Requested joint set").build(),
              j.getTargetIdsList()));
    }

    ShockSettings shocks = model.shocks();
    ShockDistribution distribution =
        spec.getShockDistribution() == ShockDistribution.SHOCK_DISTRIBUTION_UNSPECIFIED
            ? shocks.getDistribution()
            : spec.getShockDistribution();
    ShockSpec shockSpec =
        new ShockSpec(
            shocks.getCityWeight().getValue(),
            shocks.getChainWeight().getValue(),
            distribution == ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T
                ? ShockSpec.Distribution.STUDENT_T
                : ShockSpec.Distribution.NORMAL,
            shocks.getDegreesOfFreedom().getValue());

    Projection projection =
        new Projection(
            cellSpecs,
            chainIndex.size(),
            shockSpec,
            groups.specs(),
            targetSpecs,
            fanSpecs,
            jointSpecs,
            horizon,
            countSpecs,
            resolved.shifts());

    double[] percentiles =
        spec.getPercentilesCount() == 0
            ? Limits.DEFAULT_PERCENTILES.clone()
            : spec.getPercentilesList().stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
    RunSettings settings;
    if (spec.hasPrecision()) {
      long cap = spec.getPrecision().getMaxPaths() == 0 ? limits.maxPaths() : spec.getPrecision().getMaxPaths();
      settings = new RunSettings(0, spec.getPrecision().getHalfWidth(), cap, seed, percentiles);
    } else {
      // A server with a lower limit than the default runs its limit, never more.
      long paths = spec.getPaths() == 0 ? Math.min(Limits.DEFAULT_PATHS, limits.maxPaths()) : spec.getPaths();
      settings = new RunSettings(paths, 0, paths, seed, percentiles);
    }

    return new PlannedRun(
        projection,
        settings,
        simulated,
        bases,
        jointMetas,
        fanMetas,
        skipped,
        assumptions(usedCells, overrides, usedCounts, resolved.countOverrides()),
        distribution,
        resolved.observations());
  }

  /** The cells a subject sums. */
  public List<Cell> cellsOf(Subject subject) {
    return switch (subject.getKindCase()) {
      case CELL_ID -> List.of(model.cell(subject.getCellId()).orElseThrow());
      case CHAIN_ID -> model.cellsOfChain(subject.getChainId());
      case REGION_ID -> model.cellsOfRegion(subject.getRegionId());
      case TARGET_ID -> model.cellsIn(model.target(subject.getTargetId()).orElseThrow().getScope());
      case CITY -> model.cityCells();
      case KIND_NOT_SET -> throw new IllegalArgumentException("subject has no kind");
    };
  }

  /** One cell-index array per chain in a chains-above target's scope. */
  private List<int[]> chainsOf(Target t) {
    Map<String, List<Cell>> byChain = new LinkedHashMap<>();
    for (Cell c : model.cellsIn(t.getScope())) {
      byChain.computeIfAbsent(c.getChainId(), k -> new ArrayList<>()).add(c);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Cell> cells : byChain.values()) {
      out.add(indices(cells));
    }
    return out;
  }

  private List<AssumptionInUse> assumptions(
      Set<Integer> usedCells,
      Map<String, CellOverride> overrides,
      Set<Integer> usedCounts,
      Map<String, CountOverride> countOverrides) {
    List<AssumptionInUse> out = new ArrayList<>();
    for (int i : usedCells) {
      Cell c = model.cells().get(i);
      CellOverride o = overrides.get(c.getId());
      CellParameters p = c.getParameters();
      add(out, c, "base_value", p.getBaseValue(), o != null && o.hasBaseValue() ? o.getBaseValue() : null);
      add(out, c, "drift_mean", p.getDriftMean(), o != null && o.hasDriftMean() ? o.getDriftMean() : null);
      add(out, c, "drift_sd", p.getDriftSd(), o != null && o.hasDriftSd() ? o.getDriftSd() : null);
      add(out, c, "volatility", p.getVolatility(), o != null && o.hasVolatility() ? o.getVolatility() : null);
    }
    for (int k : usedCounts) {
      CountCell c = model.countCells().get(k);
      CountOverride o = countOverrides.get(c.getId());
      var p = c.getParameters();
      add(out, c.getId(), "base_count", p.getBaseCount(), o != null && o.hasBaseCount() ? o.getBaseCount() : null);
      add(out, c.getId(), "yearly_rate", p.getYearlyRate(), o != null && o.hasYearlyRate() ? o.getYearlyRate() : null);
      add(out, c.getId(), "rate_shape", p.getRateShape(), o != null && o.hasRateShape() ? o.getRateShape() : null);
    }
    return out;
  }

  private static void add(List<AssumptionInUse> out, Cell c, String name, Parameter seeded, Double override) {
    add(out, c.getId(), name, seeded, override);
  }

  private static void add(List<AssumptionInUse> out, String cellId, String name, Parameter seeded, Double override) {
    if (override != null) {
      out.add(
          AssumptionInUse.newBuilder()
              .setCellId(cellId)
              .setParameter(name)
              .setValue(override)
              .setProvenance(
                  Provenance.newBuilder()
                      .setKind(ProvenanceKind.PROVENANCE_KIND_OVERRIDE)
                      .setReason("set by this request; the seeded value is " + seeded.getValue()))
              .build());
    } else if (seeded.getProvenance().getKind() == ProvenanceKind.PROVENANCE_KIND_ASSUMPTION) {
      out.add(
          AssumptionInUse.newBuilder()
              .setCellId(cellId)
              .setParameter(name)
              .setValue(seeded.getValue())
              .setProvenance(seeded.getProvenance())
              .build());
    }
  }

  private int[] indices(List<Cell> cells) {
    return cells.stream().mapToInt(c -> cellIndex.get(c.getId())).sorted().toArray();
  }

  private static int[] positions(List<String> ids, Map<String, Integer> pos) {
    return ids.stream().mapToInt(pos::get).toArray();
  }

  /** Groups keyed by their cell set, so two targets on one scope share one sum. */
  private static final class GroupTable {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<GroupSpec> specs = new ArrayList<>();

    int idOf(int[] cells, String label) {
      String key = Arrays.toString(cells);
      return ids.computeIfAbsent(
          key,
          k -> {
            specs.add(new GroupSpec(label, cells));
            return specs.size() - 1;
          });
    }

    List<GroupSpec> specs() {
      return specs;
    }
  }
}
