package chaincast.model;

import chaincast.engine.ParameterDomain;
import chaincast.v1.Actual;
import chaincast.v1.Cell;
import chaincast.v1.CellParameters;
import chaincast.v1.Chain;
import chaincast.v1.ChainFamily;
import chaincast.v1.Citation;
import chaincast.v1.Comparison;
import chaincast.v1.CountCell;
import chaincast.v1.CountParameters;
import chaincast.v1.JointSet;
import chaincast.v1.LocalizedName;
import chaincast.v1.Observation;
import chaincast.v1.Parameter;
import chaincast.v1.Plan;
import chaincast.v1.ProjectEvent;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.Region;
import chaincast.v1.RegionKind;
import chaincast.v1.Scope;
import chaincast.v1.Seed;
import chaincast.v1.ShockDistribution;
import chaincast.v1.ShockSettings;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.Unit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules a merged seed must follow before it becomes a {@link Model}. The first violation found
 * is thrown as a {@link SeedException} naming the object kind, its id and the field.
 */
final class ModelValidator {

  static final String PLAN = "plan";
  static final String REGION = "region";
  static final String CHAIN = "chain";
  static final String TARGET = "target";
  static final String ACTUAL = "actual";
  static final String CELL = "cell";
  static final String JOINT_SET = "joint set";
  static final String SHOCKS = "shocks";
  static final String COUNT_CELL = "count cell";
  static final String OBSERVATION = "observation";

  private final Seed seed;
  private final Map<String, Plan> plans = new HashMap<>();
  private final Map<String, Region> regions = new HashMap<>();
  private final Map<String, Chain> chains = new HashMap<>();
  private final Map<String, Target> targets = new HashMap<>();

  private ModelValidator(Seed seed) {
    this.seed = seed;
  }

  static void validate(Seed seed) {
    new ModelValidator(seed).run();
  }

  private void run() {
    uniqueIds(PLAN, seed.getPlansList(), Plan::getId, plans);
    uniqueIds(REGION, seed.getRegionsList(), Region::getId, regions);
    uniqueIds(CHAIN, seed.getChainsList(), Chain::getId, chains);
    uniqueIds(TARGET, seed.getTargetsList(), Target::getId, targets);
    uniqueIds(ACTUAL, seed.getActualsList(), Actual::getId, new HashMap<>());
    uniqueIds(CELL, seed.getCellsList(), Cell::getId, new HashMap<>());
    uniqueIds(JOINT_SET, seed.getJointSetsList(), JointSet::getId, new HashMap<>());
    uniqueIds(COUNT_CELL, seed.getCountCellsList(), CountCell::getId, new HashMap<>());
    uniqueIds(OBSERVATION, seed.getObservationsList(), Observation::getId, new HashMap<>());

    seed.getPlansList().forEach(this::plan);
    seed.getRegionsList().forEach(this::region);
    seed.getChainsList().forEach(this::chain);
    seed.getCellsList().forEach(this::cell);
    seed.getCountCellsList().forEach(this::countCell);
    shocks();
    seed.getTargetsList().forEach(this::target);
    seed.getActualsList().forEach(this::actual);
    seed.getJointSetsList().forEach(this::jointSet);
    seed.getObservationsList().forEach(this::observation);
  }

