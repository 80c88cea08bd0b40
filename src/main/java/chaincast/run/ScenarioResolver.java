package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.EventSpec;
import chaincast.engine.MacroShockSpec;
import chaincast.engine.MedianEnvelope;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.CellParameters;
import chaincast.v1.CountCell;
import chaincast.v1.CountOverride;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.EventRemoval;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ProjectEvent;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a scenario's overrides to the seeded model: the cells and count cells the engine
 * simulates (always every one, in model order, so random streams stay aligned across
 * scenarios), the level shifts, and where each cell starts from.
 *
 * <h2>Observations (conditioning)</h2>
 * The seeded observations (unless ignored) and then the scenario's are taken in that order. Each
 * cell starts from its latest observed year; at equal years a direct observation of the cell beats
 * a share of a group total, and a later one in the list beats an earlier one. A group total
 * {@code V} observed in year {@code Y} is split as follows: cells of the group observed on their own
 * in year {@code Y} keep their values; the rest {@code R = V - (their sum)} is split over the other
 * cells in proportion to each one's expected value in {@code Y} under its own parameters,
 * {@code base * exp(drift_mean * (Y - base_year))} (the model's median path, so the split follows
 * the model's view of their relative sizes). Such a cell is reported with {@code split = true} and
 * its share. An observation in a cell's base year replaces its base value; one before it is ignored.
 */
final class ScenarioResolver {

  /** What the engine gets and what the report says about it. */
  record Resolved(
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      List<MacroShockSpec> shifts,
      List<ObservationInUse> observations,
      Map<String, CellOverride> cellOverrides,
      Map<String, CountOverride> countOverrides) {}

  private final Model model;
  private final Map<String, Integer> cellIndex;
  private final Map<String, Integer> chainIndex;

  ScenarioResolver(Model model, Map<String, Integer> cellIndex, Map<String, Integer> chainIndex) {
    this.model = model;
    this.cellIndex = cellIndex;
    this.chainIndex = chainIndex;
  }

  /**
   * @param scenario          the scenario's overrides (empty for the seeded baseline)
   * @param extraOverrides    per-request cell overrides, applied on top of the scenario's
   * @param ignoreSeededObservations start from the seeded base values
   * @param horizon           the last simulated year: observations after it are not used
   * @throws PlanningException when the overrides do not fit the model
   */
  Resolved resolve(
      ScenarioOverrides scenario, List<CellOverride> extraOverrides, boolean ignoreSeededObservations, int horizon) {
    Map<String, CellOverride> overrides = new LinkedHashMap<>();
    for (CellOverride o : scenario.getCellsList()) {
      overrides.merge(o.getCellId(), o, (a, b) -> a.toBuilder().mergeFrom(b).build());
    }
    for (CellOverride o : extraOverrides) {
      overrides.merge(o.getCellId(), o, (a, b) -> a.toBuilder().mergeFrom(b).build());
    }
    Map<String, CountOverride> countOverrides = new LinkedHashMap<>();
    for (CountOverride o : scenario.getCountsList()) {
      countOverrides.merge(o.getCountCellId(), o, (a, b) -> a.toBuilder().mergeFrom(b).build());
    }

    // Events per cell: seeded, then added, removed, delayed; and which field brought each in.
    Map<String, List<ProjectEvent>> events = new HashMap<>();
    Map<String, String> eventFields = new HashMap<>(); // "cell/event" -> field
    for (Cell c : model.cells()) {
      events.put(c.getId(), new ArrayList<>(c.getEventsList()));
    }
    for (int i = 0; i < scenario.getAddedEventsCount(); i++) {
      EventAddition a = scenario.getAddedEvents(i);
      List<ProjectEvent> list = events.get(a.getCellId());
      if (list.stream().anyMatch(e -> e.getId().equals(a.getEvent().getId()))) {
        throw new PlanningException(
            "added_events[" + i + "].event.id",
            "cell '" + a.getCellId() + "' already has an event " + ClientText.quote(a.getEvent().getId()));
      }
      list.add(a.getEvent());
      eventFields.put(a.getCellId() + "/" + a.getEvent().getId(), "added_events[" + i + "].event.jump_log_mean");
    }
    for (int i = 0; i < scenario.getRemovedEventsCount(); i++) {
      EventRemoval r = scenario.getRemovedEvents(i);
      if (!events.get(r.getCellId()).removeIf(e -> e.getId().equals(r.getEventId()))) {
        throw new PlanningException(
            "removed_events[" + i + "].event_id",
            "cell '" + r.getCellId() + "' has no event " + ClientText.quote(r.getEventId()));
      }
    }
    for (int i = 0; i < scenario.getDelayedEventsCount(); i++) {
      EventDelay d = scenario.getDelayedEvents(i);
      List<ProjectEvent> list = events.get(d.getCellId());
      int at = indexOfEvent(list, d.getEventId());
      if (at < 0) {
        throw new PlanningException(
            "delayed_events[" + i + "].event_id",
            "cell '" + d.getCellId() + "' has no event " + ClientText.quote(d.getEventId()));
      }
      ProjectEvent e = list.get(at);
      eventFields.putIfAbsent(d.getCellId() + "/" + d.getEventId(), "delayed_events[" + i + "].years");
      list.set(
          at,
          e.toBuilder()
              .setFirstYear(e.getFirstYear() + d.getYears())
              .setLastYear(e.getLastYear() + d.getYears())
              .build());
    }

    // Parameters after overrides: what the split rule and the engine use.
    List<Cell> cells = model.cells();
    int n = cells.size();
    int[] baseYear = new int[n];
    double[] baseValue = new double[n];
    double[] driftMean = new double[n];
    for (int i = 0; i < n; i++) {
      CellParameters p = cells.get(i).getParameters();
      CellOverride o = overrides.get(cells.get(i).getId());
      baseYear[i] = p.getBaseYear();
      baseValue[i] = o != null && o.hasBaseValue() ? o.getBaseValue() : p.getBaseValue().getValue();
      driftMean[i] = o != null && o.hasDriftMean() ? o.getDriftMean() : p.getDriftMean().getValue();
    }

    List<Observation> all = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    if (!ignoreSeededObservations) {
      for (Observation o : model.observations()) {
        if (o.getYear() <= horizon) {
          all.add(o);
          fields.add(null); // seeded: not a field of the request
        }
      }
    }
    for (int i = 0; i < scenario.getObservationsCount(); i++) {
      // An observation after the horizon says nothing about the years simulated.
      if (scenario.getObservations(i).getYear() <= horizon) {
        all.add(scenario.getObservations(i));
        fields.add("observations[" + i + "]");
      }
    }
    Pin[] pins = new Pin[n];
    // Direct observations first, so group splits know which cells are fixed in their year.
    Map<String, Double> directValue = new HashMap<>(); // "cell/year" -> value
    Map<String, String> directField = new HashMap<>(); // "cell/year" -> the request's field, if any
    for (int k = 0; k < all.size(); k++) {
      Observation o = all.get(k);
      if (o.getSubjectCase() == Observation.SubjectCase.CELL_ID) {
        int c = cellIndex.get(o.getCellId());
        String key = o.getCellId() + "/" + o.getYear();
        directValue.put(key, o.getValue());
        String field = valueField(fields.get(k));
        if (field != null) {
          directField.put(key, field);
        }
        offer(pins, c, new Pin(o, o.getYear(), o.getValue(), false, 1.0, o.getValue(), field), true);
      }
    }
    for (int k = 0; k < all.size(); k++) {
      Observation o = all.get(k);
      if (o.getSubjectCase() != Observation.SubjectCase.GROUP) {
        continue;
      }
      int year = o.getYear();
      List<Cell> members = model.cellsIn(o.getGroup());
      double fixed = 0;
      List<Integer> free = new ArrayList<>();
      // The request's field to blame for this split: the group's own, else a direct observation it splits around.
      String blame = valueField(fields.get(k));
      for (Cell c : members) {
        Double v = directValue.get(c.getId() + "/" + year);
        if (v != null) {
          fixed += v;
          blame = blame != null ? blame : directField.get(c.getId() + "/" + year);
        } else {
          free.add(cellIndex.get(c.getId()));
        }
      }
      double rest = o.getValue() - fixed;
      if (!free.isEmpty() && !(rest > 0)) {
        throw new PlanningException(
            blame == null ? "observations" : blame,
            "the group total " + o.getValue() + " in " + year
                + (fields.get(k) == null ? " (seeded observation " + o.getId() + ")" : "")
                + " is not above the " + String.format("%.4f", fixed)
                + " 亿元 its cells observed on their own already hold");
      }
      double weightSum = 0;
      double[] weight = new double[free.size()];
      for (int j = 0; j < free.size(); j++) {
        int c = free.get(j);
        weight[j] = baseValue[c] * Math.exp(driftMean[c] * (year - baseYear[c]));
        weightSum += weight[j];
      }
      for (int j = 0; j < free.size(); j++) {
        int c = free.get(j);
        double share = weight[j] / weightSum;
        offer(pins, c, new Pin(o, year, rest * share, true, share, o.getValue(), blame), false);
      }
    }

    List<ObservationInUse> inUse = new ArrayList<>();
    List<CellSpec> cellSpecs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Cell c = cells.get(i);
      CellParameters p = c.getParameters();
      CellOverride o = overrides.get(c.getId());
      double base = baseValue[i];
      int observedYear = 0;
      double observedValue = 0;
      Pin pin = pins[i];
      if (pin != null && pin.year >= baseYear[i]) {
        if (pin.year == baseYear[i]) {
          base = pin.value;
        } else {
          observedYear = pin.year;
          observedValue = pin.value;
        }
        inUse.add(inUse(pin, c.getId()));
      }
      List<EventSpec> eventSpecs =
          events.get(c.getId()).stream()
              .map(
                  e ->
                      new EventSpec(
                          e.getId(),
                          e.getFirstYear(),
                          e.getLastYear(),
                          e.getYearlyProbability(),
                          e.getJumpLogMean(),
                          e.getJumpLogSd()))
              .toList();
      cellSpecs.add(
          new CellSpec(
              c.getId(),
              chainIndex.get(c.getChainId()),
              p.getBaseYear(),
              base,
              driftMean[i],
              o != null && o.hasDriftSd() ? o.getDriftSd() : p.getDriftSd().getValue(),
              o != null && o.hasVolatility() ? o.getVolatility() : p.getVolatility().getValue(),
              eventSpecs,
              observedYear,
              observedValue));
    }

    // Count cells: overrides, then the latest observation becomes the base.
    Map<String, Observation> latestCount = new HashMap<>();
    for (Observation o : all) {
      if (o.getSubjectCase() == Observation.SubjectCase.COUNT_CELL_ID) {
        Observation prev = latestCount.get(o.getCountCellId());
        if (prev == null || o.getYear() >= prev.getYear()) {
          latestCount.put(o.getCountCellId(), o);
        }
      }
    }
    List<CountCellSpec> counts = new ArrayList<>();
    for (CountCell c : model.countCells()) {
      var p = c.getParameters();
      CountOverride o = countOverrides.get(c.getId());
      int year = p.getBaseYear();
      double base = o != null && o.hasBaseCount() ? o.getBaseCount() : p.getBaseCount().getValue();
      Observation obs = latestCount.get(c.getId());
      if (obs != null && obs.getYear() >= year) {
        year = obs.getYear();
        base = obs.getValue();
        inUse.add(inUse(new Pin(obs, year, base, false, 1.0, base, null), c.getId()));
      }
      counts.add(
          new CountCellSpec(
              c.getId(),
              year,
              (int) Math.round(base),
              o != null && o.hasYearlyRate() ? o.getYearlyRate() : p.getYearlyRate().getValue(),
              o != null && o.hasRateShape() ? o.getRateShape() : p.getRateShape().getValue()));
    }

    List<MacroShockSpec> shifts = new ArrayList<>();
    for (int i = 0; i < scenario.getMacroShocksCount(); i++) {
      MacroShock m = scenario.getMacroShocks(i);
      List<Cell> hit =
          switch (m.getWhereCase()) {
            case CITY -> model.cityCells();
            case CHAIN_ID -> model.cellsOfChain(m.getChainId());
            case REGION_ID -> model.cellsOfRegion(m.getRegionId());
            case CELL_ID -> List.of(model.cell(m.getCellId()).orElseThrow());
            case WHERE_NOT_SET -> throw new PlanningException("macro_shocks[" + i + "]", "names no cells");
          };
      int[] idx = hit.stream().mapToInt(c -> cellIndex.get(c.getId())).toArray();
      String id = m.getId().isEmpty() ? "macro-shock-" + (i + 1) : m.getId();
      shifts.add(new MacroShockSpec(id, idx, m.getYear(), Math.log1p(m.getChange())));
    }
    checkMedianPaths(cellSpecs, shifts, horizon, pins, eventFields);
    return new Resolved(cellSpecs, counts, shifts, inUse, overrides, countOverrides);
  }

  /**
   * Refuses overrides that together take a cell's median path out of the range a run represents
   * (the engine's own {@link MedianEnvelope} check), naming the field that moved it last.
   */
  private static void checkMedianPaths(
      List<CellSpec> cells, List<MacroShockSpec> shifts, int horizon, Pin[] pins, Map<String, String> eventFields) {
    MedianEnvelope.find(cells, shifts, horizon)
        .ifPresent(
            crossing -> {
              CellSpec cell = cells.get(crossing.cell());
              Pin pin = pins[crossing.cell()];
              String field =
                  switch (crossing.cause()) {
                    case EVENT -> eventFields.getOrDefault(
                        cell.id() + "/" + cell.events().get(crossing.index()).id(), "added_events");
                    case SHIFT -> "macro_shocks[" + crossing.index() + "].change";
                    case START -> pin != null && pin.field != null ? pin.field : "cells";
                    case OBSERVATION -> pin != null && pin.field != null ? pin.field : "observations";
                  };
              throw new PlanningException(field, "cell '" + cell.id() + "': " + crossing.describe());
            });
  }

  /** The value field of an observation of the request ({@code observations[k].value}), or null for a seeded one. */
  private static String valueField(String observationField) {
    return observationField == null ? null : observationField + ".value";
  }

  private static int indexOfEvent(List<ProjectEvent> list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).getId().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Keeps the latest pin per cell; at equal years a direct one beats a split, later beats earlier. */
  private static void offer(Pin[] pins, int cell, Pin pin, boolean direct) {
    Pin current = pins[cell];
    if (current == null
        || pin.year > current.year
        || (pin.year == current.year && (direct || current.split))) {
      pins[cell] = pin;
    }
  }

  private static ObservationInUse inUse(Pin pin, String cellId) {
    Observation o = pin.source;
    Provenance provenance =
        o.hasProvenance()
            ? o.getProvenance()
            : Provenance.newBuilder()
                .setKind(ProvenanceKind.PROVENANCE_KIND_OVERRIDE)
                .setReason("observation supplied by the scenario")
                .build();
    ObservationInUse.Builder b =
        ObservationInUse.newBuilder()
            .setObservationId(o.getId())
            .setCellId(cellId)
            .setYear(pin.year)
            .setValue(pin.value)
            .setSplit(pin.split)
            .setProvenance(provenance)
            .setSource(o.getSource());
    if (pin.split) {
      b.setShare(pin.share).setGroupValue(pin.groupValue);
    }
    return b.build();
  }

  /** Where one cell starts: an observation's (or its share's) value in a year. */
  private record Pin(
      Observation source, int year, double value, boolean split, double share, double groupValue, String field) {}
}
