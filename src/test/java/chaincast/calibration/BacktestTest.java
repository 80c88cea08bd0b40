package chaincast.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The scores against brute force, the rolling origin's bookkeeping, skips and cancellation. */
class BacktestTest {
  /**
   * ∫ F(x)² dx below y plus ∫ (1 − F(x))² dx above it, each by the trapezoid rule on a fine grid
   * (split at y, where the integrand jumps).
   */
  private static double bruteCrps(Predictive f, double y, double lo, double hi) {
    return trapezoid(x -> f.cdf(x) * f.cdf(x), lo, y)
        + trapezoid(x -> (1 - f.cdf(x)) * (1 - f.cdf(x)), y, hi);
  }

  private static double trapezoid(DoubleUnaryOperator g, double lo, double hi) {
    int n = 200_000;
    double step = (hi - lo) / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      sum += (i == 0 || i == n ? 0.5 : 1) * g.applyAsDouble(lo + i * step);
    }
    return sum * step;
  }

  @Test
  void closedFormCrpsMatchesTheIntegral() {
    LocationScaleT t = new LocationScaleT(4.6, 0.12, 5);
    for (double y : new double[] {4.3, 4.6, 4.75, 5.2}) {
      assertEquals(
          bruteCrps(t, y, 4.6 - 400 * 0.12, 4.6 + 400 * 0.12), t.crps(y), 2e-5, "t at " + y);
    }
    LocationScaleT heavy = new LocationScaleT(0, 1, 2);
    assertEquals(bruteCrps(heavy, 0.7, -20_000, 20_000), heavy.crps(0.7), 1e-3, "t2");
    NormalPredictive normal = new NormalPredictive(1.0, 0.3);
    for (double y : new double[] {0.2, 1.0, 1.5}) {
      assertEquals(bruteCrps(normal, y, -5, 7), normal.crps(y), 1e-7, "normal at " + y);
    }
  }

  private static NavigableMap<Integer, Double> series(int first, double... values) {
    NavigableMap<Integer, Double> s = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      s.put(first + i, values[i]);
    }
    return s;
  }

  @Test
  void rollingOriginUsesOnlyThePastAndScoresEveryHeldBackYear() {
    CellPrior prior = new CellPrior("pharma@etdz", "pharma", 0.05, 0.03, 0.1);
    NavigableMap<Integer, Double> s = series(2015, 100, 104, 111, 115, 122, 130, 133, 141);
    BacktestResult r =
        new Backtest(EstimatorSettings.DEFAULT)
            .run(List.of(prior), Map.of("pharma@etdz", s), 2, 4, () -> false);
    // Vantages 2018..2020 forecast 2 years ahead, 2021 only 1 (2022): (3·2 + 1) forecasts × 3
    // methods.
    assertEquals(21, r.rows().size());
    assertEquals(6, r.summaries().size());
    ScoredForecast first = r.rows().get(0);
    assertEquals(2018, first.vantageYear());
    assertEquals(ForecastMethod.MODEL, first.method());
    assertEquals(122, first.actual(), 1e-12);
    // The model at vantage 2018 is the estimator fitted on 2015..2018 alone.
    NavigableMap<Integer, Double> past = s.headMap(2018, true);
    CellPosterior post =
        new DriftVolatilityEstimator()
            .estimate(List.of(prior), Map.of("pharma@etdz", past))
            .posteriors()
            .get(0);
    LocationScaleT f = post.nig().predictive(1);
    double y = Math.log(122);
    double lnV = Math.log(115);
    assertEquals(
        new LocationScaleT(lnV + f.location(), f.scale(), f.df()).cdf(y), first.pit(), 1e-12);
    assertEquals(Math.exp(lnV + f.location()), first.median(), 1e-9);
    // The random walk at 2018 uses the growth of 2015..2018; the plan grows at 0.05 a year.
    ScoredForecast walk = r.rows().get(1);
    assertEquals(ForecastMethod.RANDOM_WALK, walk.method());
    assertEquals(115 * Math.pow(115 / 100.0, 1 / 3.0), walk.median(), 1e-9);
    ScoredForecast plan = r.rows().get(2);
    assertEquals(115 * Math.exp(0.05), plan.median(), 1e-9);
    assertTrue(plan.lower95() < plan.lower80() && plan.lower80() < plan.lower50());
    assertTrue(plan.upper50() < plan.upper80() && plan.upper80() < plan.upper95());
  }

  @Test
  void shortAndUnknownSeriesAreSkippedWithTheYearsNeeded() {
    CellPrior prior = new CellPrior("pharma@etdz", "pharma", 0.05, 0.03, 0.1);
    Map<String, NavigableMap<Integer, Double>> data = new LinkedHashMap<>();
    data.put("pharma@etdz", series(2020, 10, 11, 12, 13));
    data.put("ghost@nowhere", series(2010, 1, 2, 3, 4, 5, 6));
    BacktestResult r =
        new Backtest(EstimatorSettings.DEFAULT).run(List.of(prior), data, 3, 4, () -> false);
    assertTrue(r.rows().isEmpty());
    assertEquals(2, r.skipped().size());
    assertTrue(r.skipped().get(0).reason().contains("at least 5 years"), r.skipped().toString());
    assertTrue(r.skipped().get(1).reason().contains("not a cell"), r.skipped().toString());
  }

  @Test
  void cancellationStopsTheRun() {
    CellPrior prior = new CellPrior("pharma@etdz", "pharma", 0.05, 0.03, 0.1);
    assertThrows(
        CancellationException.class,
        () ->
            new Backtest(EstimatorSettings.DEFAULT)
                .run(
                    List.of(prior),
                    Map.of("pharma@etdz", series(2015, 1, 2, 3, 4, 5, 6)),
                    1,
                    4,
                    () -> true));
  }
}
