package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.quantile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Observations as evidence, against closed forms and a numerical reference: the engine's weighted
 * paths must give the posterior a Kalman filter, a quadrature or the combined prior gives.
 */
class EvidenceTest {
  static final int BASE = 2020;
  static final int OBSERVED = 2022;
  static final int HORIZON = 2025;
  static final double M = 0.05;
  static final double S = 0.03;
  static final double VOL = 0.15;
  static final ShockSpec INDEPENDENT = new ShockSpec(0, 0, ShockSpec.Distribution.NORMAL, 0);
  static final NormalDistribution Z = new NormalDistribution(null, 0, 1);

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /**
   * One cell, ln V_t = ln B + t mu + sigma W_t with mu ~ N(M, S²), observed with log error tau in
   * year n1: (ln V_n1, ln V_n2) is jointly Gaussian, so the posterior of ln V_n2 is the Kalman
   * update. The shocks load on city and chain factors too (Models.NORMAL), which the engine does
   * not adapt to the observation: the weights must correct for them.
   */
  @Test
  void aNoisyLogObservationOfOneCellGivesTheKalmanPosterior() {
    double base = 100;
    double tau = 0.05;
    double observed = 150; // well above the prior median 100 e^0.1 = 110.5
    int n1 = OBSERVED - BASE;
    int n2 = HORIZON - BASE;
    double varY = n1 * n1 * S * S + n1 * VOL * VOL;
    double varT = n2 * n2 * S * S + n2 * VOL * VOL;
    double cov = n1 * n2 * S * S + n1 * VOL * VOL;
    double gain = cov / (varY + tau * tau);
    double mean = Math.log(base) + n2 * M + gain * (Math.log(observed) - Math.log(base) - n1 * M);
    double sd = Math.sqrt(varT - gain * cov);
    double[] hit = {0.02, 0.2, 0.5, 0.8, 0.98};
    Models.Builder b =
        Models.builder(Models.NORMAL, HORIZON, Models.cell("a", 0, BASE, base, M, S, VOL));
    for (double h : hit) {
      b.target(0, HORIZON, Math.exp(mean + sd * quantile(1 - h)));
    }
    b.observe(OBSERVED, observed, tau, 0);
    RunResult r = engine.run(b.build(), Models.fixed(400_000, 21), () -> false, x -> {});
    assertTrue(r.weights().weighted());
    assertTrue(r.weights().effectivePaths() > 50_000, "ESS " + r.weights().effectivePaths());
    assertEquals(0, r.weights().clampedPaths());
    for (int i = 0; i < hit.length; i++) {
      BinomialEstimate e = r.targets().get(i).hit();
      assertWithin(hit[i], e.estimate(), e.standardError(), 3, "P(hit) " + hit[i]);
    }
    // The posterior median and mean of V_T.
    assertWithin(
        Math.exp(mean), r.targets().get(2).median(), Math.exp(mean) * sd * 0.01, 3, "median");
    double postMean = Math.exp(mean + sd * sd / 2);
    assertWithin(postMean, r.targets().get(2).mean(), postMean * sd * 0.004, 3, "mean");
  }

  /**
   * Two independent cells of equal base, one volatile (0.30) and one stable (0.05), one year on;
   * their sum is observed 20% above the sum of their medians. The surplus is shared as the model
   * believes: the volatile cell takes most of it, as a quadrature over the two shocks says.
   */
  @Test
  void aGroupTotalIsSharedAsTheModelBelievesNotProRata() {
    double[] vol = {0.30, 0.05};
    double observed = 240;
    double tau = 0.02;
    Models.Builder b =
        Models.builder(
            INDEPENDENT,
            2021,
            Models.cell("volatile", 0, BASE, 100, 0, 0, vol[0]),
            Models.cell("stable", 1, BASE, 100, 0, 0, vol[1]));
    b.target(0, 2021, 100);
    b.target(1, 2021, 100);
    b.observe(2021, observed, tau, 0, 1);
    RunResult r = engine.run(b.build(), Models.fixed(400_000, 5), () -> false, x -> {});
    double[] reference = posteriorMeans(vol, observed, tau);
    for (int c = 0; c < 2; c++) {
      double got = r.targets().get(c).mean();
      assertEquals(reference[c], got, reference[c] * 0.004, "posterior mean of cell " + c);
    }
    double priorVolatile = 100 * Math.exp(vol[0] * vol[0] / 2);
    double priorStable = 100 * Math.exp(vol[1] * vol[1] / 2);
    double surplus =
        r.targets().get(0).mean() + r.targets().get(1).mean() - priorVolatile - priorStable;
    double volatileShare = (r.targets().get(0).mean() - priorVolatile) / surplus;
    assertTrue(volatileShare > 0.9, "the volatile cell took " + volatileShare + " of the surplus");
  }

