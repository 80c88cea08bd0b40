package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Count draws are the exact quantiles of their law at every mean and shape the API accepts (yearly
 * rate up to 1e4 over spans of up to a dozen years, shape 0 or 0.01 to 1e6): the inverse at a grid
 * of uniforms is checked against the closed-form CDF (Commons Math's regularized gamma for the
 * Poisson, regularized beta for the negative binomial), and the mean of the inverse over a
 * stratified grid against the law's mean. Before, a Poisson mean past about 708 started its
 * recursion from a subnormal or zero {@code e^-mean}: at 750 every draw was 751.
 */
class CountDrawsExactTest {

  /** CDF slack: the closed forms are good to about 1e-14, far below any step of these laws. */
  private static final double SLACK = 1e-9;

  /** {@code P(N <= k)} in closed form: Poisson for shape 0, else negative binomial. */
  private static double exactCdf(double shape, double mean, long k) {
    if (k < 0) {
      return 0;
    }
    if (shape > 0) {
      double p = shape / (shape + mean);
      return Beta.regularizedBeta(p, shape, k + 1.0, 1e-15, Integer.MAX_VALUE);
    }
    return Gamma.regularizedGammaQ(k + 1.0, mean, 1e-15, Integer.MAX_VALUE);
  }

  private static List<Double> grid(int n) {
    List<Double> us = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      us.add((i + 0.5) / n);
    }
    for (double tail : new double[] {1e-12, 1e-9, 1e-6, 1e-3}) {
      us.add(tail);
      us.add(1 - tail);
    }
    us.add(0.0);
    return us;
  }

  /** The drawn count at u is the smallest k with F(k) > u, up to the closed form's accuracy. */
  private static void assertQuantile(double shape, double mean, double u, int k, String what) {
    assertTrue(
        exactCdf(shape, mean, k) > u - SLACK, what + " at u = " + u + ": " + k + " is too small");
    assertTrue(
        exactCdf(shape, mean, k - 1L) <= u + SLACK,
        what + " at u = " + u + ": " + k + " is too large");
  }

  private static void assertExactLaw(double rate, double shape, int years, int gridSize) {
    double mean = rate * years;
    String what = "rate " + rate + " shape " + shape + " over " + years + " y";
    CountTable table = CountTable.of(rate, shape, years);
    for (double u : grid(gridSize)) {
      assertQuantile(shape, mean, u, table.inverse(u), what);
      // The later-span draw with nothing before is the same law, drawn without a table.
      int k = CountDraws.conditionalInverse(rate, shape, 0, 0, years, u);
      assertQuantile(shape, mean, u, k, what + ": conditional");
    }
    int n = 1 << 17;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += table.inverse((i + 0.5) / n);
    }
    double sd = Math.sqrt(mean + (shape > 0 ? mean * mean / shape : 0));
    // The midpoint grid misses only the extreme 1/(2n) of each tail.
    double tol = 1e-3 * sd + 20 * (mean + 10 * sd) / n;
    assertEquals(mean, sum / n, tol, what + ": mean");
  }

  @Test
  void poissonDrawsAreExactQuantilesAtAnyMean() {
    for (double lambda : new double[] {1, 700, 708, 720, 750, 10_000}) {
      assertExactLaw(lambda, 0, 1, 4000);
    }
    assertExactLaw(10_000, 0, 12, 1000); // the largest yearly rate over 12 years: 120 000
  }

  @Test
  void negativeBinomialDrawsAreExactQuantilesAtAnyShape() {
    for (double shape : new double[] {1, 10, 100, 1000}) {
      for (double mean : new double[] {1, 750, 10_000}) {
        assertExactLaw(mean, shape, 1, 1500);
      }
    }
    assertExactLaw(10_000, 1e6, 12, 500); // nearly Poisson(120 000): pmf(0) underflows
    assertExactLaw(10_000, 4, 3, 500); // cut at 65 535 before, with 57% of its mass piled there
  }

  @Test
  void longFlatLawsAreExactToTheirFarTail() {
    // Smallest shape over the most arrivals: P(N = 0) is 0.87 and the tail runs to ~1e9.
    CountTable table = CountTable.of(10_000, 0.01, 12);
    for (double u : new double[] {0.5, 0.87, 0.9, 0.99, 0.999, 0.9999, 1 - 1e-7}) {
      assertQuantile(0.01, 120_000, u, table.inverse(u), "shape 0.01, mean 120 000");
    }
    assertTrue(table.last() > 100_000_000, "the tail is not cut: " + table.last());
  }

  @Test
  void laterSpansAreExactConditionalLaws() {
    // Given 2 200 arrivals in 3 years of a rate 750 with shape 1 000, the next 2 years are
    // negative binomial with shape 3 200 and p = 1 / (1 + 2 * scale): pmf(0) underflows.
    double shape = 1000;
    double theta = 750 / shape;
    double scale = theta / (1 + 3 * theta);
    double a = shape + 2200;
    double mean = a * 2 * scale;
    for (double u : grid(2000)) {
      int k = CountDraws.conditionalInverse(750, shape, 3, 2200, 2, u);
      assertQuantile(a, mean, u, k, "conditional shape 3200");
    }
    for (double u : grid(2000)) { // Poisson: the rate is known, the past does not matter
      int k = CountDraws.conditionalInverse(400, 0, 3, 1234, 2, u);
      assertQuantile(0, 800, u, k, "conditional Poisson 800");
    }
  }

  @Test
  void theEngineHitsLargeCountThresholdsAtTheExactOdds() {
    // The case: 21 firms in 2022 and 250 a year known, i.e. 21 + Poisson(750) in 2025;
    // and a gamma rate with shape 1e5, whose pmf(0) underflows too.
    int base = 21;
    double rate = 250;
    double[] shapes = {0, 1e5};
    double[] thresholds = {base + 700, base + 750, base + 751, base + 800};
    long paths = 100_000;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      for (double shape : shapes) {
        int[][] cells = new int[thresholds.length][];
        Arrays.fill(cells, new int[] {0});
        RunResult r =
            engine.run(
                CountProcessTest.counts(
                    List.of(new CountCellSpec("k", 2022, base, rate, shape)),
                    cells,
                    thresholds,
                    new boolean[thresholds.length]),
                Models.fixed(paths, 13),
                () -> false,
                p -> {});
        double mean = 3 * rate;
        for (int i = 0; i < thresholds.length; i++) {
          double p = 1 - exactCdf(shape, mean, (long) thresholds[i] - base - 1);
          double se = Math.sqrt(p * (1 - p) / (double) paths);
          double got = r.targets().get(i).hit().estimate();
          assertEquals(p, got, 3 * se, "shape " + shape + ": P(count >= " + thresholds[i] + ")");
        }
        double sd = Math.sqrt(mean + (shape > 0 ? mean * mean / shape : 0));
        assertEquals(
            base + mean, r.targets().get(0).mean(), 3 * sd / Math.sqrt((double) paths), "mean");
      }
    }
  }

  @Test
  void drawsAreMonotoneInTheUniform() {
    double[][] laws = {{750, 0, 1}, {10_000, 1000, 1}, {10_000, 0.5, 3}, {10_000, 1e6, 12}};
    for (double[] law : laws) {
      CountTable table = CountTable.of(law[0], law[1], (int) law[2]);
      int previous = -1;
      for (int i = 0; i <= 200_000; i++) {
        int k = table.inverse(Math.min(Math.nextDown(1.0), i / 200_000.0));
        assertTrue(k >= previous, Arrays.toString(law) + " at " + i);
        previous = k;
      }
    }
  }
}
