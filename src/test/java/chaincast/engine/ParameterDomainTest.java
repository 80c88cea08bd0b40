package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.model.Model;
import chaincast.seed.SeedLoader;
import chaincast.v1.Cell;
import chaincast.v1.CountCell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The one table of parameter domains: its rules, its messages, its steps, the seeds and the README.
 */
class ParameterDomainTest {

  @Test
  void closedAndOpenEnds() {
    assertTrue(ParameterDomain.VOLATILITY.contains(0));
    assertTrue(ParameterDomain.VOLATILITY.contains(2));
    assertFalse(ParameterDomain.VOLATILITY.contains(Math.nextUp(2.0)));
    assertFalse(ParameterDomain.CHANGE.contains(-1));
    assertTrue(ParameterDomain.CHANGE.contains(Math.nextUp(-1.0)));
    assertTrue(ParameterDomain.CHANGE.contains(10));
    assertFalse(ParameterDomain.HALF_WIDTH.contains(0.5));
    assertTrue(ParameterDomain.HALF_WIDTH.contains(Math.nextDown(0.5)));
    assertFalse(ParameterDomain.DEGREES_OF_FREEDOM.contains(2));
    assertTrue(ParameterDomain.DEGREES_OF_FREEDOM.contains(Math.nextUp(2.0)));
  }

  @Test
  void aMacroShocksLogFactorIsBoundedByTheChangeRow() {
    // The engine gets ln(1 + change): exactly the changes the row holds pass, ends included.
    double[] inside = {Math.nextUp(-1.0), -0.999999, -0.1, -1e-6, 1e-6, 0.5, 9.999999, 10};
    for (double change : inside) {
      assertNull(ParameterDomain.CHANGE.violationOfLog1p(Math.log1p(change)), "change " + change);
    }
    assertNull(ParameterDomain.CHANGE.violationOfLog1p(0), "a log factor of 0 moves nothing");
    for (double logFactor :
        new double[] {
          Math.nextUp(Math.log1p(10)),
          Math.log(12),
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY
        }) {
      assertEquals(
          "must be ln(1 + v) with v above -1 and at most 10 (relative change, -0.10 = -10%), got "
              + logFactor,
          ParameterDomain.CHANGE.violationOfLog1p(logFactor));
    }
  }

  @Test
  void subnormalTinyHugeAndNonFiniteValuesAreOutsideEveryDomain() {
    for (ParameterDomain d : ParameterDomain.values()) {
      for (double v :
          new double[] {
            5e-324,
            -5e-324,
            Double.MIN_NORMAL,
            1e-300,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE,
            -Double.MAX_VALUE
          }) {
        assertFalse(d.contains(v), d + " contains " + v);
      }
    }
  }

  @Test
  void messagesSayWhichRuleFailed() {
    assertEquals(
        "must be from 0 to 2 (log output a year), got 3.0",
        ParameterDomain.VOLATILITY.violation(3));
    assertEquals(
        "must be from 0.0001 to 100000000 (亿元), got 4.9E-324",
        ParameterDomain.OUTPUT.violation(5e-324));
    assertEquals(
        "must be 0 or at least 1e-9 in size (smaller values are numerical noise), got 1.0E-300",
        ParameterDomain.VOLATILITY.violation(1e-300));
    assertEquals(
        "must be a whole number from 0 to 1000000 (count), got 2.5",
        ParameterDomain.COUNT.violation(2.5));
    assertEquals(
        "must not be 0 (relative change, -0.10 = -10%)", ParameterDomain.CHANGE.violation(0));
    assertEquals(
        "must be above -1 and at most 10 (relative change, -0.10 = -10%), got -1.0",
        ParameterDomain.CHANGE.violation(-1));
    assertEquals(
        "must be at least 1e-5 and below 0.5 (probability, 0.005 = ±0.5 points), got NaN",
        ParameterDomain.HALF_WIDTH.violation(Double.NaN));
    assertNull(ParameterDomain.DRIFT_MEAN.violation(-0.5));
  }

