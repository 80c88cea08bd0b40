package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counting processes against their closed forms: with a known rate the arrivals over n years are
 * Poisson(n λ); with a gamma rate of integer shape r they are negative binomial (Pascal) with
 * success probability r / (r + n λ).
 */
class CountProcessTest {
  static final int BASE = 2022;
  static final int YEAR = 2025;
  static final int N = YEAR - BASE;
  static final long PATHS = 200_000;

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** One output cell (the engine needs one) and the given count cells, a target per threshold. */
  static Projection counts(
      List<CountCellSpec> cells, int[][] targetCells, double[] thresholds, boolean[] strict) {
    List<TargetSpec> targets = new ArrayList<>();
    for (int i = 0; i < thresholds.length; i++) {
      targets.add(new CountTarget("c" + i, targetCells[i], YEAR, thresholds[i], strict[i]));
    }
    return new Projection(
        List.of(cell("out", 0, 2020, 100, 0.05, 0.0, 0.1)),
        1,
        Models.NORMAL,
        List.of(new GroupSpec("g", new int[] {0})),
        targets,
        List.of(),
        List.of(),
        YEAR,
        cells,
        List.of());
  }

  @Test
  void knownRateGivesPoissonCounts() {
    double lambda = 2.5;
    int base = 4;
    double[] thresholds = {base, base + 4, base + 7, base + 9, base + 12};
    int[][] cells = new int[thresholds.length][];
    boolean[] strict = new boolean[thresholds.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = new int[] {0};
    }
    strict[2] = true; // > base + 7, i.e. >= base + 8
    RunResult r =
        engine.run(
            counts(
                List.of(new CountCellSpec("k", BASE, base, lambda, 0)), cells, thresholds, strict),
            Models.fixed(PATHS, 11),
            () -> false,
            p -> {});
    PoissonDistribution arrivals = new PoissonDistribution(N * lambda);
    for (int i = 0; i < thresholds.length; i++) {
      int need = (int) thresholds[i] - base + (strict[i] ? 1 : 0);
      double p = 1 - arrivals.cumulativeProbability(need - 1);
      double se = Math.sqrt(p * (1 - p) / PATHS);
      assertWithin(
          p,
          r.targets().get(i).hit().estimate(),
          Math.max(se, 1e-9),
          4.5,
          "P(count >= " + need + " more)");
    }
    assertWithin(
        base + N * lambda,
        r.targets().get(0).mean(),
        Math.sqrt(N * lambda / PATHS),
        4.5,
        "mean count");
    assertEquals(1.0, r.targets().get(0).hit().estimate(), "the base count is always there");
  }

