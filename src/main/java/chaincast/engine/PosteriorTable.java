package chaincast.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The section of a compiled model for cells whose drift and volatility are estimated ({@link
 * ParameterPosterior}): which cells, their posteriors, and the keys of their draws. Each path draws
 * {@code σ² = scale / Gamma(shape)} and {@code μ = mean + sqrt(σ² / kappa) z} per estimated cell
 * from the cell's own keyed sequence, so estimating one cell moves no other cell's draws.
 */
final class PosteriorTable {

  /** The estimated cells, internal indices. */
  final int[] cells;

  /** Per estimated cell (in {@link #cells} order): the posterior. */
  final ParameterPosterior[] posterior;

  /**
   * Per estimated cell: its own-factor loading, so that its own shock is {@code σ * ownLoading}.
   */
  final double[] ownLoading;

  /** Per estimated cell: the key of its draws. */
  final long[] key;

  PosteriorTable(List<CellSpec> specs, CellOrder order, CellDynamics dynamics) {
    List<Integer> estimated = new ArrayList<>();
    for (int i = 0; i < order.count; i++) {
      if (order.spec(specs, i).posterior() != null) {
        estimated.add(i);
      }
    }
    cells = estimated.stream().mapToInt(Integer::intValue).toArray();
    posterior = new ParameterPosterior[cells.length];
    ownLoading = new double[cells.length];
    key = new long[cells.length];
    for (int k = 0; k < cells.length; k++) {
      CellSpec c = order.spec(specs, cells[k]);
      posterior[k] = c.posterior();
      ownLoading[k] = dynamics.ownLoading[cells[k]];
      key[k] = KeyedStreams.keyOf("posterior/" + c.id());
    }
  }
}
