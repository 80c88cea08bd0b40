package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage of resolving a scenario that decides where each cell starts (conditioning on
 * observations).
 *
 * <p>The seeded observations (unless ignored) and then the scenario's are taken in that order;
 * those after the horizon say nothing about the years simulated and are left out. Each cell starts
 * from its latest observed year; at equal years a direct observation of the cell beats a share of a
 * group total, and a later one in the list beats an earlier one. A group total {@code V} observed
 * in year {@code Y} is split as follows: cells of the group observed on their own in year {@code Y}
 * keep their values; the rest {@code R = V - (their sum)} is split over the other cells in
 * proportion to each one's expected value in {@code Y} under its own parameters in effect, {@code
 * base * exp(drift_mean * (Y - base_year))} (the model's median path, so the split follows the
 * model's view of their relative sizes). Such a cell is reported with {@code split = true} and its
 * share. A count cell starts from its latest observation.
 */
final class ObservationPins {
  /**
   * Where one cell starts: an observation's (or its share's) value in a year.
   *
   * @param source the observation
   * @param year the observed year
   * @param value the cell's value in that year (its share, for a split group total)
   * @param split whether the value is a share of a group total
   * @param share the share, 1 unless split
   * @param groupValue the observed total, the value unless split
   * @param field the request's field to blame for this start, or null for a seeded observation
   */
  record Pin(
      Observation source,
      int year,
      double value,
      boolean split,
      double share,
      double groupValue,
      String field) {
    /** The pin as the report lists it. */
    ObservationInUse inUse(String cellId) {
      Provenance provenance =
          source.hasProvenance()
              ? source.getProvenance()
              : Provenance.newBuilder()
                  .setKind(ProvenanceKind.PROVENANCE_KIND_OVERRIDE)
                  .setReason("observation supplied by the scenario")
                  .build();
      ObservationInUse.Builder b =
          ObservationInUse.newBuilder()
              .setObservationId(source.getId())
              .setCellId(cellId)
              .setYear(year)
              .setValue(value)
              .setSplit(split)
              .setProvenance(provenance)
              .setSource(source.getSource());
      if (split) {
        b.setShare(share).setGroupValue(groupValue);
      }
      return b.build();
    }
  }

  private final Model model;
  private final ModelIndex index;
  private final List<Observation> all = new ArrayList<>();
  private final List<String> fields =
      new ArrayList<>(); // per observation: the request's field, or null
  private final Pin[] pins;

  private ObservationPins(Model model, ModelIndex index) {
    this.model = model;
    this.index = index;
    this.pins = new Pin[model.cells().size()];
  }

  /**
   * Pins every observed cell.
   *
   * @param params the parameters in effect, which weigh a group total's split
   * @throws PlanningException when a group total is not above what its cells observed on their own
   *     already hold
   */
  static ObservationPins of(
      Model model,
      ModelIndex index,
      ScenarioOverrides scenario,
      boolean ignoreSeededObservations,
      int horizon,
      EffectiveParameters params) {
    ObservationPins out = new ObservationPins(model, index);
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
    // Direct observations first, so group splits know which cells are fixed in their year.
    Map<String, Observation> direct = new HashMap<>(); // "cell/year" -> the latest
    Map<String, String> directField = new HashMap<>(); // "cell/year" -> the request's field, if any
    out.pinDirect(direct, directField);
    out.pinGroups(direct, directField, params);
    return out;
  }

  /** Where cell {@code i} starts, or null when no observation pins it. */
  Pin pin(int i) {
    return pins[i];
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

  private void pinDirect(Map<String, Observation> direct, Map<String, String> directField) {
    for (int k = 0; k < all.size(); k++) {
      Observation o = all.get(k);
      if (o.getSubjectCase() == Observation.SubjectCase.CELL_ID) {
        String key = o.getCellId() + "/" + o.getYear();
        direct.put(key, o);
        String field = valueField(fields.get(k));
        if (field != null) {
          directField.put(key, field);
        }
        offer(
            index.cell(o.getCellId()),
            new Pin(o, o.getYear(), o.getValue(), false, 1.0, o.getValue(), field),
            true);
      }
    }
  }

  private void pinGroups(
      Map<String, Observation> direct,
      Map<String, String> directField,
      EffectiveParameters params) {
    for (int k = 0; k < all.size(); k++) {
      Observation o = all.get(k);
      if (o.getSubjectCase() != Observation.SubjectCase.GROUP) {
        continue;
      }
      int year = o.getYear();
      double fixed = 0;
      List<Integer> free = new ArrayList<>();
      // The request's field to blame for this split: the group's own, else a direct observation it
      // splits around.
      String blame = valueField(fields.get(k));
      for (Cell c : model.cellsIn(o.getGroup())) {
        Observation d = direct.get(c.getId() + "/" + year);
        if (d != null) {
          fixed += d.getValue();
          blame = blame != null ? blame : directField.get(c.getId() + "/" + year);
        } else {
          free.add(index.cell(c.getId()));
        }
      }
      double rest = o.getValue() - fixed;
      if (!free.isEmpty() && !(rest > 0)) {
        throw new PlanningException(
            blame == null ? "observations" : blame,
            "the group total "
                + o.getValue()
                + " in "
                + year
                + (fields.get(k) == null ? " (seeded observation " + o.getId() + ")" : "")
                + " is not above the "
                + String.format("%.4f", fixed)
                + " 亿元 its cells observed on their own already hold");
      }
      split(o, rest, free, blame, params);
    }
  }

  /** Shares {@code rest} of a group total over its free cells by their median paths. */
  private void split(
      Observation o, double rest, List<Integer> free, String blame, EffectiveParameters params) {
    int year = o.getYear();
    double weightSum = 0;
    double[] weight = new double[free.size()];
    for (int j = 0; j < free.size(); j++) {
      EffectiveParameters.CellValues p = params.cell(free.get(j));
      weight[j] = p.baseValue().value() * Math.exp(p.driftMean().value() * (year - p.baseYear()));
      weightSum += weight[j];
    }
    for (int j = 0; j < free.size(); j++) {
      double share = weight[j] / weightSum;
      offer(free.get(j), new Pin(o, year, rest * share, true, share, o.getValue(), blame), false);
    }
  }

  /**
   * Keeps the latest pin per cell; at equal years a direct one beats a split, later beats earlier.
   */
  private void offer(int cell, Pin pin, boolean direct) {
    Pin current = pins[cell];
    if (current == null
        || pin.year() > current.year()
        || (pin.year() == current.year() && (direct || current.split()))) {
      pins[cell] = pin;
    }
  }

  /**
   * The value field of an observation of the request ({@code observations[k].value}), or null for a
   * seeded one.
   */
  private static String valueField(String observationField) {
    return observationField == null ? null : observationField + ".value";
  }
}
