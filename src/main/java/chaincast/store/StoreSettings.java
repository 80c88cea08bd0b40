package chaincast.store;

import java.time.Duration;

/**
 * Bounds and housekeeping of the scenario store. Every bound is reported to the client that hits
 * it, with the option that raises it.
 *
 * @param maxScenarioBytes most bytes one scenario may take encoded (the API refuses larger ones
 *     with INVALID_ARGUMENT)
 * @param maxScenariosPerClient most scenarios one client may own (a scenario belongs to the client
 *     that wrote it last)
 * @param maxBytesPerClient most encoded bytes one client's scenarios may take together
 * @param maxPageBytes most encoded bytes of scenarios one ListScenarios page holds (and so the
 *     server holds in memory for it); below gRPC's default 4 MiB message limit so that default
 *     clients can read every page
 * @param compactAboveBytes the database file is compacted when it grows above this size and four
 *     times its size after the last compaction
 * @param reopenInitialDelay first wait before reopening a store that failed
 * @param reopenMaxDelay longest wait between attempts to reopen it (the wait doubles)
 * @param location where the store lives: H2 in the data directory, or a PostgreSQL database
 */
public record StoreSettings(
    int maxScenarioBytes,
    long maxScenariosPerClient,
    long maxBytesPerClient,
    long maxPageBytes,
    long compactAboveBytes,
    Duration reopenInitialDelay,
    Duration reopenMaxDelay,
    StoreLocation location) {

  /** 256 KiB: a scenario of 500 overrides with long sources and citations fits several times. */
  public static final int DEFAULT_MAX_SCENARIO_BYTES = 256 * 1024;

  public StoreSettings {
    if (location == null) {
      throw new IllegalArgumentException(
          "location must be given (StoreLocation.H2 for the default)");
    }
    positive("maxScenarioBytes", maxScenarioBytes);
    positive("maxScenariosPerClient", maxScenariosPerClient);
    positive("maxBytesPerClient", maxBytesPerClient);
    positive("maxPageBytes", maxPageBytes);
    positive("compactAboveBytes", compactAboveBytes);
    if (reopenInitialDelay.isNegative()
        || reopenInitialDelay.isZero()
        || reopenMaxDelay.compareTo(reopenInitialDelay) < 0) {
      throw new IllegalArgumentException(
          "reopen delays must be positive, the longest at least the first: "
              + reopenInitialDelay
              + ", "
              + reopenMaxDelay);
    }
  }

  /**
   * The defaults: 256 KiB a scenario, 1,000 scenarios and 64 MiB a client, 2 MiB a page, compaction
   * above 16 MiB, reopening after 250 ms doubling up to 30 s.
   */
  public static StoreSettings defaults() {
    return new StoreSettings(
        DEFAULT_MAX_SCENARIO_BYTES,
        1_000,
        64L * 1024 * 1024,
        2L * 1024 * 1024,
        16L * 1024 * 1024,
        Duration.ofMillis(250),
        Duration.ofSeconds(30),
        StoreLocation.H2);
  }

  /** The quota every client gets. */
  public ScenarioStore.Quota quota() {
    return new ScenarioStore.Quota(maxScenariosPerClient, maxBytesPerClient);
  }

  /** These settings with another bound on one scenario's encoded size. */
  public StoreSettings withMaxScenarioBytes(int bytes) {
    return new StoreSettings(
        bytes,
        maxScenariosPerClient,
        maxBytesPerClient,
        maxPageBytes,
        compactAboveBytes,
        reopenInitialDelay,
        reopenMaxDelay,
        location);
  }

  /** These settings with another per-client quota (scenarios, bytes). */
  public StoreSettings withQuota(long scenarios, long bytes) {
    return new StoreSettings(
        maxScenarioBytes,
        scenarios,
        bytes,
        maxPageBytes,
        compactAboveBytes,
        reopenInitialDelay,
        reopenMaxDelay,
        location);
  }

  /** These settings with another byte budget per ListScenarios page. */
  public StoreSettings withMaxPageBytes(long bytes) {
    return new StoreSettings(
        maxScenarioBytes,
        maxScenariosPerClient,
        maxBytesPerClient,
        bytes,
        compactAboveBytes,
        reopenInitialDelay,
        reopenMaxDelay,
        location);
  }

  /** These settings with another file size above which the database is compacted. */
  public StoreSettings withCompactAboveBytes(long bytes) {
    return new StoreSettings(
        maxScenarioBytes,
        maxScenariosPerClient,
        maxBytesPerClient,
        maxPageBytes,
        bytes,
        reopenInitialDelay,
        reopenMaxDelay,
        location);
  }

  /** These settings with other waits between attempts to reopen a failed store. */
  public StoreSettings withReopenDelays(Duration initial, Duration max) {
    return new StoreSettings(
        maxScenarioBytes,
        maxScenariosPerClient,
        maxBytesPerClient,
        maxPageBytes,
        compactAboveBytes,
        initial,
        max,
        location);
  }

  /** These settings with the store in another place (H2 in the data directory, or PostgreSQL). */
  public StoreSettings withLocation(StoreLocation where) {
    return new StoreSettings(
        maxScenarioBytes,
        maxScenariosPerClient,
        maxBytesPerClient,
        maxPageBytes,
        compactAboveBytes,
        reopenInitialDelay,
        reopenMaxDelay,
        where);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
