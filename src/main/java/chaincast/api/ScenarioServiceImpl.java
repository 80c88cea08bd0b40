package chaincast.api;

import chaincast.metrics.ServerMetrics;
import chaincast.run.ClientText;
import chaincast.run.PlanningException;
import chaincast.run.ProjectionPlanner;
import chaincast.store.DatasetStoreException;
import chaincast.store.QuotaExceededException;
import chaincast.store.ScenarioStore;
import chaincast.store.ScenarioStoreException;
import chaincast.store.StoreException;
import chaincast.store.StoreSettings;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.CreateScenarioResponse;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.DeleteScenarioResponse;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.GetScenarioResponse;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.UpdateScenarioRequest;
import chaincast.v1.UpdateScenarioResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code chaincast.v1.ScenarioService}: bounds and validates, translates to the {@link
 * ScenarioStore} and maps its answers to status codes (ALREADY_EXISTS, NOT_FOUND, ABORTED for a
 * stale etag, RESOURCE_EXHAUSTED with a QuotaFailure over a client's quota, UNAVAILABLE while the
 * store is being reopened).
 *
 * <p>Each scenario belongs to the client that wrote it last ({@link Caller#current()}), and counts
 * against that client's quota.
 */
public final class ScenarioServiceImpl extends ScenarioServiceGrpc.ScenarioServiceImplBase {
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 1000;
  private static final String TOKEN_PREFIX = "after:";

  private final ScenarioStore store;
  private final ScenarioOverridesValidator overridesValidator;
  private final ProjectionPlanner planner;
  private final StoreSettings settings;
  private final ServerMetrics metrics;

  /**
   * A service over one store.
   *
   * @param store where scenarios live
   * @param validator checks the overrides a scenario carries, as for inline overrides
   * @param planner plans a scenario's overrides against the model, so conflicts are refused on
   *     write
   * @param settings the store's bounds and quotas
   * @param metrics times each store operation
   */
  public ScenarioServiceImpl(
      ScenarioStore store,
      SimulationSpecValidator validator,
      ProjectionPlanner planner,
      StoreSettings settings,
      ServerMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    this.overridesValidator = validator.overridesValidator();
    this.planner = planner;
    this.settings = settings;
  }

  @Override
  public void createScenario(
      CreateScenarioRequest request, StreamObserver<CreateScenarioResponse> observer) {
    answer(
        observer,
        "scenario.id",
        () -> {
          Scenario s = request.getScenario();
          validate(s, false);
          Scenario stored =
              timed("create", st -> st.create(s, Caller.current().id(), settings.quota()))
                  .scenario();
          return CreateScenarioResponse.newBuilder().setScenario(stored).build();
        });
  }

  @Override
  public void getScenario(
      GetScenarioRequest request, StreamObserver<GetScenarioResponse> observer) {
    answer(
        observer,
        "scenario_id",
        () -> {
          String id = checkId(request.getScenarioId(), "scenario_id");
          Scenario s =
              timed("get", st -> st.get(id))
                  .orElseThrow(() -> ApiException.notFound("scenario", id, "scenario_id"))
                  .scenario();
          return GetScenarioResponse.newBuilder().setScenario(s).build();
        });
  }

  @Override
  public void listScenarios(
      ListScenariosRequest request, StreamObserver<ListScenariosResponse> observer) {
    answer(
        observer,
        "scenario_id",
        () -> {
          Violations v = new Violations();
          int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
          if (size < 1 || size > MAX_PAGE_SIZE) {
            v.invalid(
                "page_size",
                "must be 0 (for "
                    + DEFAULT_PAGE_SIZE
                    + ") or from 1 to "
                    + MAX_PAGE_SIZE
                    + ", got "
                    + request.getPageSize());
          }
          String after = "";
          if (!request.getPageToken().isEmpty()) {
            after = decodeToken(request.getPageToken());
            if (after == null) {
              v.invalid(
                  "page_token",
                  "is not a token this server issued; pass next_page_token unchanged");
            }
          }
          v.throwIfAny();
          // A page stops early at the byte budget, so the server never holds more than that for it.
          String from = after;
          ScenarioStore.Page page =
              timed("list", st -> st.list(size, from, settings.maxPageBytes()));
          ListScenariosResponse.Builder b = ListScenariosResponse.newBuilder();
          page.scenarios().forEach(s -> b.addScenarios(s.scenario()));
          if (page.more()) {
            b.setNextPageToken(encodeToken(page.lastId()));
          }
          return b.build();
        });
  }

  @Override
  public void updateScenario(
      UpdateScenarioRequest request, StreamObserver<UpdateScenarioResponse> observer) {
    answer(
        observer,
        "scenario.id",
        () -> {
          Scenario s = request.getScenario();
          long version = validate(s, true);
          Scenario stored =
              timed("update", st -> st.update(s, version, Caller.current().id(), settings.quota()))
                  .scenario();
          return UpdateScenarioResponse.newBuilder().setScenario(stored).build();
        });
  }

  @Override
  public void deleteScenario(
      DeleteScenarioRequest request, StreamObserver<DeleteScenarioResponse> observer) {
    answer(
        observer,
        "scenario_id",
        () -> {
          String id = checkId(request.getScenarioId(), "scenario_id");
          long expected = Etags.optionalVersion(request.getEtag());
          timed(
              "delete",
              st -> {
                st.delete(id, expected);
                return null;
              });
          return DeleteScenarioResponse.getDefaultInstance();
        });
  }

  /**
   * Checks a scenario to store; returns the version its etag names (updates) or -1. Sizes first, so
   * nothing else reads (or echoes) an oversized field.
   */
  private long validate(Scenario s, boolean update) {
    Violations bounds = new Violations();
    ScenarioBounds.check(s, "scenario", settings.maxScenarioBytes(), bounds);
    bounds.throwIfAny();
    Violations v = new Violations();
    if (!ID.matcher(s.getId()).matches()) {
      v.invalid(
          "scenario.id",
          "must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter, got "
              + ClientText.quote(s.getId()));
    }
    if (s.getName().getZh().isBlank() && s.getName().getEn().isBlank()) {
      v.invalid("scenario.name", "give a Chinese or an English name (or both)");
    }
    long version = -1;
    if (update) {
      if (s.getEtag().isEmpty()) {
        v.invalid("scenario.etag", "is required: send the etag of the version you read");
      } else {
        version = ScenarioStore.versionOf(s.getEtag());
        if (version < 0) {
          v.invalid(
              "scenario.etag",
              "is not an etag this server issued, got " + ClientText.quote(s.getEtag()));
        }
      }
    }
    overridesValidator.validate(s.getOverrides(), "scenario.overrides", v);
    v.throwIfAny();
    try {
      planner.check(s.getOverrides());
    } catch (PlanningException e) {
      throw ApiException.invalidField("scenario.overrides." + e.field(), e.description());
    }
    return version;
  }

  /**
   * One store call, timed in {@code chaincast_store_operation_duration_seconds}; a {@link
   * ScenarioStoreException} (not found, exists, stale etag) or a {@link QuotaExceededException}
   * counts as a refusal, anything else as a failure.
   */
  private <T> T timed(String operation, Function<ScenarioStore, T> call) {
    return metrics.timeStore(
        operation,
        () -> call.apply(store),
        ScenarioStoreException.class,
        DatasetStoreException.class,
        QuotaExceededException.class);
  }

  private static String checkId(String id, String field) {
    if (!ID.matcher(id).matches()) {
      throw ApiException.invalidField(
          field,
          "must be a scenario id (a-z, 0-9, '-', starting with a letter), got "
              + ClientText.quote(id));
    }
    return id;
  }

  static String encodeToken(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The id a token continues after, or null if the token is not one of ours. */
  static String decodeToken(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith(TOKEN_PREFIX)) {
        return null;
      }
      String id = s.substring(TOKEN_PREFIX.length());
      return ID.matcher(id).matches() ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Runs {@code work} and answers; maps the store's answers to statuses.
   *
   * @param idField the request field that names the scenario (for NOT_FOUND)
   */
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
      observer.onError(InternalErrors.report("scenario call", e));
    }
  }
}
