package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.MacroShockSpec;
import chaincast.engine.MedianEnvelope;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a scenario to the seeded model: the cells and count cells the engine simulates (always
 * every one, in model order, so random streams stay aligned across scenarios), the level shifts,
 * and where each cell starts from. A pipeline of its own: {@link EventEdits}, then {@link
 * ObservationPins} (see there for the conditioning rules), then the cell and count specs from the
 * {@link EffectiveParameters}, then the macro shocks, then the median-path check.
 */
final class ScenarioResolver {

  /**
   * What the engine gets and what the report says about it.
   *
   * @param cells every cell, in model order
   * @param counts every count cell, in model order
   * @param shifts the macro shocks, in request order
   * @param observations the observations cells start from: cells first, then count cells
   */
  record Resolved(
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      List<MacroShockSpec> shifts,
      List<ObservationInUse> observations) {}

  private final Model model;
  private final ModelIndex index;

  ScenarioResolver(Model model, ModelIndex index) {
    this.model = model;
    this.index = index;
  }

  /**
   * @param params the parameters in effect (its merged overrides are the scenario applied)
   * @param ignoreSeededObservations start from the seeded base values
   * @param horizon the last simulated year: observations after it are not used
   * @throws PlanningException when the overrides do not fit the model
   */
  Resolved resolve(EffectiveParameters params, boolean ignoreSeededObservations, int horizon) {
    ScenarioOverrides scenario = params.overrides();
    EventEdits events = EventEdits.apply(model, scenario);
    ObservationPins pins =
        ObservationPins.of(model, index, scenario, ignoreSeededObservations, horizon, params);
    List<ObservationInUse> inUse = new ArrayList<>();
    List<CellSpec> cells = cells(params, events, pins, inUse);
    List<CountCellSpec> counts = counts(params, pins, inUse);
    List<MacroShockSpec> shifts = shifts(scenario);
    checkMedianPaths(cells, shifts, horizon, pins, events);
    return new Resolved(cells, counts, shifts, inUse);
  }

  /** Every cell as the engine takes it; the observations they start from go to {@code inUse}. */
  private List<CellSpec> cells(
      EffectiveParameters params,
      EventEdits events,
      ObservationPins pins,
      List<ObservationInUse> inUse) {
    List<Cell> all = model.cells();
    List<CellSpec> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Cell c = all.get(i);
      EffectiveParameters.CellValues p = params.cell(i);
      double base = p.baseValue().value();
      int observedYear = 0;
      double observedValue = 0;
      ObservationPins.Pin pin = pins.pin(i);
      if (pin != null && pin.year() >= p.baseYear()) {
        // An observation in the base year replaces the base value; one before it is ignored.
        if (pin.year() == p.baseYear()) {
          base = pin.value();
        } else {
          observedYear = pin.year();
          observedValue = pin.value();
        }
        inUse.add(pin.inUse(c.getId()));
      }
      out.add(
          new CellSpec(
              c.getId(),
              index.chain(c.getChainId()),
              p.baseYear(),
              base,
              p.driftMean().value(),
              p.driftSd().value(),
              p.volatility().value(),
              events.specs(c.getId()),
              observedYear,
              observedValue));
    }
    return out;
  }

  /** Every count cell as the engine takes it: the latest observation becomes the base. */
  private static List<CountCellSpec> counts(
      EffectiveParameters params, ObservationPins pins, List<ObservationInUse> inUse) {
    List<CountCellSpec> out = new ArrayList<>();
    for (EffectiveParameters.CountValues p : params.counts()) {
      int year = p.baseYear();
      double base = p.baseCount().value();
      Observation obs = pins.latestCount(p.id());
      if (obs != null && obs.getYear() >= year) {
        year = obs.getYear();
        base = obs.getValue();
        inUse.add(new ObservationPins.Pin(obs, year, base, false, 1.0, base, null).inUse(p.id()));
      }
      out.add(
          new CountCellSpec(
              p.id(), year, (int) Math.round(base), p.yearlyRate().value(), p.rateShape().value()));
    }
    return out;
  }

  /** The scenario's macro shocks as level shifts of the cells they hit. */
  private List<MacroShockSpec> shifts(ScenarioOverrides scenario) {
    List<MacroShockSpec> shifts = new ArrayList<>();
    for (int i = 0; i < scenario.getMacroShocksCount(); i++) {
      MacroShock m = scenario.getMacroShocks(i);
      List<Cell> hit =
          switch (m.getWhereCase()) {
            case CITY -> model.cityCells();
            case CHAIN_ID -> model.cellsOfChain(m.getChainId());
            case REGION_ID -> model.cellsOfRegion(m.getRegionId());
            case CELL_ID -> List.of(model.cell(m.getCellId()).orElseThrow());
            case WHERE_NOT_SET ->
                throw new PlanningException("macro_shocks[" + i + "]", "names no cells");
          };
      String id = m.getId().isEmpty() ? "macro-shock-" + (i + 1) : m.getId();
      shifts.add(
          new MacroShockSpec(id, index.inOrder(hit), m.getYear(), Math.log1p(m.getChange())));
    }
    return shifts;
  }

  /**
   * Refuses overrides that together take a cell's median path out of the range a run represents
   * (the engine's own {@link MedianEnvelope} check), naming the field that moved it last.
   */
  private static void checkMedianPaths(
      List<CellSpec> cells,
      List<MacroShockSpec> shifts,
      int horizon,
      ObservationPins pins,
      EventEdits events) {
    MedianEnvelope.find(cells, shifts, horizon)
        .ifPresent(
            crossing -> {
              CellSpec cell = cells.get(crossing.cell());
              ObservationPins.Pin pin = pins.pin(crossing.cell());
              String field =
                  switch (crossing.cause()) {
                    case EVENT ->
                        events.fieldOf(
                            cell.id(), cell.events().get(crossing.index()).id(), "added_events");
                    case SHIFT -> "macro_shocks[" + crossing.index() + "].change";
                    case START -> pin != null && pin.field() != null ? pin.field() : "cells";
                    case OBSERVATION ->
                        pin != null && pin.field() != null ? pin.field() : "observations";
                  };
              throw new PlanningException(
                  field, "cell '" + cell.id() + "': " + crossing.describe());
            });
  }
}
