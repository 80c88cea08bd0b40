package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Independent identical cells: the count of groups above a level is binomial. */
class ChainsAboveTest {

  @Test
  void countOfIndependentCellsAboveALevelIsBinomial() {
    int k = 6;
    double m = 0.05;
    double s = 0.02;
    double vol = 0.1;
    CellSpec[] cells = new CellSpec[k];
    for (int i = 0; i < k; i++) {
      cells[i] =
          cell("c" + i, i, 2020, 100, m, s, vol); // own chains, no common factor: independent
    }
    ShockSpec independent = new ShockSpec(0, 0, ShockSpec.Distribution.NORMAL, 0);
    Models.Builder b = Models.builder(independent, 2025, cells);
    double sd = Math.sqrt(25 * s * s + 5 * vol * vol);
    double level = 100 * Math.exp(5 * m + sd * 0.1257); // P(cell >= level) = 0.45
    double q = Models.upperTail(0.1257);
    int[] groups = IntStream.range(0, k).toArray();
    b.target(new ChainsAboveTarget("ge3", groups, level, 2025, 3, false));
    b.target(new ChainsAboveTarget("gt3", groups, level, 2025, 3, true));
    long paths = 300_000;
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              b.build(), Models.fixed(paths, 21), CancellationSignal.NEVER, ProgressListener.NONE);
    }
    BinomialDistribution count = new BinomialDistribution(null, k, q);
    double atLeast3 = 1 - count.cumulativeProbability(2);
    double moreThan3 = 1 - count.cumulativeProbability(3);
    RunResult.TargetResult ge3 = r.targets().get(0);
    RunResult.TargetResult gt3 = r.targets().get(1);
    assertWithin(
        atLeast3,
        ge3.hit().estimate(),
        Math.sqrt(atLeast3 * (1 - atLeast3) / paths),
        3,
        "P(count >= 3)");
    assertWithin(
        moreThan3,
        gt3.hit().estimate(),
        Math.sqrt(moreThan3 * (1 - moreThan3) / paths),
        3,
        "P(count > 3)");
    // Mean count k q; variance k q (1 - q).
    assertWithin(k * q, ge3.mean(), Math.sqrt(k * q * (1 - q) / paths), 3, "mean count");
    // Shortfall in chains: E[3 - count | count <= 2].
    double missMass = count.cumulativeProbability(2);
    double shortfall = 0;
    for (int c = 0; c <= 2; c++) {
      shortfall += (3 - c) * count.probability(c) / missMass;
    }
    assertEquals(shortfall, ge3.expectedShortfall(), 0.01, "shortfall");
    // Percentiles of the count: Bin(6, 0.45) has F = .028 .164 .442 .745 .931 .992 1.
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, ge3.percentiles(), 0.0);
    assertEquals(3, ge3.median(), 0.0);
  }
}
