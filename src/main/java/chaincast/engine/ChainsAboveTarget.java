package chaincast.engine;

/**
 * Hit when the number of {@code groups} whose value in {@code year} is {@code >= level} is {@code
 * >= minCount} (or {@code > minCount} when {@code strict}). Its value distribution is that count.
 *
 * @param id target id, for messages and results
 * @param groups indices into {@link Projection#groups()}
 * @param level value a group must reach in {@code year} to count (亿元)
 * @param year calendar year the target is evaluated in
 * @param minCount groups that must reach {@code level}
 * @param strict more than {@code minCount} groups, rather than at least as many
 */
public record ChainsAboveTarget(
    String id, int[] groups, double level, int year, int minCount, boolean strict)
    implements TargetSpec {

  /** Copies {@code groups}, so the target stays immutable. */
  public ChainsAboveTarget {
    groups = groups.clone();
  }

  /** A copy of the groups counted. */
  @Override
  public int[] groups() {
    return groups.clone();
  }
}
