package chaincast.calibration;

import java.util.List;

/**
 * What a backtest returns.
 *
 * @param rows every scored forecast, by vantage year, cell, horizon, method
 * @param summaries one per (method, horizon) with forecasts
 * @param skipped series that gave no scored forecast, with the reason
 */
public record BacktestResult(
    List<ScoredForecast> rows, List<ForecastScores> summaries, List<Skipped> skipped) {
  /** Copies the lists. */
  public BacktestResult {
    rows = List.copyOf(rows);
    summaries = List.copyOf(summaries);
    skipped = List.copyOf(skipped);
  }
}
