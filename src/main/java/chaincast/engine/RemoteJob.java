package chaincast.engine;

import java.util.Objects;

/**
 * Everything another machine needs to simulate blocks of one engine run exactly as this machine
 * would: where the projection comes from, the run's seed, its normals and its path weights.
 *
 * @param origin the request the projection is planned from, and the target a pass keeps
 * @param seed the run's seed (a randomisation's own seed in a quasi-random run)
 * @param source the run's normals
 * @param weighted whether the run's paths carry weights
 * @param weightOffset the log weight that counts as relative weight 1 (0 when unweighted)
 * @param pathLimit paths in the whole run (its last block may be partial)
 */
public record RemoteJob(
    RemoteOrigin origin,
    long seed,
    NormalSourceSpec source,
    boolean weighted,
    double weightOffset,
    long pathLimit) {

  /** Checks the parts. */
  public RemoteJob {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(source, "source");
    if (pathLimit < 1 || pathLimit > MonteCarloEngine.MAX_RUN_PATHS) {
      throw new IllegalArgumentException("pathLimit out of range: " + pathLimit);
    }
  }

  /** The run's path weights. */
  PathWeights weights() {
    return weighted ? PathWeights.relativeTo(weightOffset) : PathWeights.UNIFORM;
  }
}
