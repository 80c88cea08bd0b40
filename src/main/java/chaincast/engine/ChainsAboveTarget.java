package chaincast.engine;

/**
 * Hit when the number of {@code groups} whose value in {@code year} is
 * {@code >= level} is {@code >= minCount} (or {@code > minCount} when
 * {@code strict}). Its value distribution is that count.
 *
 * @param groups indices into {@link Projection#groups()}
 */
public record ChainsAboveTarget(
    String id, int[] groups, double level, int year, int minCount, boolean strict)
    implements TargetSpec {

  public ChainsAboveTarget {
    groups = groups.clone();
  }

  @Override
  public int[] groups() {
    return groups.clone();
  }
}
