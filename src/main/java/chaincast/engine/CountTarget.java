package chaincast.engine;

/**
 * Hit when the sum of {@code countCells}' counts in {@code year} is {@code >= threshold}, or
 * {@code > threshold} when {@code strict}. Its value distribution is that sum.
 *
 * @param countCells indices into {@link Projection#countCells()}, distinct, at least one
 */
public record CountTarget(String id, int[] countCells, int year, double threshold, boolean strict)
    implements TargetSpec {

  public CountTarget {
    countCells = countCells.clone();
  }

  @Override
  public int[] countCells() {
    return countCells.clone();
  }
}
