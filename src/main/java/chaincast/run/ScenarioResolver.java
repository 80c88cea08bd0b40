package chaincast.run;

import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.Evidence;
import chaincast.engine.MacroShockSpec;
import chaincast.engine.MedianEnvelope;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.Parameter;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a scenario to the seeded model: the cells and count cells the engine simulates (always
 * every one, in model order, so random streams stay aligned across scenarios), the level shifts,
 * the assumed bases' priors and the evidence the paths are weighed by. A pipeline of its own:
 * {@link EventEdits}, then the cell and count specs from the {@link EffectiveParameters} (with
 * their base priors), then {@link ObservationEvidence} (see there for the observation model), then
 * the macro shocks, then the median-path check.
 */
final class ScenarioResolver {

  /**
   * What the engine gets and what the report says about it.
   *
   * @param cells every cell, in model order
   * @param counts every count cell, in model order
   * @param shifts the macro shocks, in request order
   * @param observations the observations weighed: output ones first, then count ones
   * @param evidence the output observations as the engine conditions on them
   */
  record Resolved(
      List<CellSpec> cells,
      List<CountCellSpec> counts,
      List<MacroShockSpec> shifts,
      List<ObservationInUse> observations,
      List<Evidence> evidence) {}

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
  Resolved resolve(
      EffectiveParameters params,
      boolean ignoreSeededObservations,
      int horizon,
      DatasetStage dataset) {
    ScenarioOverrides scenario = params.overrides();
    EventEdits events = EventEdits.apply(model, scenario);
    List<CellSpec> cells = cells(params, events, dataset);
    ObservationEvidence observed =
        ObservationEvidence.of(
            model,
            index,
            scenario.toBuilder().addAllObservations(dataset.observations()).build(),
            ignoreSeededObservations,
            horizon,
            i -> cells.get(i).hasBasePrior(),
            i -> cells.get(i).baseYear());
    List<ObservationInUse> inUse = new ArrayList<>(observed.inUse());
    List<CountCellSpec> counts = counts(params, observed, inUse);
    List<MacroShockSpec> shifts = shifts(scenario);
    checkMedianPaths(cells, shifts, horizon, events);
    return new Resolved(cells, counts, shifts, inUse, observed.evidence());
  }

  /**
   * The prior spread of a base value or base count: 0 unless the value in effect is the seeded one
   * and flagged ASSUMPTION; then its own {@code prior_spread}, else the model's {@code
   * assumed_base_spread}. An override is the caller's value: held fixed, as documented ones are.
   */
  private double baseSpread(EffectiveParameters.Value v) {
    Parameter seeded = v.seeded();
    if (v.overridden()
        || seeded == null
        || seeded.getProvenance().getKind() != ProvenanceKind.PROVENANCE_KIND_ASSUMPTION) {
      return 0.0;
    }
    return seeded.getPriorSpread() > 0
        ? seeded.getPriorSpread()
        : model.shocks().getAssumedBaseSpread().getValue();
  }

  /** No dataset. */
  Resolved resolve(EffectiveParameters params, boolean ignoreSeededObservations, int horizon) {
    return resolve(params, ignoreSeededObservations, horizon, DatasetStage.none());
  }

  /**
   * Every cell as the engine takes it, with its base prior; an estimated cell starts from its
   * series' last value and draws its parameters from their posterior.
   */
  private List<CellSpec> cells(
      EffectiveParameters params, EventEdits events, DatasetStage dataset) {
    List<Cell> all = model.cells();
    List<CellSpec> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Cell c = all.get(i);
      EffectiveParameters.CellValues p = params.cell(i);
      DatasetStage.Estimated est = dataset.estimated(i);
      if (est != null) {
        out.add(
            new CellSpec(
                c.getId(),
                index.chain(c.getChainId()),
                est.baseYear(),
                est.baseValue(),
                est.posterior().driftMean(),
                0.0, // the posterior carries the drift's uncertainty
                Math.sqrt(Math.min(4.0, est.posterior().meanVariance())), // sizes histograms only
                events.specs(c.getId()),
                est.baseSpread(),
                est.posterior()));
        continue;
      }
      double base = p.baseValue().value();
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
              baseSpread(p.baseValue())));
    }
    return out;
  }

  /**
   * Every count cell as the engine takes it: the latest observation becomes the base (exact), else
   * the base in effect with its prior.
   */
  private List<CountCellSpec> counts(
      EffectiveParameters params, ObservationEvidence observed, List<ObservationInUse> inUse) {
    List<CountCellSpec> out = new ArrayList<>();
    for (EffectiveParameters.CountValues p : params.counts()) {
      int year = p.baseYear();
      double base = p.baseCount().value();
      double spread = baseSpread(p.baseCount());
      Observation obs = observed.latestCount(p.id());
      if (obs != null && obs.getYear() >= year) {
        year = obs.getYear();
        base = obs.getValue();
        spread = 0.0; // observed: known
        inUse.add(ObservationEvidence.countInUse(obs, p.id()));
      }
      out.add(
          new CountCellSpec(
              p.id(),
              year,
              (int) Math.round(base),
              p.yearlyRate().value(),
              p.rateShape().value(),
              spread));
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
      List<CellSpec> cells, List<MacroShockSpec> shifts, int horizon, EventEdits events) {
    MedianEnvelope.find(cells, shifts, horizon)
        .ifPresent(
            crossing -> {
              CellSpec cell = cells.get(crossing.cell());
              String field =
                  switch (crossing.cause()) {
                    case EVENT ->
                        events.fieldOf(
                            cell.id(), cell.events().get(crossing.index()).id(), "added_events");
                    case SHIFT -> "macro_shocks[" + crossing.index() + "].change";
                    case START -> "cells";
                  };
              throw new PlanningException(
                  field, "cell '" + cell.id() + "': " + crossing.describe());
            });
  }
}
