package chaincast.api;

import chaincast.engine.ParameterDomain;
import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.run.Limits;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.CountOverride;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.EventRemoval;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.ProjectEvent;
import chaincast.v1.ScenarioOverrides;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks every field of a {@link ScenarioOverrides} against the model, for stored scenarios and
 * inline overrides alike. {@code prefix} is the path of the message in the request, e.g. {@code
 * spec.inline_overrides} or {@code scenario.overrides}.
 */
final class ScenarioOverridesValidator {
  /**
   * Earliest calendar year a scenario may speak of (the latest is {@code Limits.maxHorizonYear}).
   */
  static final int FIRST_YEAR = 2000;

  /** Most years an event may be delayed or brought forward: beyond that it is another event. */
  static final int MAX_DELAY_YEARS = 20;

  private final Model model;
  private final Limits limits;
  private final DatasetCatalog datasets;

  ScenarioOverridesValidator(Model model, Limits limits, DatasetCatalog datasets) {
    this.model = model;
    this.limits = limits;
    this.datasets = datasets;
  }

  void validate(ScenarioOverrides o, String prefix, Violations v) {
    int entries =
        o.getCellsCount()
            + o.getCountsCount()
            + o.getAddedEventsCount()
            + o.getRemovedEventsCount()
            + o.getDelayedEventsCount()
            + o.getMacroShocksCount()
            + o.getObservationsCount();
    if (entries > limits.maxOverrides()) {
      v.invalid(prefix, "has " + entries + " entries; at most " + limits.maxOverrides());
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < o.getCellsCount(); i++) {
      checkCellOverride(model, o.getCells(i), prefix + ".cells[" + i + "]", seen, v);
    }
    Set<String> seenCounts = new HashSet<>();
    for (int i = 0; i < o.getCountsCount(); i++) {
      checkCountOverride(o.getCounts(i), prefix + ".counts[" + i + "]", seenCounts, v);
    }
    for (int i = 0; i < o.getAddedEventsCount(); i++) {
      checkAddition(o.getAddedEvents(i), prefix + ".added_events[" + i + "]", v);
    }
    for (int i = 0; i < o.getRemovedEventsCount(); i++) {
      EventRemoval r = o.getRemovedEvents(i);
      String f = prefix + ".removed_events[" + i + "]";
      checkCell(r.getCellId(), f + ".cell_id", v);
      if (r.getEventId().isEmpty()) {
        v.invalid(f + ".event_id", "is required");
      }
    }
    for (int i = 0; i < o.getDelayedEventsCount(); i++) {
      EventDelay d = o.getDelayedEvents(i);
      String f = prefix + ".delayed_events[" + i + "]";
      checkCell(d.getCellId(), f + ".cell_id", v);
      if (d.getEventId().isEmpty()) {
        v.invalid(f + ".event_id", "is required");
      }
      // not Math.abs: it keeps MIN_VALUE negative
      if (d.getYears() == 0 || d.getYears() < -MAX_DELAY_YEARS || d.getYears() > MAX_DELAY_YEARS) {
        v.invalid(
            f + ".years",
            "must be from -"
                + MAX_DELAY_YEARS
                + " to "
                + MAX_DELAY_YEARS
                + " and not 0, got "
                + d.getYears());
      }
    }
    for (int i = 0; i < o.getMacroShocksCount(); i++) {
      checkShock(o.getMacroShocks(i), prefix + ".macro_shocks[" + i + "]", v);
    }
    for (int i = 0; i < o.getObservationsCount(); i++) {
      checkObservation(o.getObservations(i), prefix + ".observations[" + i + "]", v);
    }
    checkDatasetId(o.getDatasetId(), prefix + ".dataset_id", v);
  }

  /** "" names no dataset; anything else must be the id of a stored dataset (INVALID_ARGUMENT). */
  private void checkDatasetId(String id, String field, Violations v) {
    if (id.isEmpty()) {
      return;
    }
    if (!ScenarioServiceImpl.ID.matcher(id).matches()) {
      v.invalid(
          field,
          "must be a dataset id (a-z, 0-9, '-', starting with a letter) or empty, got "
              + ClientText.quote(id));
    } else if (!datasets.exists(id, field)) {
      v.invalid(
          field,
          "names dataset "
              + ClientText.quote(id)
              + ", which is not stored; import it first (CreateDataset, `chaincast actuals import`)"
              + " or leave dataset_id empty; `chaincast actuals datasets` lists the stored ones");
    }
  }

