package chaincast.run;

import chaincast.engine.Evidence;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ObservationRole;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The stage of resolving a scenario that turns observations into evidence the engine conditions on
 * (see {@link Evidence} and README.md, "Observations as evidence").
 *
 * <p>The seeded observations (unless ignored) and then the scenario's are taken in that order;
 * those after the horizon say nothing about the years simulated and are left out. An output
 * observation (a cell or a group total) is evidence with a lognormal measurement error: its own
 * {@code relative_error}, else the model's default ({@code ShockSettings.observation_error}). A
 * part-year figure stands for the year's value divided by the period's share of the year ({@code
 * Period.fraction}, else the share of months), and the share's own uncertainty adds to the error:
 * {@code sd² = relative_error² + fraction_error²}. A count observation is exact (counts are
 * registers): the count cell continues from its latest one.
 */
final class ObservationEvidence {

  /** The error used when neither the observation nor the model gives one. */
  static final double FALLBACK_ERROR = 0.02;

  private final Model model;
  private final ModelIndex index;
  private final List<Observation> all = new ArrayList<>();
  private final List<String> fields = new ArrayList<>(); // per observation: request field or null
  private final List<Evidence> evidence = new ArrayList<>();
  private final List<ObservationInUse> inUse = new ArrayList<>();

  private ObservationEvidence(Model model, ModelIndex index) {
    this.model = model;
    this.index = index;
  }

  /**
   * Collects the observations of a run.
   *
   * @param hasBasePrior whether the cell of a model index has an uncertain (assumed) base
   * @throws PlanningException when an observation falls before the first simulated year
   */
  static ObservationEvidence of(
      Model model,
      ModelIndex index,
      ScenarioOverrides scenario,
      boolean ignoreSeededObservations,
      int horizon,
      IntPredicate hasBasePrior,
      IntUnaryOperator baseYear) {
    ObservationEvidence out = new ObservationEvidence(model, index);
    if (!ignoreSeededObservations) {
      for (Observation o : model.observations()) {
        if (o.getYear() <= horizon) {
          out.all.add(o);
          out.fields.add(null); // seeded: not a field of the request
        }
      }
    }
    for (int i = 0; i < scenario.getObservationsCount(); i++) {
      if (scenario.getObservations(i).getYear() <= horizon) {
        out.all.add(scenario.getObservations(i));
        out.fields.add("observations[" + i + "]");
      }
    }
    double fallback = model.shocks().getObservationError().getValue();
    double defaultError = fallback > 0 ? fallback : FALLBACK_ERROR;
    for (int k = 0; k < out.all.size(); k++) {
      Observation o = out.all.get(k);
      if (o.getSubjectCase() != Observation.SubjectCase.COUNT_CELL_ID) {
        out.addOutput(o, out.fields.get(k), defaultError, hasBasePrior, baseYear);
      }
    }
    return out;
  }

  /** The evidence for the engine, in observation order. */
  List<Evidence> evidence() {
    return List.copyOf(evidence);
  }

  /** The output observations as the report lists them (count ones are added by their cells). */
  List<ObservationInUse> inUse() {
    return List.copyOf(inUse);
  }

  /** The latest observation of a count cell (the last given, at equal years), or null. */
  Observation latestCount(String countCellId) {
    Observation latest = null;
    for (Observation o : all) {
      if (o.getSubjectCase() == Observation.SubjectCase.COUNT_CELL_ID
          && o.getCountCellId().equals(countCellId)
          && (latest == null || o.getYear() >= latest.getYear())) {
        latest = o;
      }
    }
    return latest;
  }

  /** A count observation as the report lists it. */
  static ObservationInUse countInUse(Observation o, String countCellId) {
    return ObservationInUse.newBuilder()
        .setObservationId(o.getId())
        .setCellId(countCellId)
        .setYear(o.getYear())
        .setValue(o.getValue())
        .setAnnualValue(o.getValue())
        .setProvenance(provenance(o))
        .setSource(o.getSource())
        .setRole(ObservationRole.OBSERVATION_ROLE_RESTARTS_COUNT)
        .addTiedCellIds(countCellId)
        .setNote("a count is a register: the count cell continues from it")
        .build();
  }

