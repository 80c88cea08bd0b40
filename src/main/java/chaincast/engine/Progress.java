package chaincast.engine;

import java.util.List;

/**
 * State of a run after a batch.
 *
 * @param pathsDone     paths simulated so far
 * @param pathsPlanned  paths planned, or the cap of a precision run
 * @param targets       running estimate per target, in projection order
 * @param maxHalfWidth  widest 95% half-width among targets and joint sets
 * @param elapsedNanos  time since the run started
 */
public record Progress(
    long pathsDone,
    long pathsPlanned,
    List<BinomialEstimate> targets,
    double maxHalfWidth,
    long elapsedNanos) {

  public Progress {
    targets = List.copyOf(targets);
  }
}