  /** E[V_c | observed sum] by a 2-D quadrature over the standard normal shocks. */
  static double[] posteriorMeans(double[] vol, double observed, double tau) {
    int n = 1601;
    double h = 16.0 / (n - 1);
    double norm = 0;
    double[] sums = new double[2];
    for (int i = 0; i < n; i++) {
      double z1 = -8 + i * h;
      double v1 = 100 * Math.exp(vol[0] * z1);
      double p1 = Z.density(z1);
      for (int j = 0; j < n; j++) {
        double z2 = -8 + j * h;
        double v2 = 100 * Math.exp(vol[1] * z2);
        double r = (Math.log(observed) - Math.log(v1 + v2)) / tau;
        double w = p1 * Z.density(z2) * Math.exp(-0.5 * r * r);
        norm += w;
        sums[0] += w * v1;
        sums[1] += w * v2;
      }
    }
    return new double[] {sums[0] / norm, sums[1] / norm};
  }

  @Test
  void weightedRunsAreTheSameForAnyThreadCount() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            HORIZON,
            Models.cell("a", 0, BASE, 100, M, S, VOL),
            Models.cell("b", 0, BASE, 50, M, S, 2 * VOL),
            Models.cell("c", 1, 2021, 30, M, S, VOL));
    int all = b.group("all", 0, 1, 2);
    b.target(all, HORIZON, 260);
    b.target(0, 2023, 120);
    b.joint(0, 1);
    b.fan(all);
    b.observe(2022, 190, 0.05, 0, 1, 2);
    b.observe(2021, 118, 0.03, 0);
    Projection p = b.build();
    List<Long> reference = null;
    for (int threads : new int[] {1, 2, 8}) {
      try (MonteCarloEngine e = new MonteCarloEngine(threads)) {
        RunResult r = e.run(p, Models.fixed(50_000, 77), () -> false, x -> {});
        List<Long> got = DeterminismTest.fingerprint(r);
        if (reference == null) {
          reference = got;
        } else {
          assertEquals(reference, got, threads + " threads");
        }
      }
    }
  }

  /**
   * An assumed base: ln B is drawn per path with sd b, so ln V_T ~ N(ln B + n M, b² + n² S² + n
   * VOL²); with the prior off (b = 0) the familiar closed form.
   */
  @Test
  void anAssumedBaseAddsItsPriorToTheSpread() {
    int n = HORIZON - BASE;
    for (double prior : new double[] {0.0, 0.2}) {
      double mean = Math.log(100) + n * M;
      double sd = Math.sqrt(prior * prior + n * n * S * S + n * VOL * VOL);
      double[] hit = {0.05, 0.5, 0.95};
      CellSpec cell = new CellSpec("a", 0, BASE, 100, M, S, VOL, List.of(), prior);
      Models.Builder b = Models.builder(Models.NORMAL, HORIZON, cell);
      for (double h : hit) {
        b.target(0, HORIZON, Math.exp(mean + sd * quantile(1 - h)));
      }
      RunResult r = engine.run(b.build(), Models.fixed(300_000, 9), () -> false, x -> {});
      assertEquals(false, r.weights().weighted(), "a prior weighs nothing");
      for (int i = 0; i < hit.length; i++) {
        BinomialEstimate e = r.targets().get(i).hit();
        assertWithin(
            hit[i], e.estimate(), e.standardError(), 3, "prior " + prior + ", P " + hit[i]);
      }
    }
  }

  /** A base-year observation of an assumed base updates its prior: the Gaussian update. */
  @Test
  void aBaseYearObservationUpdatesTheAssumedBase() {
    double prior = 0.2;
    double tau = 0.1;
    double observed = 130;
    double precision = 1 / (prior * prior) + 1 / (tau * tau);
    double baseMean =
        (Math.log(100) / (prior * prior) + Math.log(observed) / (tau * tau)) / precision;
    int n = HORIZON - BASE;
    double mean = baseMean + n * M;
    double sd = Math.sqrt(1 / precision + n * n * S * S + n * VOL * VOL);
    CellSpec cell = new CellSpec("a", 0, BASE, 100, M, S, VOL, List.of(), prior);
    Models.Builder b = Models.builder(Models.NORMAL, HORIZON, cell);
    b.target(0, HORIZON, Math.exp(mean + sd * quantile(0.7)));
    b.observe(BASE, observed, tau, 0);
    RunResult r = engine.run(b.build(), Models.fixed(300_000, 13), () -> false, x -> {});
    BinomialEstimate e = r.targets().get(0).hit();
    assertWithin(0.3, e.estimate(), e.standardError(), 3, "P(hit) 0.3");
  }
}
