package chaincast.engine;

/**
 * The probability that every listed target is hit on the same path.
 *
 * @param targets indices into {@link Projection#targets()}
 */
public record JointSpec(String id, int[] targets) {

  public JointSpec {
    targets = targets.clone();
  }

  @Override
  public int[] targets() {
    return targets.clone();
  }
}
