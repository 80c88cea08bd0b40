package chaincast.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

/** The conjugate update by hand, the pooling's pull toward the chain, and the skip reasons. */
class EstimatorTest {
  private static NavigableMap<Integer, Double> fromGrowth(int firstYear, double... growth) {
    NavigableMap<Integer, Double> s = new TreeMap<>();
    double ln = Math.log(100);
    s.put(firstYear, 100.0);
    for (int i = 0; i < growth.length; i++) {
      ln += growth[i];
      s.put(firstYear + i + 1, Math.exp(ln));
    }
    return s;
  }

  @Test
  void conjugateUpdateMatchesTheHandComputation() {
    // Prior m0 = 0.05, κ0 = 2, a0 = 2, b0 = 0.02; data 0.1, 0, 0.2: n = 3, ḡ = 0.1, SS = 0.02.
    // κn = 5; mn = (2·0.05 + 3·0.1)/5 = 0.08; an = 3.5; bn = 0.02 + 0.01 + 2·3·0.01²·... see below.
    // bn = 0.02 + 0.02/2 + 2·3·(0.1 − 0.05)²/(2·5) = 0.02 + 0.01 + 0.0015 = 0.0315.
    NormalInverseGamma post =
        new NormalInverseGamma(0.05, 2, 2, 0.02).update(new double[] {0.1, 0.0, 0.2});
    assertEquals(0.08, post.mean(), 1e-12);
    assertEquals(5, post.kappa(), 1e-12);
    assertEquals(3.5, post.shape(), 1e-12);
    assertEquals(0.0315, post.scale(), 1e-12);
    // Marginal of μ: t with 7 df, scale √(0.0315/(3.5·5)) = √0.0018; t_7 0.9-quantile 1.414924.
    assertEquals(0.08 + 1.4149239276505 * Math.sqrt(0.0018), post.drift().quantile(0.9), 1e-9);

    // The same numbers through the estimator: one cell alone, so its prior is the seeded one with
    // κ0 = v²/s² = 0.01/0.005 = 2, a0 = ν0/2 = 2, b0 = a0·v² = 0.02.
    CellPrior prior = new CellPrior("pharma@etdz", "pharma", 0.05, Math.sqrt(0.005), 0.1);
    CellPosterior p =
        new DriftVolatilityEstimator()
            .estimate(List.of(prior), Map.of("pharma@etdz", fromGrowth(2020, 0.1, 0.0, 0.2)))
            .posteriors()
            .get(0);
    assertEquals(0.08, p.driftMean(), 1e-12);
    assertEquals(5, p.kappa(), 1e-12);
    assertEquals(3.5, p.shape(), 1e-12);
    assertEquals(0.0315, p.scale(), 1e-12);
    assertEquals(3, p.observations());
    assertEquals(2020, p.firstYear());
    assertEquals(2023, p.lastYear());
    assertEquals(0.05, p.priorDriftMean(), 1e-12);
    assertEquals(2, p.priorKappa(), 1e-12);
  }

  @Test
  void predictiveVarianceIsTheDerivedOne() {
    NormalInverseGamma nig = new NormalInverseGamma(0.05, 4, 3, 0.06);
    LocationScaleT t = nig.predictive(3);
    // Var = (scale/shape)(h + h²/κ) · ν/(ν − 2) with ν = 2·shape = 6.
    assertEquals(0.15, t.location(), 1e-12);
    assertEquals(0.02 * (3 + 9 / 4.0) * 6 / 4.0, t.sd() * t.sd(), 1e-12);
    assertEquals(6, t.df(), 1e-12);
  }

