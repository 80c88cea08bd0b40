package chaincast.calibration;

import java.util.List;

/**
 * What the estimator returns.
 *
 * @param posteriors one per cell with at least one yearly growth rate, in the order of the priors
 * @param skipped series not used, with the reason
 */
public record Estimate(List<CellPosterior> posteriors, List<Skipped> skipped) {
  /** Copies the lists. */
  public Estimate {
    posteriors = List.copyOf(posteriors);
    skipped = List.copyOf(skipped);
  }
}
