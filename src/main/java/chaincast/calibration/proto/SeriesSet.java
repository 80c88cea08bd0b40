package chaincast.calibration.proto;

import chaincast.calibration.Skipped;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Full-year series of single output cells, and the subjects left out.
 *
 * @param cells cell id → year → value in 亿元, cells in first-seen order
 * @param skipped subjects not usable by the estimator, one entry each, with the reason
 */
public record SeriesSet(Map<String, NavigableMap<Integer, Double>> cells, List<Skipped> skipped) {
  /** Copies the skipped list (the series map is handed over as built). */
  public SeriesSet {
    skipped = List.copyOf(skipped);
  }
}
