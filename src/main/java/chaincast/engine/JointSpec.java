package chaincast.engine;

/**
 * The probability that every listed target is hit on the same path.
 *
 * @param id joint set id, for messages and results
 * @param targets indices into {@link Projection#targets()}
 */
public record JointSpec(String id, int[] targets) {

  /** Copies {@code targets}, so the joint set stays immutable. */
  public JointSpec {
    targets = targets.clone();
  }

  /** A copy of the targets that must all be hit. */
  @Override
  public int[] targets() {
    return targets.clone();
  }
}