  private void observation(Observation o) {
    String id = o.getId();
    switch (o.getSubjectCase()) {
      case CELL_ID -> {
        Cell cell =
            seed.getCellsList().stream()
                .filter(c -> c.getId().equals(o.getCellId()))
                .findFirst()
                .orElse(null);
        if (cell == null) {
          throw SeedException.at(
              OBSERVATION, id, "cell_id", "unknown cell '" + o.getCellId() + "'");
        }
        if (o.getYear() < cell.getParameters().getBaseYear()) {
          throw SeedException.at(OBSERVATION, id, "year", "before the cell's base year");
        }
      }
      case GROUP -> {
        scope(OBSERVATION, id, o.getGroup());
        Set<String> chainIds = new HashSet<>(o.getGroup().getChainIdsList());
        Set<String> regionIds = new HashSet<>(o.getGroup().getRegionIdsList());
        boolean any =
            seed.getCellsList().stream()
                .anyMatch(
                    c ->
                        chainIds.contains(c.getChainId())
                            && (regionIds.isEmpty() || regionIds.contains(c.getRegionId())));
        if (!any) {
          throw SeedException.at(OBSERVATION, id, "group", "selects no cell");
        }
      }
      case COUNT_CELL_ID -> {
        if (seed.getCountCellsList().stream()
            .noneMatch(c -> c.getId().equals(o.getCountCellId()))) {
          throw SeedException.at(
              OBSERVATION, id, "count_cell_id", "unknown count cell '" + o.getCountCellId() + "'");
        }
        inDomain(OBSERVATION, id, "value", ParameterDomain.COUNT, o.getValue());
      }
      case SUBJECT_NOT_SET ->
          throw SeedException.at(OBSERVATION, id, "subject", "set cell_id, group or count_cell_id");
    }
    if (o.getSubjectCase() != Observation.SubjectCase.COUNT_CELL_ID) {
      inDomain(OBSERVATION, id, "value", ParameterDomain.OUTPUT, o.getValue());
    }
    inDomain(
        OBSERVATION, id, "relative_error", ParameterDomain.MEASUREMENT_ERROR, o.getRelativeError());
    if (o.hasPeriod()) {
      var p = o.getPeriod();
      if (p.getFirstMonth() < 1 || p.getLastMonth() < p.getFirstMonth() || p.getLastMonth() > 12) {
        throw SeedException.at(
            OBSERVATION, id, "period", "months must satisfy 1 <= first <= last <= 12");
      }
      inDomain(
          OBSERVATION, id, "period.fraction", ParameterDomain.PERIOD_FRACTION, p.getFraction());
      inDomain(
          OBSERVATION,
          id,
          "period.fraction_error",
          ParameterDomain.MEASUREMENT_ERROR,
          p.getFractionError());
    }
    if (o.getYear() <= 0) {
      throw SeedException.at(OBSERVATION, id, "year", "missing or not positive");
    }
    if (!o.hasProvenance()) {
      throw SeedException.at(OBSERVATION, id, "provenance", "missing");
    }
    provenance(OBSERVATION, id, "provenance", o.getProvenance());
  }

  private static <T> void uniqueIds(
      String kind, List<T> items, Function<T, String> id, Map<String, T> into) {
    for (T item : items) {
      String key = id.apply(item);
      if (key.isEmpty()) {
        throw SeedException.at(kind, "", "id", "missing id");
      }
      if (into.putIfAbsent(key, item) != null) {
        throw SeedException.at(kind, key, "id", "duplicate id: another " + kind + " has it");
      }
    }
  }

  // ---- objects

  private void plan(Plan p) {
    name(PLAN, p.getId(), "title", p.hasTitle() ? p.getTitle() : null);
    if (p.getVintage() <= 0) {
      throw SeedException.at(PLAN, p.getId(), "vintage", "missing or not positive");
    }
  }

  private void region(Region r) {
    name(REGION, r.getId(), "name", r.hasName() ? r.getName() : null);
    if (r.getKind() == RegionKind.REGION_KIND_UNSPECIFIED) {
      throw SeedException.at(REGION, r.getId(), "kind", "region kind is unspecified");
    }
  }

  private void chain(Chain c) {
    name(CHAIN, c.getId(), "name", c.hasName() ? c.getName() : null);
    if (c.getFamily() == ChainFamily.CHAIN_FAMILY_UNSPECIFIED) {
      throw SeedException.at(CHAIN, c.getId(), "family", "chain family is unspecified");
    }
    for (String related : c.getRelatedChainIdsList()) {
      if (!chains.containsKey(related)) {
        throw SeedException.at(
            CHAIN, c.getId(), "related_chain_ids", "unknown chain '" + related + "'");
      }
      if (related.equals(c.getId())) {
        throw SeedException.at(
            CHAIN, c.getId(), "related_chain_ids", "a chain cannot relate to itself");
      }
    }
  }