  @Test
  void stepsStayInsideTheDomain() {
    assertArrayEquals(new double[] {0.9, 1.1}, ParameterDomain.OUTPUT.around(1), 1e-12);
    assertArrayEquals(new double[] {0.99, 1.0}, ParameterDomain.DRIFT_MEAN.around(1), 1e-12);
    assertArrayEquals(new double[] {1.5, 2.0}, ParameterDomain.VOLATILITY.around(2), 1e-12);
    assertArrayEquals(new double[] {0.5, 1.0}, ParameterDomain.DRIFT_SD.around(1), 1e-12);
    assertArrayEquals(new double[] {0, 1}, ParameterDomain.COUNT.around(0), 0);
    assertArrayEquals(new double[] {7_500, 10_000}, ParameterDomain.YEARLY_RATE.around(10_000), 0);
    assertArrayEquals(new double[] {0.01, 0.02}, ParameterDomain.RATE_SHAPE.around(0.01), 1e-15);
    assertArrayEquals(new double[] {1e-9, 1.5e-9}, ParameterDomain.DRIFT_SD.around(1e-9), 1e-24);
    assertArrayEquals(new double[] {1e-4, 1.1e-4}, ParameterDomain.OUTPUT.around(1e-4), 1e-18);
    for (ParameterDomain d : ParameterDomain.values()) {
      if (d.step() != null) {
        for (double v : new double[] {d.low(), d.high(), d.clamp(1), d.clamp(-1), d.clamp(0)}) {
          double[] ends = d.around(d.clamp(v));
          assertTrue(d.contains(ends[0]) && d.contains(ends[1]), d + " around " + v);
        }
      } else {
        assertThrows(IllegalStateException.class, () -> d.around(d.clamp(1)));
      }
    }
  }

  @Test
  void everySeededValueLiesInside() {
    Model model =
        SeedLoader.fromClasspath(); // the seed validator checks the same table; this says where
    for (Cell c : model.cells()) {
      var p = c.getParameters();
      assertTrue(ParameterDomain.OUTPUT.contains(p.getBaseValue().getValue()), c.getId());
      assertTrue(ParameterDomain.DRIFT_MEAN.contains(p.getDriftMean().getValue()), c.getId());
      assertTrue(ParameterDomain.DRIFT_SD.contains(p.getDriftSd().getValue()), c.getId());
      assertTrue(ParameterDomain.VOLATILITY.contains(p.getVolatility().getValue()), c.getId());
    }
    for (CountCell c : model.countCells()) {
      var p = c.getParameters();
      assertTrue(ParameterDomain.COUNT.contains(p.getBaseCount().getValue()), c.getId());
      assertTrue(ParameterDomain.YEARLY_RATE.contains(p.getYearlyRate().getValue()), c.getId());
      assertTrue(ParameterDomain.RATE_SHAPE.contains(p.getRateShape().getValue()), c.getId());
    }
    assertTrue(
        ParameterDomain.DEGREES_OF_FREEDOM.contains(
            model.shocks().getDegreesOfFreedom().getValue()));
  }

  @Test
  void formatsBoundsAsAPersonWritesThem() {
    assertEquals("0.0001", ParameterDomain.format(1e-4));
    assertEquals("100000000", ParameterDomain.format(1e8));
    assertEquals("1e-9", ParameterDomain.format(1e-9));
    assertEquals("1e30", ParameterDomain.format(1e30));
    assertEquals("-1", ParameterDomain.format(-1));
    assertEquals("99.999", ParameterDomain.format(99.999));
    assertEquals("2.5e35", ParameterDomain.format(2.5e35));
  }

  @Test
  void theReadmeRendersThisTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(
        readme.contains(ParameterDomain.markdownTable()),
        "README.md must contain the table as ParameterDomain.markdownTable() renders it:\n"
            + ParameterDomain.markdownTable());
  }
}
