package chaincast.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.CountOverride;
import chaincast.v1.MacroShock;
import chaincast.v1.ScenarioOverrides;
import java.util.List;
import org.junit.jupiter.api.Test;

class EffectiveParametersTest {
  private final Model model = Seeded.model();

  @Test
  void withoutOverridesEveryParameterIsTheSeededOne() {
    EffectiveParameters p =
        EffectiveParameters.of(model, ScenarioOverrides.getDefaultInstance(), List.of());
    assertEquals(model.cells().size(), p.cells().size());
    assertEquals(model.countCells().size(), p.counts().size());
    for (int i = 0; i < model.cells().size(); i++) {
      Cell c = model.cells().get(i);
      EffectiveParameters.CellValues v = p.cell(i);
      assertEquals(c.getId(), v.id());
      assertEquals(c.getParameters().getBaseValue().getValue(), v.baseValue().value());
      assertEquals(c.getParameters().getDriftMean().getValue(), v.driftMean().value());
      assertEquals(c.getParameters().getDriftSd().getValue(), v.driftSd().value());
      assertEquals(c.getParameters().getVolatility().getValue(), v.volatility().value());
      assertTrue(v.all().stream().noneMatch(EffectiveParameters.Value::overridden));
    }
    for (int k = 0; k < model.countCells().size(); k++) {
      var seeded = model.countCells().get(k).getParameters();
      assertEquals(seeded.getYearlyRate().getValue(), p.count(k).yearlyRate().value());
      assertFalse(p.count(k).baseCount().overridden());
    }
  }

  @Test
  void anOverrideReplacesOnlyTheFieldsItSets() {
    ScenarioOverrides scenario =
        ScenarioOverrides.newBuilder()
            .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(0.03))
            .addCounts(
                CountOverride.newBuilder()
                    .setCountCellId("pharma_firms_above_size@etdz")
                    .setYearlyRate(7))
            .build();
    EffectiveParameters p = EffectiveParameters.of(model, scenario, List.of());
    EffectiveParameters.CellValues etdz = p.cell(Seeded.cellIndex("pharma@etdz"));
    assertEquals(0.03, etdz.driftMean().value());
    assertTrue(etdz.driftMean().overridden());
    Cell seeded = model.cell("pharma@etdz").orElseThrow();
    assertEquals(seeded.getParameters().getDriftMean(), etdz.driftMean().seeded());
    assertEquals(seeded.getParameters().getVolatility().getValue(), etdz.volatility().value());
    assertNull(etdz.volatility().override());
    int k =
        model.countCells().indexOf(model.countCell("pharma_firms_above_size@etdz").orElseThrow());
    assertEquals(7, p.count(k).yearlyRate().value());
    assertFalse(p.count(k).rateShape().overridden());
  }

  @Test
  void requestOverridesApplyOnTopOfTheScenarioFieldByField() {
    ScenarioOverrides scenario =
        ScenarioOverrides.newBuilder()
            .addCells(
                CellOverride.newBuilder()
                    .setCellId("pharma@etdz")
                    .setDriftMean(0.03)
                    .setVolatility(0.2))
            .build();
    List<CellOverride> request =
        List.of(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(0.05).build());
    EffectiveParameters p = EffectiveParameters.of(model, scenario, request);
    EffectiveParameters.CellValues etdz = p.cell(Seeded.cellIndex("pharma@etdz"));
    assertEquals(0.05, etdz.driftMean().value(), "the later field wins");
    assertEquals(0.2, etdz.volatility().value(), "a field the later entry leaves unset is kept");
    assertEquals(1, p.overrides().getCellsCount(), "one entry per cell after the merge");
  }

  @Test
  void mergeKeepsFirstSeenOrderAndEveryOtherField() {
    ScenarioOverrides scenario =
        ScenarioOverrides.newBuilder()
            .addCells(CellOverride.newBuilder().setCellId("pharma@haizhou").setDriftSd(0.01))
            .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setBaseValue(400))
            .addCells(
                CellOverride.newBuilder()
                    .setCellId("pharma@haizhou")
                    .setDriftSd(0.02)
                    .setVolatility(0.3))
            .addMacroShocks(
                MacroShock.newBuilder().setId("m").setCity(true).setYear(2024).setChange(-0.1))
            .build();
    ScenarioOverrides merged =
        EffectiveParameters.merge(
            scenario,
            List.of(
                CellOverride.newBuilder()
                    .setCellId("steel@unallocated")
                    .setVolatility(0.1)
                    .build()),
            List.of(
                CountOverride.newBuilder()
                    .setCountCellId("pharma_firms_above_size@etdz")
                    .setBaseCount(3)
                    .build()));
    assertEquals(
        List.of("pharma@haizhou", "pharma@etdz", "steel@unallocated"),
        merged.getCellsList().stream().map(CellOverride::getCellId).toList());
    assertEquals(0.02, merged.getCells(0).getDriftSd());
    assertEquals(0.3, merged.getCells(0).getVolatility());
    assertEquals(scenario.getMacroShocksList(), merged.getMacroShocksList());
    assertEquals(3, merged.getCounts(0).getBaseCount());
  }
}
