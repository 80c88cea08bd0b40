package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.cell;
import static chaincast.engine.Models.quantile;
import static chaincast.engine.Models.upperTail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One cell against closed forms: ln V_n ~ N(ln V0 + n m, n² s² + n σ²) with normal shocks; a
 * one-year Student-t case against a numeric integral; events.
 */
class ClosedFormTest {

  static final double V0 = 100;
  static final double M = 0.06;
  static final double VOL = 0.12;
  static final int BASE = 2020;
  static final int HORIZON = 2025;
  static final long PATHS = 400_000;

  /** Probabilities of hitting targets placed at exact quantiles: near 0.01, 0.99 and between. */
  static final double[] HIT = {0.01, 0.05, 0.3, 0.5, 0.8, 0.99};

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static double logSd(int years, double s) {
    return Math.sqrt(years * years * s * s + years * VOL * VOL);
  }

  @ParameterizedTest(name = "drift sd {0}")
  @ValueSource(doubles = {0.0, 0.04})
  void hitProbabilitiesMeanAndShortfallMatchTheLognormal(double s) {
    int n = HORIZON - BASE;
    double mu = Math.log(V0) + n * M;
    double sd = logSd(n, s);
    Models.Builder b = Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, s, VOL));
    double[] thresholds = new double[HIT.length];
    for (int i = 0; i < HIT.length; i++) {
      thresholds[i] = Math.exp(mu + sd * quantile(1 - HIT[i]));
      b.target(0, HORIZON, thresholds[i]);
    }
    RunResult r =
        engine.run(
            b.build(), Models.fixed(PATHS, 11), CancellationSignal.NEVER, ProgressListener.NONE);

    for (int i = 0; i < HIT.length; i++) {
      BinomialEstimate e = r.targets().get(i).hit();
      double se = Math.sqrt(HIT[i] * (1 - HIT[i]) / PATHS);
      assertWithin(HIT[i], e.estimate(), se, 3, "P(V >= " + thresholds[i] + ")");
      assertEquals(PATHS, e.paths());
    }
    // Mean: E V = exp(mu + sd²/2); its MC standard error from the lognormal variance.
    double mean = Math.exp(mu + sd * sd / 2);
    double meanSe = mean * Math.sqrt(Math.expm1(sd * sd) / PATHS);
    assertWithin(mean, r.targets().get(0).mean(), meanSe, 3, "mean");
    // Expected shortfall E[K - V | V < K] = K - E[V; V < K] / P(V < K).
    int mid = 3;
    double k = thresholds[mid];
    double pMiss = 1 - HIT[mid];
    double partial =
        mean * Models.STD_NORMAL.cumulativeProbability((Math.log(k) - mu - sd * sd) / sd);
    double shortfall = k - partial / pMiss;
    double shortfallSe = k / 2 / Math.sqrt(PATHS * pMiss); // K - V lies in [0, K]
    assertWithin(
        shortfall, r.targets().get(mid).expectedShortfall(), shortfallSe, 3, "expected shortfall");
  }

  @ParameterizedTest(name = "drift sd {0}")
  @ValueSource(doubles = {0.0, 0.04})
  void fanPercentilesMatchLognormalQuantiles(double s) {
    Models.Builder b = Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, s, VOL));
    b.fan(0);
    b.target(0, HORIZON, 150);
    RunResult r =
        engine.run(
            b.build(), Models.fixed(PATHS, 12), CancellationSignal.NEVER, ProgressListener.NONE);
    RunResult.FanResult fan = r.fans().get(0);
    assertEquals(HORIZON - BASE + 1, fan.years().length);
    for (int y = 0; y < fan.years().length; y++) {
      int n = fan.years()[y] - BASE;
      double mu = Math.log(V0) + n * M;
      double sd = logSd(n, s);
      for (int i = 0; i < Models.PCT.length; i++) {
        double p = Models.PCT[i] / 100;
        double actual = fan.percentiles()[y][i];
        if (n == 0) {
          assertEquals(V0, actual, 0.0, "base year holds the base value exactly");
          continue;
        }
        double z = quantile(p);
        double q = Math.exp(mu + sd * z);
        double density = Models.STD_NORMAL.density(z) / (q * sd);
        double se = Math.sqrt(p * (1 - p) / PATHS) / density;
        double tolerance = 3 * se + q * LogHistogram.RELATIVE_RESOLUTION;
        assertEquals(q, actual, tolerance, "year " + fan.years()[y] + " P" + Models.PCT[i]);
      }
    }
    // The target's value percentiles are those of the horizon year.
    double[] last = fan.percentiles()[fan.years().length - 1];
    for (int i = 0; i < Models.PCT.length; i++) {
      assertEquals(last[i], r.targets().get(0).percentiles()[i], 0.0);
    }
    assertEquals(last[2], r.targets().get(0).median(), 0.0);
  }

  /**
   * One year of Student-t shocks and a normal drift: given G, ln V1 is normal with variance s² + σ²
   * (ν - 2) / G, so P(hit) is a 1-D integral over G ~ χ²(ν).
   */
  @Test
  void studentTHitProbabilityMatchesNumericIntegral() {
    double nu = 4;
    double s = 0.03;
    double vol = 0.15;
    ShockSpec t = new ShockSpec(0.3, 0.2, ShockSpec.Distribution.STUDENT_T, nu);
    Models.Builder b = Models.builder(t, 2025, cell("a", 0, 2024, V0, M, s, vol));
    double[] thresholds = {70, 95, 106, 125, 160};
    for (double k : thresholds) {
      b.target(0, 2025, k);
    }
    RunResult r =
        engine.run(
            b.build(), Models.fixed(PATHS, 13), CancellationSignal.NEVER, ProgressListener.NONE);

    ChiSquaredDistribution chi2 = new ChiSquaredDistribution(null, nu);
    IterativeLegendreGaussIntegrator integrator =
        new IterativeLegendreGaussIntegrator(32, 1e-10, 1e-13);
    double[] knots = {0, 2, 8, 30, 200}; // chi²(4) mass beyond 200 is below 1e-40
    for (int i = 0; i < thresholds.length; i++) {
      double gap = Math.log(thresholds[i] / V0) - M;
      double exact = 0;
      for (int k = 0; k + 1 < knots.length; k++) {
        exact +=
            integrator.integrate(
                1_000_000,
                g -> chi2.density(g) * upperTail(gap / Math.sqrt(s * s + vol * vol * (nu - 2) / g)),
                knots[k],
                knots[k + 1]);
      }
      double se = Math.sqrt(exact * (1 - exact) / PATHS);
      assertWithin(
          exact, r.targets().get(i).hit().estimate(), se, 3, "t: P(V >= " + thresholds[i] + ")");
    }
    // Sanity of the reference: far tails are fatter than the normal's with the same variance.
    double normalTail = upperTail((Math.log(160 / V0) - M) / Math.sqrt(s * s + vol * vol));
    assertTrue(r.targets().get(4).hit().estimate() > normalTail, "fat tail");
  }

  /** A certain event adds its jump: the closed form shifted from the event year on. */
  @Test
  void certainEventShiftsTheDistribution() {
    double jump = 0.25;
    double jumpSd = 0.05;
    double s = 0.02;
    EventSpec event = new EventSpec("plant", 2022, 2022, 1.0, jump, jumpSd);
    Models.Builder b =
        Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, s, VOL, event));
    b.fan(0);
    double muEnd = Math.log(V0) + 5 * M + jump;
    double sdEnd = Math.sqrt(logSd(5, s) * logSd(5, s) + jumpSd * jumpSd);
    double[] hits = {0.02, 0.5, 0.97};
    for (double h : hits) {
      b.target(0, HORIZON, Math.exp(muEnd + sdEnd * quantile(1 - h)));
    }
    RunResult r =
        engine.run(
            b.build(), Models.fixed(PATHS, 14), CancellationSignal.NEVER, ProgressListener.NONE);
    for (int i = 0; i < hits.length; i++) {
      double se = Math.sqrt(hits[i] * (1 - hits[i]) / PATHS);
      assertWithin(hits[i], r.targets().get(i).hit().estimate(), se, 3, "P(hit) with certain jump");
    }
    // Medians: before the event year unshifted, from it on shifted.
    double[][] fan = r.fans().get(0).percentiles();
    double median2021 = V0 * Math.exp(M);
    double median2022 = V0 * Math.exp(2 * M + jump);
    assertEquals(median2021, fan[1][2], median2021 * 0.004, "2021 median");
    assertEquals(median2022, fan[2][2], median2022 * 0.004, "2022 median");
  }

  /**
   * An event open 2021-2023 with probability p a year fires by 2021 with probability p and by 2025
   * with 1 - (1 - p)³, at most once: mixtures.
   */
  @Test
  void uncertainEventGivesTheMixture() {
    double p = 0.3;
    double jump = 0.4;
    double s = 0.02;
    EventSpec event = new EventSpec("project", 2021, 2023, p, jump, 0.0);
    Models.Builder b =
        Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, s, VOL, event));
    double[] thresholds2021 = {100, 120};
    double[] thresholds2025 = {110, 140, 180, 230};
    for (double k : thresholds2021) {
      b.target(0, 2021, k);
    }
    for (double k : thresholds2025) {
      b.target(0, 2025, k);
    }
    RunResult r =
        engine.run(
            b.build(), Models.fixed(PATHS, 15), CancellationSignal.NEVER, ProgressListener.NONE);
    int t = 0;
    for (int year : new int[] {2021, 2025}) {
      int n = year - BASE;
      double w = 1 - Math.pow(1 - p, n >= 3 ? 3 : n);
      double mu = Math.log(V0) + n * M;
      double sd = logSd(n, s);
      for (double k : year == 2021 ? thresholds2021 : thresholds2025) {
        double lk = Math.log(k);
        double exact = w * upperTail((lk - mu - jump) / sd) + (1 - w) * upperTail((lk - mu) / sd);
        double se = Math.sqrt(exact * (1 - exact) / PATHS);
        assertWithin(
            exact, r.targets().get(t).hit().estimate(), se, 3, year + ": P(V >= " + k + ")");
        t++;
      }
    }
  }
}
