package chaincast.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Calibration of the drift and volatility intervals: truths drawn from the estimator's prior (city,
 * chain and cell offsets, σ² inverse-gamma), series drawn from the truths, 1000 replications of six
 * cells. A Bayesian 80% interval covers a truth drawn from its prior 80% of the time; the pooling's
 * plug-in variances and the normal–inverse-gamma form are the approximations this checks.
 */
class EstimatorCoverageTest {
  private static final int REPLICATIONS = 1000;

  @Test
  void eightyPercentIntervalsCoverTheTruthEightyPercentOfTheTime() {
    EstimatorSettings settings = EstimatorSettings.DEFAULT;
    DriftVolatilityEstimator estimator = new DriftVolatilityEstimator(settings);
    int intervals = 0;
    int driftCovered = 0;
    int volatilityCovered = 0;
    for (int r = 0; r < REPLICATIONS; r++) {
      SyntheticCity city = SyntheticCity.draw(1000L + r, settings, 2010, 2024, 4);
      for (CellPosterior p : estimator.estimate(city.priors, city.series).posteriors()) {
        double mu = city.trueDrift.get(p.cellId());
        double sigma = city.trueVolatility.get(p.cellId());
        intervals++;
        driftCovered += mu >= p.summary().driftP10() && mu <= p.summary().driftP90() ? 1 : 0;
        volatilityCovered +=
            sigma >= p.summary().volatilityP10() && sigma <= p.summary().volatilityP90() ? 1 : 0;
      }
    }
    double drift = (double) driftCovered / intervals;
    double volatility = (double) volatilityCovered / intervals;
    System.out.printf(
        "estimator coverage over %d intervals: drift %.4f, volatility %.4f%n",
        intervals, drift, volatility);
    assertEquals(6 * REPLICATIONS, intervals);
    assertEquals(0.80, drift, 0.04, "drift 80% interval coverage");
    assertEquals(0.80, volatility, 0.04, "volatility 80% interval coverage");
  }

  @Test
  void unpooledEstimatesAreCalibratedToo() {
    EstimatorSettings settings = EstimatorSettings.unpooled();
    DriftVolatilityEstimator estimator = new DriftVolatilityEstimator(settings);
    int intervals = 0;
    int covered = 0;
    for (int r = 0; r < REPLICATIONS; r++) {
      SyntheticCity city = SyntheticCity.draw(5000L + r, settings, 2010, 2024, 4);
      for (CellPosterior p : estimator.estimate(city.priors, city.series).posteriors()) {
        double mu = city.trueDrift.get(p.cellId());
        intervals++;
        covered += mu >= p.summary().driftP10() && mu <= p.summary().driftP90() ? 1 : 0;
      }
    }
    double drift = (double) covered / intervals;
    System.out.printf("unpooled drift coverage over %d intervals: %.4f%n", intervals, drift);
    assertEquals(0.80, drift, 0.04, "drift 80% interval coverage without pooling");
  }
}
