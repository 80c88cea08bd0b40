package chaincast.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.engine.ParameterDomain;
import chaincast.model.Model;
import chaincast.seed.SeedLoader;
import chaincast.v1.CellOverride;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import org.junit.jupiter.api.Test;

class TornadoStepTest {
  private static final Model MODEL = SeedLoader.fromClasspath();

  @Test
  void countInputsTakeThreeStepsAndCellInputsFour() {
    assertEquals(3, TornadoStep.forKind(TargetKind.TARGET_KIND_COUNT).size());
    assertEquals(4, TornadoStep.forKind(TargetKind.TARGET_KIND_OUTPUT).size());
    assertEquals(4, TornadoStep.forKind(TargetKind.TARGET_KIND_CHAINS_ABOVE).size());
    Target counts = MODEL.target("pharma-firms-above-size-2025").orElseThrow();
    Target output = MODEL.target("pharma-output-2025").orElseThrow();
    assertEquals(3 * MODEL.countCellsFor(counts).size(), Tornado.steps(MODEL, counts));
    assertEquals(4 * MODEL.cellsIn(output.getScope()).size(), Tornado.steps(MODEL, output));
  }

  @Test
  void everyStepStaysInsideItsParameterDomain() {
    for (TornadoStep step : TornadoStep.values()) {
      ParameterDomain domain =
          switch (step) {
            case START_VALUE -> ParameterDomain.OUTPUT;
            case BASE_COUNT -> ParameterDomain.COUNT;
            default -> ParameterDomain.valueOf(step.name());
          };
      double inside = domain.clamp(domain.high());
      double[] lh = step.around(inside);
      assertTrue(
          domain.contains(lh[0]) && domain.contains(lh[1]), step + " " + lh[0] + " " + lh[1]);
    }
  }

  @Test
  void zeroMovesOnlyWhereZeroIsAValueLikeAnyOther() {
    assertTrue(TornadoStep.DRIFT_MEAN.moves(0));
    assertTrue(TornadoStep.BASE_COUNT.moves(0));
    assertFalse(TornadoStep.VOLATILITY.moves(0));
    assertFalse(TornadoStep.RATE_SHAPE.moves(0));
    assertTrue(TornadoStep.RATE_SHAPE.moves(4));
  }

  @Test
  void aStepMergesIntoThePointsOwnOverride() {
    ScenarioOverrides point =
        ScenarioOverrides.newBuilder()
            .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setVolatility(0.2))
            .build();
    ScenarioOverrides moved = TornadoStep.DRIFT_MEAN.set(point, "pharma@etdz", 0.01);
    assertEquals(1, moved.getCellsCount());
    assertEquals(0.2, moved.getCells(0).getVolatility());
    assertEquals(0.01, moved.getCells(0).getDriftMean());
    ScenarioOverrides count = TornadoStep.YEARLY_RATE.set(point, "pharma_firms_above_size@etdz", 2);
    assertEquals(2, count.getCounts(0).getYearlyRate());
    assertEquals(point.getCellsList(), count.getCellsList());
  }
}
