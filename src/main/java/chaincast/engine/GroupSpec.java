package chaincast.engine;

/**
 * A group: on every path and year its value is the sum of its cells' values.
 *
 * @param id group id, for messages
 * @param cells indices into {@link Projection#cells()}, distinct, at least one
 */
public record GroupSpec(String id, int[] cells) {

  /** Copies {@code cells}, so the group stays immutable. */
  public GroupSpec {
    cells = cells.clone();
  }

  /** A copy of the cells summed. */
  @Override
  public int[] cells() {
    return cells.clone();
  }
}