  @Test
  void aCellWithFewYearsIsPulledTowardItsChain() {
    // Three cells of a chain grew 12% a year for 14 years against a plan of 3%; the fourth has two
    // years. Pooled, the short cell's drift moves toward the chain's; unpooled it stays near plan.
    List<CellPrior> priors =
        List.of(
            new CellPrior("pharma@a", "pharma", 0.03, 0.05, 0.10),
            new CellPrior("pharma@b", "pharma", 0.03, 0.05, 0.10),
            new CellPrior("pharma@c", "pharma", 0.03, 0.05, 0.10),
            new CellPrior("pharma@short", "pharma", 0.03, 0.05, 0.10));
    Map<String, NavigableMap<Integer, Double>> series = new LinkedHashMap<>();
    double[] steady = new double[14];
    for (int i = 0; i < steady.length; i++) {
      steady[i] = 0.12 + (i % 2 == 0 ? 0.02 : -0.02);
    }
    series.put("pharma@a", fromGrowth(2010, steady));
    series.put("pharma@b", fromGrowth(2010, steady));
    series.put("pharma@c", fromGrowth(2010, steady));
    series.put("pharma@short", fromGrowth(2022, 0.03, 0.03));
    double pooled = driftOf("pharma@short", new DriftVolatilityEstimator(), priors, series);
    double unpooled =
        driftOf(
            "pharma@short",
            new DriftVolatilityEstimator(EstimatorSettings.unpooled()),
            priors,
            series);
    assertEquals(0.03, unpooled, 1e-9, "alone, data equal to the plan leave the plan");
    assertTrue(
        pooled > 0.03 + 0.02,
        "pooled drift "
            + pooled
            + " should move well toward the chain's 0.12 from the plan's 0.03");
    // A long series barely moves: its own data dominate the pooled prior.
    double longPooled = driftOf("pharma@a", new DriftVolatilityEstimator(), priors, series);
    double longAlone =
        driftOf(
            "pharma@a", new DriftVolatilityEstimator(EstimatorSettings.unpooled()), priors, series);
    assertTrue(
        Math.abs(longPooled - longAlone) < pooled - unpooled,
        "pooling should move the short cell more than a long one");
  }

  private static double driftOf(
      String id,
      DriftVolatilityEstimator e,
      List<CellPrior> priors,
      Map<String, NavigableMap<Integer, Double>> series) {
    return e.estimate(priors, series).posteriors().stream()
        .filter(p -> p.cellId().equals(id))
        .findFirst()
        .orElseThrow()
        .driftMean();
  }

  @Test
  void seriesWithoutAGrowthRateAreSkippedWithTheReason() {
    CellPrior prior = new CellPrior("pharma@etdz", "pharma", 0.05, 0.03, 0.1);
    NavigableMap<Integer, Double> gappy = new TreeMap<>(Map.of(2019, 10.0, 2021, 12.0));
    Estimate e =
        new DriftVolatilityEstimator()
            .estimate(
                List.of(prior),
                Map.of("pharma@etdz", gappy, "nope@nowhere", fromGrowth(2010, 0.1)));
    assertTrue(e.posteriors().isEmpty());
    assertEquals(2, e.skipped().size());
    assertTrue(
        e.skipped().stream().anyMatch(s -> s.reason().contains("2 consecutive years")),
        e.skipped().toString());
    assertTrue(
        e.skipped().stream().anyMatch(s -> s.reason().contains("not a cell")),
        e.skipped().toString());
  }

  @Test
  void extremeValuesGiveFiniteGrowthRates() {
    // 1e-320 / 442 underflows to 0 as a ratio; as a difference of logs it is −743.
    NavigableMap<Integer, Double> s = new TreeMap<>(Map.of(2020, 442.0, 2021, 1e-320, 2022, 1e300));
    CellPosterior p =
        new DriftVolatilityEstimator()
            .estimate(
                List.of(new CellPrior("pharma@etdz", "pharma", 0.05, 0.03, 0.1)),
                Map.of("pharma@etdz", s))
            .posteriors()
            .get(0);
    assertTrue(Double.isFinite(p.driftMean()) && Double.isFinite(p.scale()), p.toString());
  }

  @Test
  void volatilitySummariesMatchTheInverseGamma() {
    NormalInverseGamma nig = new NormalInverseGamma(0, 1, 5, 0.04);
    // E[σ²] = 0.04/4 = 0.01; E[σ] = √0.04·Γ(4.5)/Γ(5) = 0.2·11.6317/24.
    assertEquals(0.2 * 11.631728396567448 / 24, nig.volatilityMean(), 1e-12);
    double m = nig.volatilityMean();
    assertEquals(Math.sqrt(0.01 - m * m), nig.volatilitySd(), 1e-12);
    // σ ≤ q90 ⇔ σ² ≤ q90² ⇔ Gamma(5,1) ≥ 0.04/q90².
    double q90 = nig.volatilityQuantile(0.9);
    double g = 0.04 / (q90 * q90);
    assertEquals(0.9, 1 - new GammaDistribution(5, 1).cumulativeProbability(g), 1e-9);
  }
}