  /** The checks of one cell override, shared with {@code SimulationSpec.overrides}. */
  static void checkCellOverride(
      Model model, CellOverride o, String field, Set<String> seen, Violations v) {
    if (o.getCellId().isEmpty()) {
      v.invalid(field + ".cell_id", "is required");
      return;
    }
    Cell cell = model.cell(o.getCellId()).orElse(null);
    if (cell == null) {
      v.notFound("cell", o.getCellId(), field + ".cell_id", model);
      return;
    }
    if (!seen.add(o.getCellId())) {
      v.invalid(
          field + ".cell_id",
          "cell " + ClientText.quote(o.getCellId()) + " is overridden twice; merge the entries");
    }
    if (o.hasBaseValue()) {
      v.inDomain(field + ".base_value", ParameterDomain.OUTPUT, o.getBaseValue());
    }
    if (o.hasDriftMean()) {
      v.inDomain(field + ".drift_mean", ParameterDomain.DRIFT_MEAN, o.getDriftMean());
    }
    if (o.hasDriftSd()) {
      v.inDomain(field + ".drift_sd", ParameterDomain.DRIFT_SD, o.getDriftSd());
    }
    if (o.hasVolatility()) {
      v.inDomain(field + ".volatility", ParameterDomain.VOLATILITY, o.getVolatility());
    }
    if (!o.hasBaseValue() && !o.hasDriftMean() && !o.hasDriftSd() && !o.hasVolatility()) {
      v.invalid(field, "changes nothing: set base_value, drift_mean, drift_sd or volatility");
    }
  }

  private void checkCountOverride(CountOverride o, String field, Set<String> seen, Violations v) {
    if (o.getCountCellId().isEmpty()) {
      v.invalid(field + ".count_cell_id", "is required");
      return;
    }
    if (model.countCell(o.getCountCellId()).isEmpty()) {
      v.notFound("count cell", o.getCountCellId(), field + ".count_cell_id", model);
      return;
    }
    if (!seen.add(o.getCountCellId())) {
      v.invalid(
          field + ".count_cell_id",
          "count cell " + ClientText.quote(o.getCountCellId()) + " is overridden twice");
    }
    if (o.hasBaseCount()) {
      v.inDomain(field + ".base_count", ParameterDomain.COUNT, o.getBaseCount());
    }
    if (o.hasYearlyRate()) {
      v.inDomain(field + ".yearly_rate", ParameterDomain.YEARLY_RATE, o.getYearlyRate());
    }
    if (o.hasRateShape()) {
      v.inDomain(field + ".rate_shape", ParameterDomain.RATE_SHAPE, o.getRateShape());
    }
    if (!o.hasBaseCount() && !o.hasYearlyRate() && !o.hasRateShape()) {
      v.invalid(field, "changes nothing: set base_count, yearly_rate or rate_shape");
    }
  }

  private void checkAddition(EventAddition a, String f, Violations v) {
    checkCell(a.getCellId(), f + ".cell_id", v);
    if (!a.hasEvent()) {
      v.invalid(f + ".event", "is required");
      return;
    }
    ProjectEvent e = a.getEvent();
    if (e.getId().isEmpty()) {
      v.invalid(f + ".event.id", "is required");
    }
    if (e.getFirstYear() < FIRST_YEAR || e.getFirstYear() > limits.maxHorizonYear()) {
      v.invalid(
          f + ".event.first_year",
          "must be a year from "
              + FIRST_YEAR
              + " to "
              + limits.maxHorizonYear()
              + ", got "
              + e.getFirstYear());
    }
    if (e.getLastYear() < e.getFirstYear() || e.getLastYear() > limits.maxHorizonYear()) {
      v.invalid(
          f + ".event.last_year",
          "must be from first_year to " + limits.maxHorizonYear() + ", got " + e.getLastYear());
    }
    v.inDomain(
        f + ".event.yearly_probability",
        ParameterDomain.EVENT_PROBABILITY,
        e.getYearlyProbability());
    v.inDomain(f + ".event.jump_log_mean", ParameterDomain.JUMP_LOG_MEAN, e.getJumpLogMean());
    v.inDomain(f + ".event.jump_log_sd", ParameterDomain.JUMP_LOG_SD, e.getJumpLogSd());
  }

  private void checkShock(MacroShock m, String f, Violations v) {
    switch (m.getWhereCase()) {
      case CITY -> {
        if (!m.getCity()) {
          v.invalid(f + ".city", "must be true when set");
        }
      }
      case CHAIN_ID -> {
        if (model.chain(m.getChainId()).isEmpty()) {
          v.notFound("chain", m.getChainId(), f + ".chain_id", model);
        } else if (model.cellsOfChain(m.getChainId()).isEmpty()) {
          v.invalid(
              f + ".chain_id",
              "chain " + ClientText.quote(m.getChainId()) + " has no modelled cell");
        }
      }
      case REGION_ID -> {
        if (model.region(m.getRegionId()).isEmpty()) {
          v.notFound("region", m.getRegionId(), f + ".region_id", model);
        } else if (model.cellsOfRegion(m.getRegionId()).isEmpty()) {
          v.invalid(
              f + ".region_id",
              "region " + ClientText.quote(m.getRegionId()) + " has no modelled cell");
        }
      }
      case CELL_ID -> checkCell(m.getCellId(), f + ".cell_id", v);
      case WHERE_NOT_SET -> v.invalid(f, "set one of city, chain_id, region_id or cell_id");
    }
    if (m.getYear() < FIRST_YEAR || m.getYear() > limits.maxHorizonYear()) {
      v.invalid(
          f + ".year",
          "must be a year from "
              + FIRST_YEAR
              + " to "
              + limits.maxHorizonYear()
              + ", got "
              + m.getYear());
    }
    v.inDomain(f + ".change", ParameterDomain.CHANGE, m.getChange());
  }