  @Test
  void gammaRateGivesNegativeBinomialCounts() {
    double lambda = 3.0;
    int shape = 4;
    double[] thresholds = {3, 6, 9, 15, 20};
    int[][] cells = new int[thresholds.length][];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = new int[] {0};
    }
    RunResult r =
        engine.run(
            counts(
                List.of(new CountCellSpec("k", BASE, 0, lambda, shape)),
                cells,
                thresholds,
                new boolean[thresholds.length]),
            Models.fixed(PATHS, 12),
            () -> false,
            p -> {});
    PascalDistribution nb = new PascalDistribution(shape, shape / (shape + N * lambda));
    for (int i = 0; i < thresholds.length; i++) {
      double p = 1 - nb.cumulativeProbability((int) thresholds[i] - 1);
      double se = Math.sqrt(p * (1 - p) / PATHS);
      assertWithin(
          p, r.targets().get(i).hit().estimate(), se, 4.5, "P(NB >= " + thresholds[i] + ")");
    }
  }

  @Test
  void aTargetOverSeveralCountCellsSumsThem() {
    // Two independent Poisson counts sum to a Poisson with the summed mean.
    List<CountCellSpec> cells =
        List.of(new CountCellSpec("a", BASE, 1, 1.0, 0), new CountCellSpec("b", BASE, 2, 0.5, 0));
    double[] thresholds = {3 + 4, 3 + 6};
    int[][] in = {{0, 1}, {0, 1}};
    RunResult r =
        engine.run(
            counts(cells, in, thresholds, new boolean[2]),
            Models.fixed(PATHS, 13),
            () -> false,
            p -> {});
    PoissonDistribution sum = new PoissonDistribution(N * 1.5);
    for (int i = 0; i < 2; i++) {
      double p = 1 - sum.cumulativeProbability((int) thresholds[i] - 3 - 1);
      assertWithin(
          p, r.targets().get(i).hit().estimate(), Math.sqrt(p * (1 - p) / PATHS), 4.5, "sum " + i);
    }
  }

  @Test
  void countsJoinOutputTargetsAndDoNotMoveOutputPaths() {
    List<CountCellSpec> cells = List.of(new CountCellSpec("k", BASE, 0, 2.0, 4));
    Projection withCount =
        new Projection(
            List.of(cell("out", 0, 2020, 100, 0.05, 0.02, 0.1)),
            1,
            Models.NORMAL,
            List.of(new GroupSpec("g", new int[] {0})),
            List.of(
                new ValueTarget("v", 0, YEAR, 125, false),
                new CountTarget("c", new int[] {0}, YEAR, 6, false)),
            List.of(),
            List.of(new JointSpec("j", new int[] {0, 1})),
            YEAR,
            cells,
            List.of());
    Projection without =
        new Projection(
            List.of(cell("out", 0, 2020, 100, 0.05, 0.02, 0.1)),
            1,
            Models.NORMAL,
            List.of(new GroupSpec("g", new int[] {0})),
            List.of(new ValueTarget("v", 0, YEAR, 125, false)),
            List.of(),
            List.of(),
            YEAR);
    RunResult a = engine.run(withCount, Models.fixed(100_000, 5), () -> false, p -> {});
    RunResult b = engine.run(without, Models.fixed(100_000, 5), () -> false, p -> {});
    assertEquals(
        b.targets().get(0).hit().hits(), a.targets().get(0).hit().hits(), "output paths unchanged");
    // Counts are independent of outputs: P(both) = P(v) P(c), within error.
    double pv = a.targets().get(0).hit().estimate();
    double pc = a.targets().get(1).hit().estimate();
    double pj = a.joints().get(0).allHit().estimate();
    assertWithin(
        pv * pc,
        pj,
        Math.sqrt(pv * pc * (1 - pv * pc) / 100_000),
        4.5,
        "joint of independent targets");
  }

  @Test
  void countsReadInTwoYearsFollowOnePathWithTheRightMarginals() {
    // Targets in 2024 and 2025 on one gamma-rate count: the 2025 count is drawn given the 2024
    // one (conditional negative binomial), and must still have the 3-year marginal.
    double lambda = 2.0;
    int shape = 3;
    List<TargetSpec> targets =
        List.of(
            new CountTarget("y2024", new int[] {0}, 2024, 4, false),
            new CountTarget("y2025", new int[] {0}, 2025, 5, false),
            new CountTarget("y2025b", new int[] {0}, 2025, 9, false));
    Projection p =
        new Projection(
            List.of(cell("out", 0, 2020, 100, 0.05, 0.0, 0.1)),
            1,
            Models.NORMAL,
            List.of(new GroupSpec("g", new int[] {0})),
            targets,
            List.of(),
            List.of(new JointSpec("both", new int[] {0, 1})),
            YEAR,
            List.of(new CountCellSpec("k", BASE, 0, lambda, shape)),
            List.of());
    RunResult r = engine.run(p, Models.fixed(PATHS, 14), () -> false, x -> {});
    PascalDistribution two = new PascalDistribution(shape, shape / (shape + 2 * lambda));
    PascalDistribution three = new PascalDistribution(shape, shape / (shape + 3 * lambda));
    double[] expected = {
      1 - two.cumulativeProbability(3),
      1 - three.cumulativeProbability(4),
      1 - three.cumulativeProbability(8)
    };
    for (int i = 0; i < 3; i++) {
      double e = expected[i];
      assertWithin(
          e,
          r.targets().get(i).hit().estimate(),
          Math.sqrt(e * (1 - e) / PATHS),
          4.5,
          targets.get(i).id());
    }
    // Counts never fall: hitting 4 by 2024 and 5 by 2025 is at least as likely as 4 by 2024 and
    // one more arrival; and never more likely than 4 by 2024.
    assertTrue(r.joints().get(0).allHit().hits() <= r.targets().get(0).hit().hits());
  }

  @Test
  void countsDoNotDependOnTheThreadCount() {
    List<CountCellSpec> cells =
        List.of(new CountCellSpec("a", BASE, 2, 1.5, 4), new CountCellSpec("b", BASE, 0, 4.0, 2));
    double[] thresholds = {5, 12, 15};
    int[][] in = {{0}, {1}, {0, 1}};
    Projection p = counts(cells, in, thresholds, new boolean[3]);
    try (MonteCarloEngine one = new MonteCarloEngine(1);
        MonteCarloEngine three = new MonteCarloEngine(3)) {
      RunResult a = one.run(p, Models.fixed(70_000, 8), () -> false, x -> {});
      RunResult b = three.run(p, Models.fixed(70_000, 8), () -> false, x -> {});
      for (int t = 0; t < 3; t++) {
        assertEquals(a.targets().get(t).hit(), b.targets().get(t).hit());
        assertEquals(a.targets().get(t).mean(), b.targets().get(t).mean());
        assertEquals(
            Arrays.toString(a.targets().get(t).percentiles()),
            Arrays.toString(b.targets().get(t).percentiles()));
      }
    }
  }
}
