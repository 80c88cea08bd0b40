package chaincast.api;

import chaincast.metrics.ServerMetrics;
import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.store.DatasetStore;
import chaincast.store.DatasetStoreException;
import chaincast.store.QuotaExceededException;
import chaincast.store.StoreException;
import chaincast.store.StoreSettings;
import chaincast.v1.CreateDatasetRequest;
import chaincast.v1.CreateDatasetResponse;
import chaincast.v1.Dataset;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.DeleteDatasetRequest;
import chaincast.v1.DeleteDatasetResponse;
import chaincast.v1.GetDatasetRequest;
import chaincast.v1.GetDatasetResponse;
import chaincast.v1.ListDatasetsRequest;
import chaincast.v1.ListDatasetsResponse;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code chaincast.v1.DatasetService}: datasets of actuals in the scenario store. Imports are
 * checked as a whole by {@link DatasetValidator} (nothing is stored if any row is wrong); the
 * store's answers map to statuses as for scenarios, plus FAILED_PRECONDITION for deleting a dataset
 * that stored scenarios name.
 *
 * <p>The run layer loads a dataset with {@link #load(String, String)}; validators ask {@link
 * #exists(String, String)}.
 */
public final class DatasetServiceImpl extends DatasetServiceGrpc.DatasetServiceImplBase {
  /** Most bytes of a CSV file CreateDataset takes (1 MiB), for clients that check first. */
  public static final int MAX_CSV_BYTES = ActualsCsv.MAX_BYTES;

  /** Most points of a dataset (data rows of a CSV file). */
  public static final int MAX_POINTS = DatasetValidator.MAX_POINTS;

  private final DatasetStore store;
  private final DatasetValidator validator;
  private final StoreSettings settings;
  private final ServerMetrics metrics;

  /**
   * A service over one store.
   *
   * @param store where datasets live (the scenario store)
   * @param model the model whose cells, count cells, chains and regions points may name
   * @param settings the store's quotas
   * @param metrics times each store operation
   */
  public DatasetServiceImpl(
      DatasetStore store, Model model, StoreSettings settings, ServerMetrics metrics) {
    this.store = store;
    this.validator = new DatasetValidator(model);
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public void createDataset(
      CreateDatasetRequest request, StreamObserver<CreateDatasetResponse> observer) {
    answer(
        observer,
        "dataset.id",
        () -> {
          Dataset checked = validator.check(request);
          Dataset stored =
              timed(
                      "create_dataset",
                      st -> st.createDataset(checked, Caller.current().id(), settings.quota()))
                  .dataset();
          return CreateDatasetResponse.newBuilder().setDataset(stored).build();
        });
  }

  @Override
  public void getDataset(GetDatasetRequest request, StreamObserver<GetDatasetResponse> observer) {
    answer(
        observer,
        "dataset_id",
        () ->
            GetDatasetResponse.newBuilder()
                .setDataset(load(checkId(request.getDatasetId()), "dataset_id"))
                .build());
  }

  @Override
  public void listDatasets(
      ListDatasetsRequest request, StreamObserver<ListDatasetsResponse> observer) {
    answer(
        observer,
        "dataset_id",
        () -> {
          Violations v = new Violations();
          int size =
              request.getPageSize() == 0
                  ? ScenarioServiceImpl.DEFAULT_PAGE_SIZE
                  : request.getPageSize();
          if (size < 1 || size > ScenarioServiceImpl.MAX_PAGE_SIZE) {
            v.invalid(
                "page_size",
                "must be 0 (for "
                    + ScenarioServiceImpl.DEFAULT_PAGE_SIZE
                    + ") or from 1 to "
                    + ScenarioServiceImpl.MAX_PAGE_SIZE
                    + ", got "
                    + request.getPageSize());
          }
          String after = "";
          if (!request.getPageToken().isEmpty()) {
            after = ScenarioServiceImpl.decodeToken(request.getPageToken());
            if (after == null) {
              v.invalid(
                  "page_token",
                  "is not a token this server issued; pass next_page_token unchanged");
            }
          }
          v.throwIfAny();
          String from = after;
          // A page stops early at the byte budget (long names and descriptions), as for scenarios.
          DatasetStore.DatasetPage page =
              timed("list_datasets", st -> st.listDatasets(size, from, settings.maxPageBytes()));
          ListDatasetsResponse.Builder b = ListDatasetsResponse.newBuilder();
          page.datasets().forEach(d -> b.addDatasets(d.dataset()));
          if (page.more()) {
            b.setNextPageToken(ScenarioServiceImpl.encodeToken(page.lastId()));
          }
          return b.build();
        });
  }

  @Override
  public void deleteDataset(
      DeleteDatasetRequest request, StreamObserver<DeleteDatasetResponse> observer) {
    answer(
        observer,
        "dataset_id",
        () -> {
          String id = checkId(request.getDatasetId());
          long expected = Etags.optionalVersion(request.getEtag());
          timed(
              "delete_dataset",
              st -> {
                st.deleteDataset(id, expected);
                return null;
              });
          return DeleteDatasetResponse.getDefaultInstance();
        });
  }

  /**
   * The stored dataset {@code datasetId}, points included, for the run layer: throws {@link
   * ApiException} NOT_FOUND naming {@code field} if there is none, and the store's own statuses
   * (UNAVAILABLE while it is reopened, FAILED_PRECONDITION when another server holds it) when it
   * cannot answer.
   *
   * @param datasetId the id (e.g. {@code ScenarioOverrides.dataset_id})
   * @param field the request field that named it, e.g. {@code spec.inline_overrides.dataset_id}
   * @return the dataset with etag, create_time and point_count set
   */
  public Dataset load(String datasetId, String field) {
    return lookup(datasetId, field)
        .orElseThrow(() -> ApiException.notFound("dataset", datasetId, field));
  }

  /**
   * The stored dataset {@code datasetId}, or empty when there is none: the {@link DatasetSource}
   * the calibration service reads. Throws {@link ApiException} with the store's status when it
   * cannot answer.
   *
   * @param datasetId the id to look up
   * @return the dataset, points included
   */
  public Optional<Dataset> find(String datasetId) {
    return lookup(datasetId, "dataset_id");
  }

  /** The stored dataset, or empty; store failures become the API status, naming {@code field}. */
  private Optional<Dataset> lookup(String datasetId, String field) {
    try {
      return timed("get_dataset", st -> st.getDataset(datasetId))
          .map(DatasetStore.StoredDataset::dataset);
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, field);
    }
  }

  /**
   * Whether dataset {@code datasetId} is stored; throws {@link ApiException} with the store's
   * status when it cannot answer.
   *
   * @param datasetId the id to look up
   * @param field the request field that named it
   * @return true if it exists
   */
  public boolean exists(String datasetId, String field) {
    try {
      return timed("dataset_exists", st -> st.datasetExists(datasetId));
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, field);
    }
  }

  private <T> T timed(String operation, Function<DatasetStore, T> call) {
    return metrics.timeStore(
        operation,
        () -> call.apply(store),
        DatasetStoreException.class,
        QuotaExceededException.class);
  }

  private static String checkId(String id) {
    if (!ScenarioServiceImpl.ID.matcher(id).matches()) {
      throw ApiException.invalidField(
          "dataset_id",
          "must be a dataset id (a-z, 0-9, '-', starting with a letter), got "
              + ClientText.quote(id));
    }
    return id;
  }

  private static <T> void answer(StreamObserver<T> observer, String idField, Supplier<T> work) {
    try {
      T response = work.get();
      observer.onNext(response);
      observer.onCompleted();
    } catch (ApiException e) {
      observer.onError(e.toStatusRuntimeException());
    } catch (StoreException e) {
      observer.onError(StoreErrors.toApi(e, idField).toStatusRuntimeException());
    } catch (RuntimeException e) {
      observer.onError(InternalErrors.report("dataset call", e));
    }
  }
}
