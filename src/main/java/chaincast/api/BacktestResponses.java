package chaincast.api;

import chaincast.calibration.Backtest;
import chaincast.calibration.BacktestResult;
import chaincast.calibration.DriftVolatilityEstimator;
import chaincast.calibration.ForecastMethod;
import chaincast.calibration.ForecastScores;
import chaincast.calibration.ScoredForecast;
import chaincast.calibration.Skipped;
import chaincast.calibration.proto.SeriesSet;
import chaincast.run.ClientText;
import chaincast.v1.BacktestMethod;
import chaincast.v1.BacktestRequest;
import chaincast.v1.BacktestResponse;
import chaincast.v1.BacktestRow;
import chaincast.v1.BacktestSummary;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link BacktestResult} into the RPC's response, refusing one that scored nothing. */
final class BacktestResponses {
  private BacktestResponses() {}

  static BacktestResponse build(
      BacktestRequest request, SeriesSet series, BacktestResult r, int horizon, int minHistory) {
    List<String> only = request.getCellIdsList();
    List<ScoredForecast> rows =
        r.rows().stream().filter(x -> only.isEmpty() || only.contains(x.cellId())).toList();
    refuseEmpty(request, series, rows, minHistory);
    List<ForecastScores> summaries = new ArrayList<>();
    for (ForecastMethod m : ForecastMethod.values()) {
      for (int h = 1; h <= horizon; h++) {
        int hh = h;
        List<ScoredForecast> these =
            rows.stream().filter(x -> x.method() == m && x.horizon() == hh).toList();
        if (!these.isEmpty()) {
          summaries.add(ForecastScores.of(m, h, these));
        }
      }
    }
    BacktestResponse.Builder out =
        BacktestResponse.newBuilder()
            .setMethod(DriftVolatilityEstimator.METHOD)
            .setHorizon(horizon)
            .setMinHistory(minHistory);
    rows.forEach(x -> out.addRows(toProto(x)));
    summaries.forEach(x -> out.addSummaries(toProto(x)));
    for (Skipped s : series.skipped()) {
      out.addSkipped(CalibrationServiceImpl.toProto(s));
    }
    for (Skipped s : r.skipped()) {
      out.addSkipped(CalibrationServiceImpl.toProto(s));
    }
    return out.build();
  }

  private static void refuseEmpty(
      BacktestRequest request, SeriesSet series, List<ScoredForecast> rows, int minHistory) {
    Violations v = new Violations();
    int longest = series.cells().values().stream().mapToInt(s -> s.size()).max().orElse(0);
    String need =
        "a backtest needs at least min_history + 1 = "
            + (minHistory + 1)
            + " full-year values of a cell (the last "
            + Backtest.RANDOM_WALK_YEARS
            + " up to a vantage year consecutive)";
    if (rows.isEmpty() && request.getCellIdsCount() == 0) {
      v.invalid(
          request.getDatasetId().isEmpty() ? "points" : "dataset_id",
          "no cell could be scored: " + need + "; the longest series has " + longest);
    }
    for (int i = 0; i < request.getCellIdsCount(); i++) {
      String id = request.getCellIds(i);
      if (rows.stream().noneMatch(x -> x.cellId().equals(id))) {
        int years = series.cells().containsKey(id) ? series.cells().get(id).size() : 0;
        v.invalid(
            "cell_ids[" + i + "]",
            ClientText.quote(id) + " has " + years + " full-year value(s); " + need);
      }
    }
    v.throwIfAny();
  }

  private static BacktestMethod method(ForecastMethod m) {
    return switch (m) {
      case MODEL -> BacktestMethod.BACKTEST_METHOD_MODEL;
      case RANDOM_WALK -> BacktestMethod.BACKTEST_METHOD_RANDOM_WALK;
      case PLAN -> BacktestMethod.BACKTEST_METHOD_PLAN;
    };
  }

  private static BacktestRow toProto(ScoredForecast r) {
    return BacktestRow.newBuilder()
        .setMethod(method(r.method()))
        .setCellId(r.cellId())
        .setVantageYear(r.vantageYear())
        .setHorizon(r.horizon())
        .setMedian(r.median())
        .setLower50(r.lower50())
        .setUpper50(r.upper50())
        .setLower80(r.lower80())
        .setUpper80(r.upper80())
        .setLower95(r.lower95())
        .setUpper95(r.upper95())
        .setActual(r.actual())
        .setPit(r.pit())
        .setCrps(r.crps())
        .setLogScore(r.logScore())
        .build();
  }

  private static BacktestSummary toProto(ForecastScores s) {
    return BacktestSummary.newBuilder()
        .setMethod(method(s.method()))
        .setHorizon(s.horizon())
        .setForecasts(s.forecasts())
        .setCoverage50(s.coverage50())
        .setCoverage80(s.coverage80())
        .setCoverage95(s.coverage95())
        .setMeanCrps(s.meanCrps())
        .setMeanLogScore(s.meanLogScore())
        .addAllPitHistogram(s.pitHistogram())
        .build();
  }
}
