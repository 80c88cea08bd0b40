package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.CellParameters;
import chaincast.v1.CountCell;
import chaincast.v1.CountOverride;
import chaincast.v1.CountParameters;
import chaincast.v1.Parameter;
import chaincast.v1.ScenarioOverrides;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every cell's and count cell's parameters once a scenario's overrides apply: for each, the
 * override when one sets it, else the seeded value. It is built once per planned run and read by
 * every stage after it (the observation split, the cell and count specs, the assumptions report),
 * so "override, else seeded value" is decided in this class only.
 *
 * <p>Overrides are merged by {@link #merge}, the one merge of the project: entries for the same
 * cell (or count cell) are combined field by field, and a field set later replaces the same field
 * set earlier, as {@code CellOverride} documents ("unset fields keep the seeded value") and as
 * {@code SimulationSpec.overrides} documents ("apply on top of" the scenario). The sensitivity
 * analysis moves its steps with the same merge.
 *
 * @param overrides the merged overrides: at most one {@code cells} entry per cell and one {@code
 *     counts} entry per count cell, in the order each id first appeared; every other field as the
 *     scenario gave it
 * @param cells per cell of the model, in model order
 * @param counts per count cell of the model, in model order
 */
public record EffectiveParameters(
    ScenarioOverrides overrides, List<CellValues> cells, List<CountValues> counts) {

  /**
   * Copies the lists so the value cannot change under a stage that holds it.
   *
   * @param overrides the merged overrides
   * @param cells per cell of the model, in model order
   * @param counts per count cell of the model, in model order
   */
  public EffectiveParameters {
    cells = List.copyOf(cells);
    counts = List.copyOf(counts);
  }

  /**
   * One parameter in effect.
   *
   * @param name the parameter as the API names it, e.g. {@code drift_mean}
   * @param seeded the seeded parameter, with its provenance
   * @param override the value an override sets, or null when none does
   */
  public record Value(String name, Parameter seeded, Double override) {
    /**
     * The override when there is one, else the seeded value.
     *
     * @return the value in effect
     */
    public double value() {
      return override != null ? override : seeded.getValue();
    }

    /**
     * Whether an override sets this parameter.
     *
     * @return true when an override sets it
     */
    public boolean overridden() {
      return override != null;
    }
  }

  /**
   * A cell's parameters in effect.
   *
   * @param id the cell id
   * @param baseYear the seeded base year (no override moves it)
   * @param baseValue output in the base year, 亿元
   * @param driftMean mean log growth a year
   * @param driftSd standard deviation of the per-path drift
   * @param volatility standard deviation of the yearly shock
   */
  public record CellValues(
      String id, int baseYear, Value baseValue, Value driftMean, Value driftSd, Value volatility) {
    /**
     * The four parameters in the order the assumptions report lists them.
     *
     * @return the parameters in a fixed order
     */
    public List<Value> all() {
      return List.of(baseValue, driftMean, driftSd, volatility);
    }
  }

  /**
   * A count cell's parameters in effect.
   *
   * @param id the count cell id
   * @param baseYear the seeded base year
   * @param baseCount the count at the end of the base year
   * @param yearlyRate mean arrivals a year
   * @param rateShape gamma shape of the rate (0: known rate)
   */
  public record CountValues(
      String id, int baseYear, Value baseCount, Value yearlyRate, Value rateShape) {
    /**
     * The three parameters in the order the assumptions report lists them.
     *
     * @return the parameters in a fixed order
     */
    public List<Value> all() {
      return List.of(baseCount, yearlyRate, rateShape);
    }
  }

  /**
   * The parameters in effect when {@code requestOverrides} apply on top of {@code scenario}.
   *
   * @param model the seeded model
   * @param scenario a stored scenario's overrides, the inline ones, or none
   * @param requestOverrides {@code SimulationSpec.overrides}
   * @return the parameters in effect, with the merged overrides
   */
  public static EffectiveParameters of(
      Model model, ScenarioOverrides scenario, List<CellOverride> requestOverrides) {
    ScenarioOverrides merged = merge(scenario, requestOverrides, List.of());
    Map<String, CellOverride> cellOverrides = new LinkedHashMap<>();
    merged.getCellsList().forEach(o -> cellOverrides.put(o.getCellId(), o));
    Map<String, CountOverride> countOverrides = new LinkedHashMap<>();
    merged.getCountsList().forEach(o -> countOverrides.put(o.getCountCellId(), o));
    List<CellValues> cells = new ArrayList<>();
    for (Cell c : model.cells()) {
      cells.add(cellValues(c, cellOverrides.get(c.getId())));
    }
    List<CountValues> counts = new ArrayList<>();
    for (CountCell c : model.countCells()) {
      counts.add(countValues(c, countOverrides.get(c.getId())));
    }
    return new EffectiveParameters(merged, cells, counts);
  }

  /**
   * {@code scenario} with {@code cells} and {@code counts} merged into its own overrides: one entry
   * per id, fields set later replacing the same fields set earlier. The result's other fields
   * (events, macro shocks, observations) are {@code scenario}'s.
   *
   * @param scenario a stored scenario's overrides, the inline ones, or none
   * @param cells cell overrides merged in after the scenario's, in order
   * @param counts count-cell overrides merged in after the scenario's, in order
   * @return the merged overrides
   */
  public static ScenarioOverrides merge(
      ScenarioOverrides scenario, List<CellOverride> cells, List<CountOverride> counts) {
    Map<String, CellOverride> byCell = new LinkedHashMap<>();
    for (CellOverride o : scenario.getCellsList()) {
      byCell.merge(o.getCellId(), o, EffectiveParameters::combine);
    }
    for (CellOverride o : cells) {
      byCell.merge(o.getCellId(), o, EffectiveParameters::combine);
    }
    Map<String, CountOverride> byCount = new LinkedHashMap<>();
    for (CountOverride o : scenario.getCountsList()) {
      byCount.merge(o.getCountCellId(), o, EffectiveParameters::combine);
    }
    for (CountOverride o : counts) {
      byCount.merge(o.getCountCellId(), o, EffectiveParameters::combine);
    }
    return scenario.toBuilder()
        .clearCells()
        .addAllCells(byCell.values())
        .clearCounts()
        .addAllCounts(byCount.values())
        .build();
  }

  /**
   * The cell's parameters in effect, by index in the model.
   *
   * @param index the position in the model
   * @return the cell's parameters in effect
   */
  public CellValues cell(int index) {
    return cells.get(index);
  }

  /**
   * The count cell's parameters in effect, by index in the model.
   *
   * @param index the position in the model
   * @return the count cell's parameters in effect
   */
  public CountValues count(int index) {
    return counts.get(index);
  }

  private static CellOverride combine(CellOverride earlier, CellOverride later) {
    return earlier.toBuilder().mergeFrom(later).build();
  }

  private static CountOverride combine(CountOverride earlier, CountOverride later) {
    return earlier.toBuilder().mergeFrom(later).build();
  }

  private static CellValues cellValues(Cell c, CellOverride o) {
    CellParameters p = c.getParameters();
    boolean has = o != null;
    return new CellValues(
        c.getId(),
        p.getBaseYear(),
        new Value(
            "base_value", p.getBaseValue(), has && o.hasBaseValue() ? o.getBaseValue() : null),
        new Value(
            "drift_mean", p.getDriftMean(), has && o.hasDriftMean() ? o.getDriftMean() : null),
        new Value("drift_sd", p.getDriftSd(), has && o.hasDriftSd() ? o.getDriftSd() : null),
        new Value(
            "volatility", p.getVolatility(), has && o.hasVolatility() ? o.getVolatility() : null));
  }

  private static CountValues countValues(CountCell c, CountOverride o) {
    CountParameters p = c.getParameters();
    boolean has = o != null;
    return new CountValues(
        c.getId(),
        p.getBaseYear(),
        new Value(
            "base_count", p.getBaseCount(), has && o.hasBaseCount() ? o.getBaseCount() : null),
        new Value(
            "yearly_rate", p.getYearlyRate(), has && o.hasYearlyRate() ? o.getYearlyRate() : null),
        new Value(
            "rate_shape", p.getRateShape(), has && o.hasRateShape() ? o.getRateShape() : null));
  }
}
