package chaincast.run;

import java.util.List;

/**
 * What one request may ask for. Each bound keeps a single request from taking the server's memory
 * or cores for minutes; every violation is reported to the caller with the bound.
 *
 * @param maxPaths most paths in one run (fixed or precision cap)
 * @param maxHorizonYear latest horizon year
 * @param maxFans most fans in one request
 * @param maxPercentiles most percentiles in one request
 * @param maxOverrides most cell overrides in one request
 * @param maxJointSets most joint sets in one request
 * @param maxTargets most targets in one request
 * @param maxConcurrentRuns simulations running at once (the CPU limit of admission); more wait in
 *     the admission queue, see {@code chaincast.admission}
 */
public record Limits(
    long maxPaths,
    int maxHorizonYear,
    int maxFans,
    int maxPercentiles,
    int maxOverrides,
    int maxJointSets,
    int maxTargets,
    int maxConcurrentRuns) {

  /** Paths when a request gives neither paths nor precision. */
  public static final long DEFAULT_PATHS = 100_000;

  /** Horizon when a request gives none. */
  public static final int DEFAULT_HORIZON_YEAR = 2025;

  /** Percentiles when a request gives none (an unmodifiable list: no caller can change it). */
  public static final List<Double> DEFAULT_PERCENTILES = List.of(5.0, 25.0, 50.0, 75.0, 95.0);

  /**
   * The server's defaults: 50 M paths is about a minute of both cores.
   *
   * @return the limits a server has unless configured otherwise
   */
  public static Limits defaults() {
    return new Limits(50_000_000L, 2035, 50, 20, 500, 50, 500, 4);
  }
}
