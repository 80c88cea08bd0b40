package chaincast.calibration;

import java.util.Arrays;
import java.util.List;

/**
 * The scores of one method at one horizon, over every cell and vantage year.
 *
 * @param method who forecast
 * @param horizon years ahead
 * @param forecasts how many forecasts were scored
 * @param coverage50 share of actuals inside the central 50% interval
 * @param coverage80 share inside the central 80% interval
 * @param coverage95 share inside the central 95% interval
 * @param meanCrps mean CRPS of the log value (lower is better)
 * @param meanLogScore mean negative log predictive density of the log value (lower is better)
 * @param pitHistogram counts of PIT values in 10 equal bins [0, 0.1), ..., [0.9, 1]; flat when
 *     calibrated
 */
public record ForecastScores(
    ForecastMethod method,
    int horizon,
    int forecasts,
    double coverage50,
    double coverage80,
    double coverage95,
    double meanCrps,
    double meanLogScore,
    List<Integer> pitHistogram) {
  /** Number of PIT bins. */
  public static final int PIT_BINS = 10;

  /** Copies the histogram. */
  public ForecastScores {
    pitHistogram = List.copyOf(pitHistogram);
  }

  /** The scores of {@code rows}, all of one method and horizon. */
  public static ForecastScores of(ForecastMethod method, int horizon, List<ScoredForecast> rows) {
    int n = rows.size();
    double c50 = 0;
    double c80 = 0;
    double c95 = 0;
    double crps = 0;
    double log = 0;
    Integer[] bins = new Integer[PIT_BINS];
    Arrays.fill(bins, 0);
    for (ScoredForecast r : rows) {
      c50 += r.covered(0.5) ? 1 : 0;
      c80 += r.covered(0.8) ? 1 : 0;
      c95 += r.covered(0.95) ? 1 : 0;
      crps += r.crps();
      log += r.logScore();
      bins[Math.min(PIT_BINS - 1, (int) Math.floor(r.pit() * PIT_BINS))]++;
    }
    return new ForecastScores(
        method, horizon, n, c50 / n, c80 / n, c95 / n, crps / n, log / n, List.of(bins));
  }
}
