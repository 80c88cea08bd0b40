package chaincast.api;

import chaincast.v1.Dataset;
import java.util.Optional;

/**
 * Where {@link CalibrationServiceImpl} looks up a stored dataset named by {@code dataset_id}. The
 * server provides the dataset store; until one is wired in, {@link #none()} knows no dataset.
 */
@FunctionalInterface
public interface DatasetSource {
  /**
   * The dataset with this id.
   *
   * @param id a Dataset.id
   * @return the dataset, or empty when there is none of that id
   */
  Optional<Dataset> find(String id);

  /**
   * A source with no datasets: every lookup answers NOT_FOUND.
   *
   * @return the empty source
   */
  static DatasetSource none() {
    return id -> Optional.empty();
  }
}
