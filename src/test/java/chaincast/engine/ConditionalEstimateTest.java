package chaincast.engine;

import static chaincast.engine.Models.cell;
import static chaincast.engine.Models.quantile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conditional Monte Carlo against closed forms and long plain runs, its intervals' coverage, and
 * where it must not be used.
 */
class ConditionalEstimateTest {

  static final double V0 = 100;
  static final double M = 0.06;
  static final double DRIFT_SD = 0.04;
  static final double VOL = 0.12;
  static final int BASE = 2020;
  static final int HORIZON = 2025;

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** ln V_n ~ N(ln V0 + n m, n² s² + n σ²) for one cell. */
  static double threshold(double hit) {
    int n = HORIZON - BASE;
    double sd = Math.sqrt(n * n * DRIFT_SD * DRIFT_SD + n * VOL * VOL);
    return Math.exp(Math.log(V0) + n * M + sd * quantile(1 - hit));
  }

  static Projection singleCell(double... hits) {
    Models.Builder b =
        Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, DRIFT_SD, VOL));
    for (double p : hits) {
      b.target(0, HORIZON, threshold(p));
    }
    return b.build();
  }

  static RunResult run(Projection p, long paths, long seed, RunSettings.VarianceReduction how) {
    return engine.run(
        p, Models.fixed(paths, seed).with(how), CancellationSignal.NEVER, ProgressListener.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PLAIN", "CONDITIONAL", "AUTO"})
  void singleCellMatchesTheLognormalAtRareEvenAndCertainOdds(RunSettings.VarianceReduction how) {
    double[] exact = {0.001, 0.5, 0.99};
    RunResult r = run(singleCell(exact), 200_000, 41, how);
    for (int i = 0; i < exact.length; i++) {
      RunResult.TargetResult t = r.targets().get(i);
      EstimationMethod expected =
          switch (how) {
            case PLAIN -> EstimationMethod.PLAIN;
            case AUTO -> EstimationMethod.QUASI_RANDOM_CONDITIONAL;
            default -> EstimationMethod.CONDITIONAL;
          };
      // AUTO may pass the rare target on to importance sampling when that is narrower still.
      boolean importance =
          how == RunSettings.VarianceReduction.AUTO && t.method() == EstimationMethod.IMPORTANCE;
      assertEquals(
          importance ? EstimationMethod.IMPORTANCE : expected, t.method(), "P " + exact[i]);
      double se = t.hit().standardError();
      assertTrue(se > 0, "a standard error for P = " + exact[i]);
      assertTrue(
          Math.abs(t.hit().estimate() - exact[i]) <= 3 * se,
          "P = " + exact[i] + ": got " + t.hit().estimate() + " ± " + se + " by " + t.method());
      assertTrue(t.hit().low() <= t.hit().estimate() && t.hit().estimate() <= t.hit().high());
      if (expected != EstimationMethod.PLAIN) {
        assertTrue(t.varianceReduction() > 2, "reduction at P = " + exact[i] + ": " + t);
      }
      if (expected == EstimationMethod.CONDITIONAL) {
        // The last span's own shock is most of this cell's spread: far narrower than hit counts.
        assertEquals(
            t.plainHit().standardError() * t.plainHit().standardError() / (se * se),
            t.varianceReduction(),
            0.35 * t.varianceReduction(),
            "the reported factor is the variance ratio");
      }
    }
  }

  /** Three correlated cells in one chain, their sum's odds against a long plain run. */
  @Test
  void sumOfCellsMatchesALongPlainRun() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            HORIZON,
            cell("a", 0, BASE, 120, 0.05, 0.03, 0.10),
            cell("b", 0, BASE, 60, 0.08, 0.02, 0.20),
            cell("c", 0, BASE, 30, 0.02, 0.00, 0.15));
    int sum = b.group("abc", 0, 1, 2);
    // Thresholds at the 0.1st, 50th and 99th percentiles of a plain pilot's sum.
    Models.Builder pilot =
        Models.builder(
            Models.NORMAL,
            HORIZON,
            cell("a", 0, BASE, 120, 0.05, 0.03, 0.10),
            cell("b", 0, BASE, 60, 0.08, 0.02, 0.20),
            cell("c", 0, BASE, 30, 0.02, 0.00, 0.15));
    pilot.target(pilot.group("abc", 0, 1, 2), HORIZON, 1);
    RunResult p =
        engine.run(
            pilot.build(),
            new RunSettings(200_000, 0, 0, 5, new double[] {0.1, 50, 99}),
            CancellationSignal.NEVER,
            ProgressListener.NONE);
    double[] q = p.targets().get(0).percentiles();
    b.target(sum, HORIZON, q[2]); // P ≈ 0.01
    b.target(sum, HORIZON, q[1]); // P ≈ 0.5
    b.target(sum, HORIZON, q[0]); // P ≈ 0.999
    Projection projection = b.build();
    RunResult reference = run(projection, 3_000_000, 7, RunSettings.VarianceReduction.PLAIN);
    RunResult conditional = run(projection, 300_000, 8, RunSettings.VarianceReduction.CONDITIONAL);
    for (int i = 0; i < 3; i++) {
      BinomialEstimate ref = reference.targets().get(i).hit();
      RunResult.TargetResult got = conditional.targets().get(i);
      assertEquals(EstimationMethod.CONDITIONAL, got.method());
      double se = Math.hypot(ref.standardError(), got.hit().standardError());
      assertTrue(
          Math.abs(got.hit().estimate() - ref.estimate()) <= 3 * se,
          "target " + i + ": " + got.hit() + " against " + ref);
      assertTrue(got.varianceReduction() > 1, "target " + i + ": " + got);
    }
  }

  /**
   * Over 200 seeds the reported 95% intervals cover the exact probability 95% ± 3% of the time, for
   * hit counts and for conditional estimates.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"PLAIN", "CONDITIONAL"})
  void intervalsCoverTheExactValue(RunSettings.VarianceReduction how) {
    double exact = 0.3;
    Projection p = singleCell(exact);
    int covered = 0;
    for (long seed = 1; seed <= 200; seed++) {
      BinomialEstimate e = run(p, 4096, 1000 + seed, how).targets().get(0).hit();
      covered += e.low() <= exact && exact <= e.high() ? 1 : 0;
    }
    assertTrue(covered >= 184 && covered <= 196, how + " covered " + covered + " of 200");
  }

  @Test
  void weighedOrCountedTargetsStayPlain() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            HORIZON,
            cell("a", 0, BASE, V0, M, DRIFT_SD, VOL),
            cell("b", 1, BASE, V0, M, DRIFT_SD, VOL));
    b.target(0, HORIZON, threshold(0.5)); // a: conditional
    b.target(1, HORIZON, threshold(0.5)); // b: its sum is observed in the target year
    b.target(new ChainsAboveTarget("above", new int[] {0, 1}, threshold(0.5), HORIZON, 1, false));
    b.observe(HORIZON, 2 * threshold(0.5), 0.1, 0, 1);
    RunResult r = run(b.build(), 20_000, 3, RunSettings.VarianceReduction.CONDITIONAL);
    assertEquals(EstimationMethod.PLAIN, r.targets().get(0).method(), "a is in the observed sum");
    assertEquals(EstimationMethod.PLAIN, r.targets().get(1).method());
    assertEquals(EstimationMethod.PLAIN, r.targets().get(2).method());
    assertEquals(1.0, r.targets().get(2).varianceReduction());

    Models.Builder early =
        Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, DRIFT_SD, VOL));
    early.target(0, HORIZON, threshold(0.5));
    early.observe(2022, 110, 0.05, 0); // before the target year's span: the weight is fixed by then
    RunResult e = run(early.build(), 20_000, 3, RunSettings.VarianceReduction.CONDITIONAL);
    assertEquals(EstimationMethod.CONDITIONAL, e.targets().get(0).method());
  }

  @Test
  void normalCdfMatchesCommonsMath() {
    NormalDistribution n = new NormalDistribution(null, 0, 1);
    for (double x = -38; x <= 9; x += 0.0137) {
      assertEquals(n.cumulativeProbability(x), NormalCdf.cdf(x), 1e-15, "x = " + x);
    }
    for (double x = -12; x <= 12; x += 0.000731) {
      assertEquals(NormalCdf.cdf(x), NormalCdf.fast(x), 1e-11, "table at x = " + x);
    }
    assertTrue(Double.isNaN(NormalCdf.fast(Double.NaN)));
    assertEquals(0.5, NormalCdf.cdf(0), 0.0);
    assertTrue(Double.isNaN(NormalCdf.cdf(Double.NaN)));
    assertEquals(1.0, NormalCdf.cdf(Double.POSITIVE_INFINITY), 0.0);
    assertEquals(0.0, NormalCdf.cdf(Double.NEGATIVE_INFINITY), 0.0);
  }
}
