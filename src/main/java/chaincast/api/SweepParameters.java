package chaincast.api;

import chaincast.engine.ParameterDomain;
import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.run.EffectiveParameters;
import chaincast.v1.CellOverride;
import chaincast.v1.CountOverride;
import chaincast.v1.MacroShock;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepQuantity;
import chaincast.v1.SweepValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a sweep axis or goal seek moves: checks a {@link SweepParameter} against the model, and
 * applies parameter values to a scenario's overrides with the project's one merge ({@link
 * EffectiveParameters#merge}), so a point means exactly what the same override in a scenario means.
 */
final class SweepParameters {
  private SweepParameters() {}

  /**
   * Checks that {@code p} names an existing cell, count cell or macro shock and a fitting quantity.
   */
  static void check(
      Model model, SweepParameter p, Set<String> macroShockIds, String field, Violations v) {
    SweepQuantity q = p.getQuantity();
    switch (p.getOwnerCase()) {
      case CELL_ID -> {
        if (model.cell(p.getCellId()).isEmpty()) {
          v.notFound("cell", p.getCellId(), field + ".cell_id", model);
        }
        expect(q, field, v, "a cell", cellQuantity(q));
      }
      case COUNT_CELL_ID -> {
        if (model.countCell(p.getCountCellId()).isEmpty()) {
          v.notFound("count cell", p.getCountCellId(), field + ".count_cell_id", model);
        }
        expect(q, field, v, "a count cell", countQuantity(q));
      }
      case MACRO_SHOCK_ID -> {
        if (!macroShockIds.contains(p.getMacroShockId())) {
          v.invalid(
              field + ".macro_shock_id",
              "no macro shock "
                  + ClientText.quote(p.getMacroShockId())
                  + " in the spec's scenario or inline overrides; define it there first");
        }
        expect(q, field, v, "a macro shock", q == SweepQuantity.SWEEP_QUANTITY_MACRO_SHOCK_CHANGE);
      }
      case OWNER_NOT_SET ->
          v.invalid(field, "set cell_id, count_cell_id or macro_shock_id and a quantity");
    }
  }

  private static void expect(
      SweepQuantity q, String field, Violations v, String owner, boolean fits) {
    if (!fits) {
      v.invalid(
          field + ".quantity",
          q == SweepQuantity.SWEEP_QUANTITY_UNSPECIFIED
              ? "is required"
              : q + " is not a parameter of " + owner);
    }
  }

  private static boolean cellQuantity(SweepQuantity q) {
    return switch (q) {
      case SWEEP_QUANTITY_BASE_VALUE,
          SWEEP_QUANTITY_DRIFT_MEAN,
          SWEEP_QUANTITY_DRIFT_SD,
          SWEEP_QUANTITY_VOLATILITY ->
          true;
      default -> false;
    };
  }

  private static boolean countQuantity(SweepQuantity q) {
    return switch (q) {
      case SWEEP_QUANTITY_BASE_COUNT, SWEEP_QUANTITY_YEARLY_RATE, SWEEP_QUANTITY_RATE_SHAPE -> true;
      default -> false;
    };
  }

  /** The range the matching override field allows; null for an unset quantity. */
  static ParameterDomain domain(SweepQuantity q) {
    return switch (q) {
      case SWEEP_QUANTITY_BASE_VALUE -> ParameterDomain.OUTPUT;
      case SWEEP_QUANTITY_DRIFT_MEAN -> ParameterDomain.DRIFT_MEAN;
      case SWEEP_QUANTITY_DRIFT_SD -> ParameterDomain.DRIFT_SD;
      case SWEEP_QUANTITY_VOLATILITY -> ParameterDomain.VOLATILITY;
      case SWEEP_QUANTITY_BASE_COUNT -> ParameterDomain.COUNT;
      case SWEEP_QUANTITY_YEARLY_RATE -> ParameterDomain.YEARLY_RATE;
      case SWEEP_QUANTITY_RATE_SHAPE -> ParameterDomain.RATE_SHAPE;
      case SWEEP_QUANTITY_MACRO_SHOCK_CHANGE -> ParameterDomain.CHANGE;
      default -> null;
    };
  }

  /** Adds a violation unless {@code value} is allowed for {@code p}'s quantity. */
  static void checkValue(SweepParameter p, double value, String field, Violations v) {
    ParameterDomain domain = domain(p.getQuantity());
    if (domain != null) {
      v.inDomain(field, domain, value);
    }
  }

  /** A readable name, e.g. {@code pharma@etdz.drift_mean}. */
  static String name(SweepParameter p) {
    String owner =
        switch (p.getOwnerCase()) {
          case CELL_ID -> p.getCellId();
          case COUNT_CELL_ID -> p.getCountCellId();
          case MACRO_SHOCK_ID -> p.getMacroShockId();
          case OWNER_NOT_SET -> "";
        };
    String q = p.getQuantity().name().replace("SWEEP_QUANTITY_", "").toLowerCase(Locale.ROOT);
    return owner + "." + (q.equals("macro_shock_change") ? "change" : q);
  }

  /** The macro shock ids {@code overrides} defines. */
  static Set<String> macroShockIds(ScenarioOverrides overrides) {
    Set<String> ids = new HashSet<>();
    for (MacroShock m : overrides.getMacroShocksList()) {
      ids.add(m.getId());
    }
    return ids;
  }

  /** {@code base} with every value applied on top (later values of the same parameter win). */
  static ScenarioOverrides apply(ScenarioOverrides base, List<SweepValue> values) {
    List<CellOverride> cells = new ArrayList<>();
    List<CountOverride> counts = new ArrayList<>();
    ScenarioOverrides.Builder shocks = base.toBuilder();
    for (SweepValue sv : values) {
      SweepParameter p = sv.getParameter();
      double x = sv.getValue();
      switch (p.getOwnerCase()) {
        case CELL_ID -> cells.add(cellOverride(p.getCellId(), p.getQuantity(), x));
        case COUNT_CELL_ID -> counts.add(countOverride(p.getCountCellId(), p.getQuantity(), x));
        case MACRO_SHOCK_ID -> {
          for (int i = 0; i < shocks.getMacroShocksCount(); i++) {
            if (shocks.getMacroShocks(i).getId().equals(p.getMacroShockId())) {
              shocks.setMacroShocks(i, shocks.getMacroShocks(i).toBuilder().setChange(x));
            }
          }
        }
        case OWNER_NOT_SET -> throw new IllegalArgumentException("unchecked parameter " + p);
      }
    }
    return EffectiveParameters.merge(shocks.build(), cells, counts);
  }

  private static CellOverride cellOverride(String id, SweepQuantity q, double x) {
    CellOverride.Builder o = CellOverride.newBuilder().setCellId(id);
    switch (q) {
      case SWEEP_QUANTITY_BASE_VALUE -> o.setBaseValue(x);
      case SWEEP_QUANTITY_DRIFT_MEAN -> o.setDriftMean(x);
      case SWEEP_QUANTITY_DRIFT_SD -> o.setDriftSd(x);
      case SWEEP_QUANTITY_VOLATILITY -> o.setVolatility(x);
      default -> throw new IllegalArgumentException("not a cell parameter: " + q);
    }
    return o.build();
  }

  private static CountOverride countOverride(String id, SweepQuantity q, double x) {
    CountOverride.Builder o = CountOverride.newBuilder().setCountCellId(id);
    switch (q) {
      case SWEEP_QUANTITY_BASE_COUNT -> o.setBaseCount(x);
      case SWEEP_QUANTITY_YEARLY_RATE -> o.setYearlyRate(x);
      case SWEEP_QUANTITY_RATE_SHAPE -> o.setRateShape(x);
      default -> throw new IllegalArgumentException("not a count parameter: " + q);
    }
    return o.build();
  }
}
