package chaincast.engine;

import java.util.List;

/**
 * State of a run after a round of blocks (the engine's; the API's {@code chaincast.v1.Progress} is
 * built from it).
 *
 * @param pathsDone paths simulated so far
 * @param pathsPlanned paths planned, or the cap of a precision run
 * @param targets running estimate per target, in projection order
 * @param maxHalfWidth widest 95% half-width among targets and joint sets
 * @param elapsedNanos time since the run started
 */
public record RunProgress(
    long pathsDone,
    long pathsPlanned,
    List<BinomialEstimate> targets,
    double maxHalfWidth,
    long elapsedNanos) {

  /** Copies {@code targets}, so the record stays immutable. */
  public RunProgress {
    targets = List.copyOf(targets);
  }
}