  private void cell(Cell c) {
    String id = c.getId();
    if (!chains.containsKey(c.getChainId())) {
      throw SeedException.at(CELL, id, "chain_id", "unknown chain '" + c.getChainId() + "'");
    }
    if (!regions.containsKey(c.getRegionId())) {
      throw SeedException.at(CELL, id, "region_id", "unknown region '" + c.getRegionId() + "'");
    }
    String expected = c.getChainId() + "@" + c.getRegionId();
    if (!id.equals(expected)) {
      throw SeedException.at(CELL, id, "id", "must be '" + expected + "' (chain_id@region_id)");
    }
    if (!c.hasParameters()) {
      throw SeedException.at(CELL, id, "parameters", "missing");
    }
    CellParameters p = c.getParameters();
    if (p.getBaseYear() <= 0) {
      throw SeedException.at(CELL, id, "parameters.base_year", "missing or not positive");
    }
    parameter(CELL, id, "parameters.base_value", p.hasBaseValue(), p.getBaseValue());
    parameter(CELL, id, "parameters.drift_mean", p.hasDriftMean(), p.getDriftMean());
    parameter(CELL, id, "parameters.drift_sd", p.hasDriftSd(), p.getDriftSd());
    parameter(CELL, id, "parameters.volatility", p.hasVolatility(), p.getVolatility());
    inDomain(
        CELL,
        id,
        "parameters.base_value.value",
        ParameterDomain.OUTPUT,
        p.getBaseValue().getValue());
    inDomain(
        CELL,
        id,
        "parameters.drift_mean.value",
        ParameterDomain.DRIFT_MEAN,
        p.getDriftMean().getValue());
    inDomain(
        CELL, id, "parameters.drift_sd.value", ParameterDomain.DRIFT_SD, p.getDriftSd().getValue());
    inDomain(
        CELL,
        id,
        "parameters.volatility.value",
        ParameterDomain.VOLATILITY,
        p.getVolatility().getValue());
    Set<String> eventIds = new HashSet<>();
    for (int i = 0; i < c.getEventsCount(); i++) {
      ProjectEvent e = c.getEvents(i);
      String f = "events[" + i + "]";
      if (e.getId().isEmpty() || !eventIds.add(e.getId())) {
        throw SeedException.at(
            CELL, id, f + ".id", "missing or duplicate event id '" + e.getId() + "'");
      }
      if (e.getFirstYear() <= 0 || e.getLastYear() < e.getFirstYear()) {
        throw SeedException.at(CELL, id, f + ".last_year", "need 0 < first_year <= last_year");
      }
      inDomain(
          CELL,
          id,
          f + ".yearly_probability",
          ParameterDomain.EVENT_PROBABILITY,
          e.getYearlyProbability());
      inDomain(CELL, id, f + ".jump_log_mean", ParameterDomain.JUMP_LOG_MEAN, e.getJumpLogMean());
      inDomain(CELL, id, f + ".jump_log_sd", ParameterDomain.JUMP_LOG_SD, e.getJumpLogSd());
      if (!e.hasProvenance()) {
        throw SeedException.at(CELL, id, f + ".provenance", "missing");
      }
      provenance(CELL, id, f + ".provenance", e.getProvenance());
    }
  }

  private void countCell(CountCell c) {
    String id = c.getId();
    if (!chains.containsKey(c.getChainId())) {
      throw SeedException.at(COUNT_CELL, id, "chain_id", "unknown chain '" + c.getChainId() + "'");
    }
    if (!regions.containsKey(c.getRegionId())) {
      throw SeedException.at(
          COUNT_CELL, id, "region_id", "unknown region '" + c.getRegionId() + "'");
    }
    if (c.getMetric().isBlank()) {
      throw SeedException.at(COUNT_CELL, id, "metric", "missing");
    }
    String expected = c.getMetric() + "@" + c.getRegionId();
    if (!id.equals(expected)) {
      throw SeedException.at(COUNT_CELL, id, "id", "must be '" + expected + "' (metric@region_id)");
    }
    if (!c.hasParameters()) {
      throw SeedException.at(COUNT_CELL, id, "parameters", "missing");
    }
    CountParameters p = c.getParameters();
    if (p.getBaseYear() <= 0) {
      throw SeedException.at(COUNT_CELL, id, "parameters.base_year", "missing or not positive");
    }
    parameter(COUNT_CELL, id, "parameters.base_count", p.hasBaseCount(), p.getBaseCount());
    parameter(COUNT_CELL, id, "parameters.yearly_rate", p.hasYearlyRate(), p.getYearlyRate());
    parameter(COUNT_CELL, id, "parameters.rate_shape", p.hasRateShape(), p.getRateShape());
    inDomain(
        COUNT_CELL,
        id,
        "parameters.base_count.value",
        ParameterDomain.COUNT,
        p.getBaseCount().getValue());
    inDomain(
        COUNT_CELL,
        id,
        "parameters.yearly_rate.value",
        ParameterDomain.YEARLY_RATE,
        p.getYearlyRate().getValue());
    inDomain(
        COUNT_CELL,
        id,
        "parameters.rate_shape.value",
        ParameterDomain.RATE_SHAPE,
        p.getRateShape().getValue());
  }

