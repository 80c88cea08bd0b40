package chaincast.store;

import chaincast.v1.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * Where stored scenarios live: create, read, list, update and delete with etags, and per-client
 * quotas checked in the same transaction as the write they limit.
 *
 * <p>The contract every implementation keeps (and {@code KilledServerTest} and {@code
 * chaincast.soak.CrashSoak} check against a real server process killed with SIGKILL):
 *
 * <ul>
 *   <li>a write that returned is on disk: it survives the process being killed at any moment after
 *       it returns;
 *   <li>a write that did not return is either wholly there or wholly absent;
 *   <li>versions never repeat, across restarts and crashes (and across the processes sharing a
 *       store), so an etag names one write forever;
 *   <li>a refused write ({@link ScenarioStoreException}, {@link DatasetStoreException}, {@link
 *       QuotaExceededException}) changes nothing.
 * </ul>
 *
 * <p>{@link H2ScenarioStore} is the embedded implementation (the default), {@link
 * PostgresScenarioStore} the one several server processes share ({@code serve --store
 * postgresql://...}, see {@link StoreLocation}); {@link ResilientScenarioStore} wraps either and
 * reopens it when it becomes unusable. {@code ScenarioStoreContractTest} runs the same tests on
 * both.
 */
public interface ScenarioStore extends DatasetStore, SweepStore, AutoCloseable {
  /** A stored scenario: its content (with etag and times filled in), its version and its owner. */
  record Stored(Scenario scenario, long version, String owner) {}

  /**
   * One page of a listing.
   *
   * @param scenarios the scenarios, in id order
   * @param lastId the id of the last one (the next page starts after it)
   * @param more whether scenarios follow this page
   */
  record Page(List<Stored> scenarios, String lastId, boolean more) {}

  /**
   * What one client's stored scenarios take.
   *
   * @param scenarios how many scenarios and datasets it owns
   * @param bytes their encoded size in bytes
   */
  record Usage(long scenarios, long bytes) {}

  /**
   * What one client may store.
   *
   * @param maxScenarios most scenarios and datasets it may own together
   * @param maxBytes most bytes (encoded) its scenarios and datasets may take together
   */
  record Quota(long maxScenarios, long maxBytes) {
    /** No limit: for tools and tests that write outside any client's quota. */
    public static final Quota NONE = new Quota(Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * Stores a new scenario owned by {@code owner} (id, name, description and overrides; etag and
   * times are set here).
   *
   * @throws ScenarioStoreException ALREADY_EXISTS
   * @throws DatasetStoreException UNKNOWN_REFERENCE if it names a dataset that does not exist
   * @throws QuotaExceededException if the owner would go over {@code quota}
   */
  Stored create(Scenario scenario, String owner, Quota quota);

  /** The scenario with {@code id}, if any. */
  Optional<Stored> get(String id);

  /**
   * Up to {@code pageSize} scenarios with ids after {@code afterId} ("" for the start), in id
   * order, whose encoded sizes add up to at most {@code maxBytes} (a page holds at least one
   * scenario, whatever its size, so that paging always moves on).
   */
  Page list(int pageSize, String afterId, long maxBytes);

  /**
   * Replaces the scenario's content if its version is still {@code expectedVersion}; the scenario
   * then belongs to {@code owner} (the client that wrote it last), within {@code quota}.
   *
   * @throws ScenarioStoreException NOT_FOUND or STALE_ETAG
   * @throws DatasetStoreException UNKNOWN_REFERENCE if it names a dataset that does not exist
   * @throws QuotaExceededException if the owner would go over {@code quota}
   */
  Stored update(Scenario scenario, long expectedVersion, String owner, Quota quota);

  /**
   * Deletes the scenario; with {@code expectedVersion >= 0} only if it still has that version.
   *
   * @throws ScenarioStoreException NOT_FOUND or STALE_ETAG
   */
  void delete(String id, long expectedVersion);

  /** What {@code owner}'s scenarios take now. */
  Usage usage(String owner);

  /**
   * Whether the store can serve calls now (a cheap probe, e.g. the connection answers). {@link
   * ResilientScenarioStore} asks after a failure, to tell a failed call from a failed store.
   */
  boolean isUsable();

  /** Closes the store (what was acknowledged is on disk whether or not this is called). */
  @Override
  void close();

  /** The etag the API shows for a version. */
  static String etagOf(long version) {
    return "v" + version;
  }

  /** The version an etag names, or -1 if it names none. */
  static long versionOf(String etag) {
    if (etag == null || !etag.matches("v[0-9]{1,18}")) {
      return -1;
    }
    return Long.parseLong(etag.substring(1));
  }
}
