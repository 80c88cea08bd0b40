package chaincast.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Rolling-origin evaluation. For each vantage year v, the estimator is fitted on every cell's data
 * up to v, and each cell that has at least {@code minHistory} full-year values up to v (the last 4
 * of them consecutive, so the random-walk baseline has 3 growth rates) is forecast for v+1..v+h by
 * three methods ({@link ForecastMethod}); each forecast with a held-back actual is scored.
 *
 * <p>The model's forecast of ln V[v+h] is its posterior predictive, ln V[v] + T where T is
 * Student-t with 2·shape degrees of freedom, location h·m and squared scale (scale/shape)·(h +
 * h²/κ) ({@link NormalInverseGamma#predictive}), so PIT, CRPS and log score are exact.
 */
public final class Backtest {
  /** Years of consecutive data the random-walk baseline needs up to the vantage year. */
  public static final int RANDOM_WALK_YEARS = 4;

  /** Floor of the baseline's spread, so three equal growth rates still give a density. */
  private static final double MIN_SPREAD = 1e-6;

  private final DriftVolatilityEstimator estimator;

  /** A backtest of the estimator with the given settings. */
  public Backtest(EstimatorSettings settings) {
    this.estimator = new DriftVolatilityEstimator(settings);
  }

  /**
   * Runs the backtest.
   *
   * @param priors the seeded prior of every cell
   * @param series full-year values per cell: year → value in 亿元
   * @param horizon longest horizon, years (&gt;= 1)
   * @param minHistory full-year values a cell needs up to a vantage year (&gt;= 4)
   * @param cancelled polled once per vantage year; true stops with a {@link CancellationException}
   * @return rows, summaries per (method, horizon) and skipped series
   */
  public BacktestResult run(
      List<CellPrior> priors,
      Map<String, NavigableMap<Integer, Double>> series,
      int horizon,
      int minHistory,
      BooleanSupplier cancelled) {
    if (horizon < 1 || minHistory < RANDOM_WALK_YEARS) {
      throw new IllegalArgumentException(
          "need horizon >= 1 and minHistory >= " + RANDOM_WALK_YEARS);
    }
    Map<String, CellPrior> byId = new LinkedHashMap<>();
    priors.forEach(p -> byId.put(p.cellId(), p));
    TreeSet<Integer> years = new TreeSet<>();
    series.values().forEach(s -> years.addAll(s.keySet()));
    List<ScoredForecast> rows = new ArrayList<>();
    if (!years.isEmpty()) {
      for (int v = years.first(); v < years.last(); v++) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("backtest cancelled at vantage year " + v);
        }
        rows.addAll(vantage(v, byId, series, horizon, minHistory));
      }
    }
    return new BacktestResult(
        rows, summarise(rows, horizon), skipped(rows, series, byId, minHistory));
  }

  private List<ScoredForecast> vantage(
      int v,
      Map<String, CellPrior> priors,
      Map<String, NavigableMap<Integer, Double>> series,
      int horizon,
      int minHistory) {
    Map<String, NavigableMap<Integer, Double>> upTo = new LinkedHashMap<>();
    series.forEach((id, s) -> upTo.put(id, s.headMap(v, true)));
    List<ScoredForecast> rows = new ArrayList<>();
    for (CellPosterior post : estimator.estimate(List.copyOf(priors.values()), upTo).posteriors()) {
      NavigableMap<Integer, Double> known = upTo.get(post.cellId());
      NavigableMap<Integer, Double> all = series.get(post.cellId());
      if (known.size() < minHistory || !consecutive(known, v)) {
        continue;
      }
      CellPrior prior = priors.get(post.cellId());
      double lnV = Math.log(known.get(v));
      double[] recent = GrowthRates.of(known.tailMap(v - RANDOM_WALK_YEARS + 1, true));
      for (int h = 1; h <= horizon; h++) {
        Double actual = all.get(v + h);
        if (actual == null) {
          continue;
        }
        LocationScaleT model = post.nig().predictive(h);
        rows.add(
            ScoredForecast.score(
                ForecastMethod.MODEL,
                post.cellId(),
                v,
                h,
                new LocationScaleT(lnV + model.location(), model.scale(), model.df()),
                actual));
        rows.add(
            ScoredForecast.score(
                ForecastMethod.RANDOM_WALK,
                post.cellId(),
                v,
                h,
                randomWalk(lnV, recent, h),
                actual));
        rows.add(
            ScoredForecast.score(
                ForecastMethod.PLAN,
                post.cellId(),
                v,
                h,
                new NormalPredictive(
                    lnV + h * prior.driftMean(), prior.volatility() * Math.sqrt(h)),
                actual));
      }
    }
    return rows;
  }

  private static boolean consecutive(NavigableMap<Integer, Double> known, int v) {
    for (int y = v - RANDOM_WALK_YEARS + 1; y <= v; y++) {
      if (!known.containsKey(y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Random walk with drift from n growth rates: ln V[v+h] − ln V[v] − h·ḡ has variance σ²(h +
   * h²/n), so the predictive is Student-t with n − 1 degrees of freedom and scale s·√(h + h²/n).
   */
  static LocationScaleT randomWalk(double lnV, double[] g, int h) {
    int n = g.length;
    double mean = GrowthRates.mean(g);
    double ss = 0;
    for (double x : g) {
      ss += (x - mean) * (x - mean);
    }
    double s = Math.max(MIN_SPREAD, Math.sqrt(ss / (n - 1)));
    return new LocationScaleT(lnV + h * mean, s * Math.sqrt(h + (double) h * h / n), n - 1);
  }

  private static List<ForecastScores> summarise(List<ScoredForecast> rows, int horizon) {
    List<ForecastScores> out = new ArrayList<>();
    for (ForecastMethod m : ForecastMethod.values()) {
      for (int h = 1; h <= horizon; h++) {
        int hh = h;
        List<ScoredForecast> these =
            rows.stream().filter(r -> r.method() == m && r.horizon() == hh).toList();
        if (!these.isEmpty()) {
          out.add(ForecastScores.of(m, h, these));
        }
      }
    }
    return out;
  }

  private static List<Skipped> skipped(
      List<ScoredForecast> rows,
      Map<String, NavigableMap<Integer, Double>> series,
      Map<String, CellPrior> priors,
      int minHistory) {
    TreeSet<String> scored = new TreeSet<>();
    rows.forEach(r -> scored.add(r.cellId()));
    List<Skipped> out = new ArrayList<>();
    series.forEach(
        (id, s) -> {
          if (!priors.containsKey(id)) {
            out.add(new Skipped(id, "not a cell of the model: no prior to update"));
          } else if (!scored.contains(id)) {
            out.add(
                new Skipped(
                    id,
                    "has "
                        + s.size()
                        + " full-year value(s); a backtest needs at least min_history = "
                        + minHistory
                        + " up to a vantage year (the last "
                        + RANDOM_WALK_YEARS
                        + " consecutive) and a later year to score, so at least "
                        + (minHistory + 1)
                        + " years"));
          }
        });
    return out;
  }
}