  /**
   * True when some count cell of the seed serves {@code t} (same metric, chain and region in
   * scope).
   */
  private boolean hasCountCells(Target t) {
    Set<String> chainIds = new HashSet<>(t.getScope().getChainIdsList());
    Set<String> regionIds = new HashSet<>(t.getScope().getRegionIdsList());
    for (CountCell c : seed.getCountCellsList()) {
      if (c.getMetric().equals(t.getMetric())
          && chainIds.contains(c.getChainId())
          && (regionIds.isEmpty() || regionIds.contains(c.getRegionId()))) {
        return true;
      }
    }
    return false;
  }

  private void shocks() {
    if (!seed.hasShocks()) {
      throw SeedException.at(SHOCKS, "", null, "no shock settings in the seed");
    }
    ShockSettings s = seed.getShocks();
    parameter(SHOCKS, "", "city_weight", s.hasCityWeight(), s.getCityWeight());
    parameter(SHOCKS, "", "chain_weight", s.hasChainWeight(), s.getChainWeight());
    parameter(SHOCKS, "", "degrees_of_freedom", s.hasDegreesOfFreedom(), s.getDegreesOfFreedom());
    double city = s.getCityWeight().getValue();
    double chain = s.getChainWeight().getValue();
    inDomain(SHOCKS, "", "city_weight.value", ParameterDomain.CITY_WEIGHT, city);
    inDomain(SHOCKS, "", "chain_weight.value", ParameterDomain.CHAIN_WEIGHT, chain);
    if (city + chain > 1 + 1e-12) {
      throw SeedException.at(
          SHOCKS,
          "",
          "chain_weight.value",
          "city_weight + chain_weight = " + (city + chain) + " > 1");
    }
    if (s.getDistribution() == ShockDistribution.SHOCK_DISTRIBUTION_UNSPECIFIED) {
      throw SeedException.at(SHOCKS, "", "distribution", "shock distribution is unspecified");
    }
    inDomain(
        SHOCKS,
        "",
        "degrees_of_freedom.value",
        ParameterDomain.DEGREES_OF_FREEDOM,
        s.getDegreesOfFreedom().getValue());
  }

  private void target(Target t) {
    String id = t.getId();
    if (!plans.containsKey(t.getPlanId())) {
      throw SeedException.at(TARGET, id, "plan_id", "unknown plan '" + t.getPlanId() + "'");
    }
    name(TARGET, id, "name", t.hasName() ? t.getName() : null);
    if (t.getKind() == TargetKind.TARGET_KIND_UNSPECIFIED) {
      throw SeedException.at(TARGET, id, "kind", "target kind is unspecified");
    }
    if (t.getMetric().isBlank()) {
      throw SeedException.at(TARGET, id, "metric", "missing");
    }
    if (t.getYear() <= 0) {
      throw SeedException.at(TARGET, id, "year", "missing or not positive");
    }
    finite(TARGET, id, "value", t.getValue());
    if (t.getUnit() == Unit.UNIT_UNSPECIFIED) {
      if (t.getKind() != TargetKind.TARGET_KIND_OTHER) {
        throw SeedException.at(TARGET, id, "unit", "unit is unspecified");
      }
      if (t.getInterpretation().isBlank()) {
        throw SeedException.at(
            TARGET, id, "unit", "unit is unspecified and the interpretation does not name it");
      }
    }
    citation(TARGET, id, "citation", t.hasCitation() ? t.getCitation() : null);
    if (!t.getCitation().getPlanId().equals(t.getPlanId())) {
      throw SeedException.at(
          TARGET,
          id,
          "citation.plan_id",
          "cites plan '"
              + t.getCitation().getPlanId()
              + "' but the target belongs to '"
              + t.getPlanId()
              + "'");
    }
    scope(TARGET, id, t.getScope());
    if (t.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE) {
      inDomain(TARGET, id, "level", ParameterDomain.OUTPUT, t.getLevel());
      if (t.getUnit() != Unit.UNIT_COUNT) {
        throw SeedException.at(
            TARGET, id, "unit", "a chains-above target counts chains: UNIT_COUNT");
      }
    }
    if (t.getNotSimulatedReason().isEmpty()) {
      simulatedTarget(t);
    }
  }

