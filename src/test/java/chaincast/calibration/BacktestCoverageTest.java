package chaincast.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rolling-origin backtests of 500 synthetic cities drawn from the model's prior (2010–2024, six
 * cells, two with only the last 8 years): the model's central intervals cover the held-back values
 * at their nominal rates, and the correctly specified model beats the random walk on CRPS.
 */
class BacktestCoverageTest {
  private static final int REPLICATIONS = 500;

  @Test
  void intervalsCoverAtNominalRatesAndTheModelBeatsTheBaselines() {
    EstimatorSettings settings = EstimatorSettings.DEFAULT;
    Backtest backtest = new Backtest(settings);
    List<ScoredForecast> rows = new ArrayList<>();
    for (int r = 0; r < REPLICATIONS; r++) {
      SyntheticCity city = SyntheticCity.draw(90_000L + r, settings, 2010, 2024, 8);
      rows.addAll(backtest.run(city.priors, city.series, 3, 4, () -> false).rows());
    }
    for (int h = 1; h <= 3; h++) {
      ForecastScores model = summary(rows, ForecastMethod.MODEL, h);
      ForecastScores walk = summary(rows, ForecastMethod.RANDOM_WALK, h);
      ForecastScores plan = summary(rows, ForecastMethod.PLAN, h);
      System.out.printf(
          "h=%d n=%d model cov %.4f %.4f %.4f crps %.5f log %.4f | walk cov %.4f %.4f %.4f crps"
              + " %.5f log %.4f | plan cov %.4f %.4f %.4f crps %.5f log %.4f%n",
          h,
          model.forecasts(),
          model.coverage50(),
          model.coverage80(),
          model.coverage95(),
          model.meanCrps(),
          model.meanLogScore(),
          walk.coverage50(),
          walk.coverage80(),
          walk.coverage95(),
          walk.meanCrps(),
          walk.meanLogScore(),
          plan.coverage50(),
          plan.coverage80(),
          plan.coverage95(),
          plan.meanCrps(),
          plan.meanLogScore());
      assertEquals(0.50, model.coverage50(), 0.04, "50% coverage at h=" + h);
      assertEquals(0.80, model.coverage80(), 0.04, "80% coverage at h=" + h);
      assertEquals(0.95, model.coverage95(), 0.04, "95% coverage at h=" + h);
      assertTrue(model.meanCrps() < walk.meanCrps(), "model beats the random walk at h=" + h);
      assertTrue(model.meanCrps() < plan.meanCrps(), "model beats the plan path at h=" + h);
      assertTrue(
          model.meanLogScore() < walk.meanLogScore(), "model's log score beats the walk's, h=" + h);
      assertEquals(
          model.forecasts(),
          model.pitHistogram().stream().mapToInt(Integer::intValue).sum(),
          "every PIT is in a bin");
    }
  }

  private static ForecastScores summary(List<ScoredForecast> rows, ForecastMethod m, int h) {
    return ForecastScores.of(
        m, h, rows.stream().filter(r -> r.method() == m && r.horizon() == h).toList());
  }
}
