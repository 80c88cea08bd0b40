package chaincast.engine;

/**
 * Hit when the sum of {@code countCells}' counts in {@code year} is {@code >= threshold}, or {@code
 * > threshold} when {@code strict}. Its value distribution is that sum.
 *
 * @param id target id, for messages and results
 * @param countCells indices into {@link Projection#countCells()}, distinct, at least one
 * @param year calendar year the counts are read in
 * @param threshold the count the sum must reach
 * @param strict above {@code threshold} rather than at least it
 */
public record CountTarget(String id, int[] countCells, int year, double threshold, boolean strict)
    implements TargetSpec {

  /** Copies {@code countCells}, so the target stays immutable. */
  public CountTarget {
    countCells = countCells.clone();
  }

  /** A copy of the count cells summed. */
  @Override
  public int[] countCells() {
    return countCells.clone();
  }
}
