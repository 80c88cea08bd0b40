package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CountOverride;
import chaincast.v1.PercentileValue;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's repro through the API: ETDZ pharma firms (21 in 2022) overridden to 250 a year with a
 * known rate are 21 + Poisson(750) in 2025. Before, e^-750 underflowed and every path drew 772
 * (mean 772, every percentile 772); now the mean and percentiles are those of the exact law, and so
 * with a gamma rate of shape 1e5 (negative binomial whose p^r underflows too).
 */
class LargeCountRatesTest {
  private static final long PATHS = 40_000;
  private static final double[] RANKS = {1, 5, 25, 50, 75, 95, 99};

  static ServerFixture fixture;
  static SimulationServiceGrpc.SimulationServiceBlockingStub simulation;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    simulation = SimulationServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private static TargetOdds etdzFirms(double shape) {
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder()
            .setTargets(
                TargetSelection.newBuilder().addTargetIds("pharma-firms-above-size-2025-etdz"))
            .setPaths(PATHS)
            .setSeed(2025)
            .setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addCounts(
                        CountOverride.newBuilder()
                            .setCountCellId("pharma_firms_above_size@etdz")
                            .setYearlyRate(250)
                            .setRateShape(shape)));
    for (double p : RANKS) {
      spec.addPercentiles(p);
    }
    return simulation
        .simulate(SimulateRequest.newBuilder().setSpec(spec).build())
        .getReport()
        .getOdds(0);
  }

  /** {@code P(N <= k)}: Poisson(mean) for shape 0, else negative binomial. */
  private static double cdf(double shape, double mean, long k) {
    return shape > 0
        ? Beta.regularizedBeta(shape / (shape + mean), shape, k + 1.0, 1e-15, Integer.MAX_VALUE)
        : Gamma.regularizedGammaQ(k + 1.0, mean, 1e-15, Integer.MAX_VALUE);
  }

  /** The smallest k with {@code P(N <= k) >= p}. */
  private static long quantile(double shape, double mean, double p) {
    long k = 0;
    while (cdf(shape, mean, k) < p) {
      k++;
    }
    return k;
  }

  private static void assertExactLaw(double shape) {
    TargetOdds odds = etdzFirms(shape);
    double mean = 750;
    double sd = Math.sqrt(mean + (shape > 0 ? mean * mean / shape : 0));
    String what = "rate_shape " + shape;
    assertEquals(21 + mean, odds.getMean(), 3 * sd / Math.sqrt((double) PATHS), what + ": mean");
    assertEquals(RANKS.length, odds.getPercentilesCount());
    for (PercentileValue pv : odds.getPercentilesList()) {
      long exact = 21 + quantile(shape, mean, pv.getPercentile() / 100);
      // Sampling error of an empirical percentile here is under one count: allow four.
      assertEquals((double) exact, pv.getValue(), 4, what + ": percentile " + pv.getPercentile());
    }
    double spread =
        odds.getPercentiles(RANKS.length - 1).getValue() - odds.getPercentiles(0).getValue();
    assertTrue(spread > 4 * sd, what + ": the 1st to 99th percentiles span " + spread);
  }

  @Test
  void aKnownRateOf250AYearGives21PlusPoisson750() {
    assertExactLaw(0);
  }

  @Test
  void aGammaRateWithALargeShapeGivesTheExactNegativeBinomial() {
    assertExactLaw(1e5);
  }
}
