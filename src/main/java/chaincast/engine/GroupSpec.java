package chaincast.engine;

/**
 * A group: on every path and year its value is the sum of its cells' values.
 *
 * @param id    group id, for messages
 * @param cells indices into {@link Projection#cells()}, distinct, at least one
 */
public record GroupSpec(String id, int[] cells) {

  public GroupSpec {
    cells = cells.clone();
  }

  @Override
  public int[] cells() {
    return cells.clone();
  }
}
