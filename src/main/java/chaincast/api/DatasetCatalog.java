package chaincast.api;

/** Answers whether a dataset is stored, for validators of requests that name one. */
@FunctionalInterface
public interface DatasetCatalog {
  /** No datasets at all: for servers and tools without a store. */
  DatasetCatalog NONE = (datasetId, field) -> false;

  /**
   * Whether dataset {@code datasetId} is stored.
   *
   * @param datasetId the id the request names
   * @param field the request field that named it (for the status when the store cannot answer)
   * @return true if it exists
   * @throws ApiException when the store cannot answer
   */
  boolean exists(String datasetId, String field);
}