  private void simulatedTarget(Target t) {
    String id = t.getId();
    TargetKind kind = t.getKind();
    if (kind != TargetKind.TARGET_KIND_OUTPUT
        && kind != TargetKind.TARGET_KIND_CHAINS_ABOVE
        && kind != TargetKind.TARGET_KIND_COUNT) {
      throw SeedException.at(
          TARGET,
          id,
          "not_simulated_reason",
          "empty, but a " + kind + " target cannot be simulated: give the reason");
    }
    if (kind == TargetKind.TARGET_KIND_COUNT) {
      if (t.getUnit() != Unit.UNIT_COUNT) {
        throw SeedException.at(TARGET, id, "unit", "a simulated count target is in UNIT_COUNT");
      }
      if (!hasCountCells(t)) {
        throw SeedException.at(
            TARGET,
            id,
            "not_simulated_reason",
            "empty, but no count cell has metric '" + t.getMetric() + "' in the target's scope");
      }
    }
    if (t.getComparison() == Comparison.COMPARISON_UNSPECIFIED) {
      throw SeedException.at(TARGET, id, "comparison", "a simulated target needs a comparison");
    }
    inDomain(TARGET, id, "value", ParameterDomain.THRESHOLD, t.getValue());
    if (kind == TargetKind.TARGET_KIND_OUTPUT && t.getUnit() != Unit.UNIT_YI_YUAN) {
      throw SeedException.at(TARGET, id, "unit", "a simulated output target is in UNIT_YI_YUAN");
    }
    Scope s = t.getScope();
    Set<String> chainsSelected = new HashSet<>();
    Set<String> regionIds = new HashSet<>(s.getRegionIdsList());
    Set<String> chainIds = new HashSet<>(s.getChainIdsList());
    for (Cell c : seed.getCellsList()) {
      if (chainIds.contains(c.getChainId())
          && (regionIds.isEmpty() || regionIds.contains(c.getRegionId()))) {
        chainsSelected.add(c.getChainId());
      }
    }
    if (chainsSelected.isEmpty()) {
      throw SeedException.at(
          TARGET, id, "scope", "a simulated target must select at least one cell");
    }
    if (kind == TargetKind.TARGET_KIND_CHAINS_ABOVE) {
      for (String chain : s.getChainIdsList()) {
        if (!chainsSelected.contains(chain)) {
          throw SeedException.at(
              TARGET, id, "scope.chain_ids", "chain '" + chain + "' has no cell in the scope");
        }
      }
    }
  }

  private void actual(Actual a) {
    String id = a.getId();
    if (!plans.containsKey(a.getPlanId())) {
      throw SeedException.at(ACTUAL, id, "plan_id", "unknown plan '" + a.getPlanId() + "'");
    }
    name(ACTUAL, id, "name", a.hasName() ? a.getName() : null);
    if (a.getYear() <= 0) {
      throw SeedException.at(ACTUAL, id, "year", "missing or not positive");
    }
    if (a.getPeriod().isBlank()) {
      throw SeedException.at(ACTUAL, id, "period", "missing");
    }
    finite(ACTUAL, id, "value", a.getValue());
    if (a.getUnit() == Unit.UNIT_UNSPECIFIED && a.getNote().isBlank()) {
      throw SeedException.at(
          ACTUAL, id, "unit", "unit is unspecified and the note does not name it");
    }
    citation(ACTUAL, id, "citation", a.hasCitation() ? a.getCitation() : null);
    if (!a.getCitation().getPlanId().equals(a.getPlanId())) {
      throw SeedException.at(
          ACTUAL,
          id,
          "citation.plan_id",
          "cites plan '"
              + a.getCitation().getPlanId()
              + "' but the actual belongs to '"
              + a.getPlanId()
              + "'");
    }
    scope(ACTUAL, id, a.getScope());
  }