  private void checkObservation(Observation o, String f, Violations v) {
    int earliest;
    switch (o.getSubjectCase()) {
      case CELL_ID -> {
        if (!checkCell(o.getCellId(), f + ".cell_id", v)) {
          return;
        }
        earliest = model.cell(o.getCellId()).orElseThrow().getParameters().getBaseYear();
        v.inDomain(f + ".value", ParameterDomain.OUTPUT, o.getValue());
      }
      case GROUP -> {
        if (o.getGroup().getChainIdsCount() == 0) {
          v.invalid(
              f + ".group.chain_ids",
              "is required: a group is the cells of these chains (in region_ids, if any)");
          return;
        }
        for (int k = 0; k < o.getGroup().getChainIdsCount(); k++) {
          if (model.chain(o.getGroup().getChainIds(k)).isEmpty()) {
            v.notFound(
                "chain", o.getGroup().getChainIds(k), f + ".group.chain_ids[" + k + "]", model);
            return;
          }
        }
        for (int k = 0; k < o.getGroup().getRegionIdsCount(); k++) {
          if (model.region(o.getGroup().getRegionIds(k)).isEmpty()) {
            v.notFound(
                "region", o.getGroup().getRegionIds(k), f + ".group.region_ids[" + k + "]", model);
            return;
          }
        }
        var cells = model.cellsIn(o.getGroup());
        if (cells.isEmpty()) {
          v.invalid(f + ".group", "selects no modelled cell");
          return;
        }
        earliest =
            cells.stream().mapToInt(c -> c.getParameters().getBaseYear()).max().orElseThrow();
        v.inDomain(f + ".value", ParameterDomain.OUTPUT, o.getValue());
      }
      case COUNT_CELL_ID -> {
        var cell = model.countCell(o.getCountCellId());
        if (cell.isEmpty()) {
          v.notFound("count cell", o.getCountCellId(), f + ".count_cell_id", model);
          return;
        }
        earliest = cell.get().getParameters().getBaseYear();
        v.inDomain(f + ".value", ParameterDomain.COUNT, o.getValue());
      }
      default -> {
        v.invalid(f, "set one of cell_id, group or count_cell_id");
        return;
      }
    }
    if (o.getYear() < earliest || o.getYear() > limits.maxHorizonYear()) {
      v.invalid(
          f + ".year",
          "must be from "
              + earliest
              + " (the base year) to "
              + limits.maxHorizonYear()
              + ", got "
              + o.getYear());
    }
    checkErrorModel(o, f, v);
  }

  /** The observation model's fields: the measurement error and a part-year period. */
  private static void checkErrorModel(Observation o, String f, Violations v) {
    v.inDomain(f + ".relative_error", ParameterDomain.MEASUREMENT_ERROR, o.getRelativeError());
    if (!o.hasPeriod()) {
      return;
    }
    if (o.getSubjectCase() == Observation.SubjectCase.COUNT_CELL_ID) {
      v.invalid(f + ".period", "a count is a stock at the end of the year: it has no period");
      return;
    }
    var p = o.getPeriod();
    if (p.getFirstMonth() < 1 || p.getFirstMonth() > 12) {
      v.invalid(
          f + ".period.first_month", "must be a month from 1 to 12, got " + p.getFirstMonth());
    } else if (p.getLastMonth() < p.getFirstMonth() || p.getLastMonth() > 12) {
      v.invalid(
          f + ".period.last_month",
          "must be a month from first_month ("
              + p.getFirstMonth()
              + ") to 12, got "
              + p.getLastMonth());
    } else if (p.getFirstMonth() == 1 && p.getLastMonth() == 12 && p.getFraction() == 0) {
      v.invalid(f + ".period", "covers the whole year: leave period unset for a full-year value");
    }
    v.inDomain(f + ".period.fraction", ParameterDomain.PERIOD_FRACTION, p.getFraction());
    v.inDomain(
        f + ".period.fraction_error", ParameterDomain.MEASUREMENT_ERROR, p.getFractionError());
  }

  private boolean checkCell(String id, String field, Violations v) {
    if (id.isEmpty()) {
      v.invalid(field, "is required");
      return false;
    }
    if (model.cell(id).isEmpty()) {
      v.notFound("cell", id, field, model);
      return false;
    }
    return true;
  }
}