  private void addOutput(
      Observation o,
      String field,
      double defaultError,
      IntPredicate hasBasePrior,
      IntUnaryOperator baseYear) {
    List<Cell> cells =
        o.getSubjectCase() == Observation.SubjectCase.CELL_ID
            ? List.of(model.cell(o.getCellId()).orElseThrow())
            : model.cellsIn(o.getGroup());
    int[] indices = new int[cells.size()];
    int firstBase = Integer.MAX_VALUE;
    for (int j = 0; j < indices.length; j++) {
      indices[j] = index.cell(cells.get(j).getId());
      firstBase = Math.min(firstBase, cells.get(j).getParameters().getBaseYear());
    }
    if (cells.size() == 1 && o.getYear() < baseYear.applyAsInt(indices[0])) {
      return; // before the cell's start: its start already stands for it
    }
    for (int i : indices) {
      if (cells.size() > 1 && baseYear.applyAsInt(i) > o.getYear() && o.getYear() >= firstBase) {
        // A dataset moved this cell's start past the year (it starts from its own series): its
        // value then is not in the model, and the series already tells what the total did.
        return;
      }
    }
    if (o.getYear() < firstBase && cells.size() > 1) {
      throw new PlanningException(
          field == null ? "observations" : field + ".year",
          "observation "
              + o.getId()
              + " is of "
              + o.getYear()
              + ", before every base year of the cells it sums (the first is "
              + firstBase
              + ")");
    }
    double error = o.getRelativeError() > 0 ? o.getRelativeError() : defaultError;
    double fraction = 1.0;
    if (o.hasPeriod()) {
      fraction = PeriodShare.of(o.getPeriod());
      double fe = o.getPeriod().getFractionError();
      error = Math.sqrt(error * error + fe * fe);
    }
    double annual = o.getValue() / fraction;
    evidence.add(new Evidence(o.getId(), indices, o.getYear(), annual, error));
    ObservationRole role = role(o, cells.size(), indices, hasBasePrior, baseYear);
    ObservationInUse.Builder b =
        ObservationInUse.newBuilder()
            .setObservationId(o.getId())
            .setCellId(o.getSubjectCase() == Observation.SubjectCase.CELL_ID ? o.getCellId() : "")
            .setYear(o.getYear())
            .setValue(o.getValue())
            .setAnnualValue(annual)
            .setRelativeError(error)
            .setProvenance(provenance(o))
            .setSource(o.getSource())
            .setRole(role)
            .setNote(note(role, cells.size(), o));
    if (o.hasPeriod()) {
      b.setPeriod(o.getPeriod());
    }
    cells.forEach(c -> b.addTiedCellIds(c.getId()));
    inUse.add(b.build());
  }

  private static ObservationRole role(
      Observation o,
      int cellCount,
      int[] indices,
      IntPredicate hasBasePrior,
      IntUnaryOperator baseYear) {
    if (cellCount == 1 && o.getYear() <= baseYear.applyAsInt(indices[0])) {
      return hasBasePrior.test(indices[0])
          ? ObservationRole.OBSERVATION_ROLE_UPDATES_BASE_PRIOR
          : ObservationRole.OBSERVATION_ROLE_CONFIRMS_FIXED_BASE;
    }
    return ObservationRole.OBSERVATION_ROLE_WEIGHTS_PATHS;
  }

  private static String note(ObservationRole role, int cellCount, Observation o) {
    String period = o.hasPeriod() ? " (a part-year figure, taken as its share of the year)" : "";
    return switch (role) {
      case OBSERVATION_ROLE_UPDATES_BASE_PRIOR ->
          "updates the assumed base's prior in closed form" + period;
      case OBSERVATION_ROLE_CONFIRMS_FIXED_BASE ->
          "confirms a base held fixed (documented or derived): changes nothing";
      default ->
          cellCount > 1
              ? "weighs paths by their total; ties "
                  + cellCount
                  + " cells, so a what-if on one of them moves the others' posterior too"
                  + period
              : "weighs paths; the cell's own shock of that year is drawn given it" + period;
    };
  }

  private static Provenance provenance(Observation o) {
    return o.hasProvenance()
        ? o.getProvenance()
        : Provenance.newBuilder()
            .setKind(ProvenanceKind.PROVENANCE_KIND_OVERRIDE)
            .setReason("observation supplied by the scenario")
            .build();
  }
}