  private void jointSet(JointSet j) {
    String id = j.getId();
    if (j.getTargetIdsCount() == 0) {
      throw SeedException.at(JOINT_SET, id, "target_ids", "a joint set needs targets");
    }
    Set<String> seen = new HashSet<>();
    for (String tid : j.getTargetIdsList()) {
      Target t = targets.get(tid);
      if (t == null) {
        throw SeedException.at(JOINT_SET, id, "target_ids", "unknown target '" + tid + "'");
      }
      if (!seen.add(tid)) {
        throw SeedException.at(JOINT_SET, id, "target_ids", "target '" + tid + "' listed twice");
      }
      if (!t.getNotSimulatedReason().isEmpty()) {
        throw SeedException.at(
            JOINT_SET, id, "target_ids", "target '" + tid + "' is not simulated");
      }
    }
  }

  // ---- parts

  private static void name(String kind, String id, String field, LocalizedName n) {
    if (n == null || (n.getZh().isBlank() && n.getEn().isBlank())) {
      throw SeedException.at(kind, id, field, "missing name");
    }
  }

  /** The seed's values obey the same {@link ParameterDomain} as requests and the engine. */
  private static void inDomain(
      String kind, String id, String field, ParameterDomain domain, double v) {
    String problem = domain.violation(v);
    if (problem != null) {
      throw SeedException.at(kind, id, field, problem);
    }
  }

  private static void finite(String kind, String id, String field, double v) {
    if (!Double.isFinite(v)) {
      throw SeedException.at(kind, id, field, "not a finite number");
    }
  }

  private void scope(String kind, String id, Scope s) {
    for (String c : s.getChainIdsList()) {
      if (!chains.containsKey(c)) {
        throw SeedException.at(kind, id, "scope.chain_ids", "unknown chain '" + c + "'");
      }
    }
    for (String r : s.getRegionIdsList()) {
      if (!regions.containsKey(r)) {
        throw SeedException.at(kind, id, "scope.region_ids", "unknown region '" + r + "'");
      }
    }
  }

  private void citation(String kind, String id, String field, Citation c) {
    if (c == null) {
      throw SeedException.at(kind, id, field, "missing citation");
    }
    if (c.getPlanId().isBlank()) {
      throw SeedException.at(kind, id, field + ".plan_id", "missing");
    }
    if (c.getSection().isBlank()) {
      throw SeedException.at(kind, id, field + ".section", "missing");
    }
    if (c.getRow().isBlank()) {
      throw SeedException.at(kind, id, field + ".row", "missing");
    }
    if (!plans.containsKey(c.getPlanId())) {
      throw SeedException.at(kind, id, field + ".plan_id", "unknown plan '" + c.getPlanId() + "'");
    }
  }

  private void parameter(String kind, String id, String field, boolean present, Parameter p) {
    if (!present) {
      throw SeedException.at(kind, id, field, "missing");
    }
    finite(kind, id, field + ".value", p.getValue());
    if (!p.hasProvenance()) {
      throw SeedException.at(kind, id, field + ".provenance", "missing");
    }
    provenance(kind, id, field + ".provenance", p.getProvenance());
  }

  private void provenance(String kind, String id, String field, Provenance p) {
    ProvenanceKind k = p.getKind();
    if (k == ProvenanceKind.PROVENANCE_KIND_UNSPECIFIED || k == ProvenanceKind.UNRECOGNIZED) {
      throw SeedException.at(kind, id, field + ".kind", "provenance kind is unspecified");
    }
    for (int i = 0; i < p.getCitationsCount(); i++) {
      citation(kind, id, field + ".citations[" + i + "]", p.getCitations(i));
    }
    switch (k) {
      case PROVENANCE_KIND_ASSUMPTION:
        if (p.getReason().isBlank()) {
          throw SeedException.at(kind, id, field + ".reason", "an ASSUMPTION needs a reason");
        }
        break;
      case PROVENANCE_KIND_DERIVED:
        if (p.getFormula().isBlank()) {
          throw SeedException.at(kind, id, field + ".formula", "a DERIVED value needs a formula");
        }
        if (p.getCitationsCount() == 0) {
          throw SeedException.at(
              kind, id, field + ".citations", "a DERIVED value needs at least one citation");
        }
        break;
      case PROVENANCE_KIND_TARGET:
      case PROVENANCE_KIND_ACTUAL:
        if (p.getCitationsCount() != 1) {
          throw SeedException.at(
              kind, id, field + ".citations", "a " + k + " value needs exactly one citation");
        }
        break;
      default:
        break;
    }
  }
}
