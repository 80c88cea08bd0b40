package chaincast.store;

import chaincast.store.ScenarioStore.Quota;
import chaincast.v1.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * Where stored datasets of actuals live: in the same database (and the same transactions, quotas
 * and durability contract) as the scenarios that name them, so that a scenario never names a
 * dataset that is gone.
 *
 * <p>Referential rules kept inside the store's transactions: a scenario write naming a dataset that
 * does not exist is refused ({@link DatasetStoreException.Reason#UNKNOWN_REFERENCE}), and a dataset
 * that a stored scenario names cannot be deleted ({@link DatasetStoreException.Reason#IN_USE}).
 */
public interface DatasetStore {
  /**
   * A stored dataset: its content (points included, unless it came from a listing), with etag,
   * create_time and point_count filled in, its version and its owner.
   */
  record StoredDataset(Dataset dataset, long version, String owner) {}

  /**
   * One page of a listing.
   *
   * @param datasets the datasets, in id order, without their points
   * @param lastId the id of the last one (the next page starts after it)
   * @param more whether datasets follow this page
   */
  record DatasetPage(List<StoredDataset> datasets, String lastId, boolean more) {}

  /**
   * Stores a new dataset owned by {@code owner} (id, name, description and points; etag, time and
   * point_count are set here). It counts against the same quota as the owner's scenarios.
   *
   * @throws DatasetStoreException ALREADY_EXISTS
   * @throws QuotaExceededException if the owner would go over {@code quota}
   */
  StoredDataset createDataset(Dataset dataset, String owner, Quota quota);

  /** The dataset with {@code id}, points included, if any. The run layer loads datasets here. */
  Optional<StoredDataset> getDataset(String id);

  /** Whether a dataset with {@code id} exists (without reading its points). */
  boolean datasetExists(String id);

  /**
   * Up to {@code pageSize} datasets with ids after {@code afterId} ("" for the start), in id order,
   * without their points, whose names and descriptions take at most {@code maxBytes} encoded (a
   * page holds at least one dataset, so that paging always moves on).
   */
  DatasetPage listDatasets(int pageSize, String afterId, long maxBytes);

  /**
   * Deletes the dataset; with {@code expectedVersion >= 0} only if it still has that version.
   *
   * @throws DatasetStoreException NOT_FOUND, STALE_ETAG, or IN_USE while scenarios name it
   */
  void deleteDataset(String id, long expectedVersion);
}
