package chaincast.engine;

import java.util.Arrays;

/**
 * The standard normals one path draws, in the order the simulator reads them: a fixed count per
 * path, a function of the model only. Knowing what each draw means is what lets a {@link
 * NormalSource} other than plain pseudo-random numbers feed the same inner loop: quasi-Monte Carlo
 * puts its best coordinates on the draws that matter most, importance sampling tilts the common
 * factors.
 *
 * <p>The order: the drift draw (the city factor, one factor per chain slot, then each cell's own
 * factor where it has a non-zero loading), then for each {@link SpanPlan span} in which some cell
 * moves the city factor, the chain factors and the own shock of each cell read at its end (see
 * {@link SpanPlan#ownDraws}; again only where its loading is non-zero); last the priors of assumed
 * bases, the cells' then the drawn count cells'. Student-t chi-squares, events and counts are not
 * in the layout: they come from the block's auxiliary stream or from keyed sequences.
 */
final class DrawLayout {

  /** What a draw is. */
  enum Kind {
    CITY,
    CHAIN,
    /** The prior of an assumed base: a cell's ({@code item} its cell) or a count cell's. */
    PRIOR,
    COUNT_PRIOR,
    OWN
  }

  /** Normals per path. */
  final int count;

  /** Per draw: its kind. */
  final Kind[] kind;

  /** Per draw: its span, or -1 for the drift draw. */
  final int[] span;

  /** Per draw: its chain slot (CHAIN), its cell (OWN, internal order), or -1 (CITY). */
  final int[] item;

  /** Per cell: whether it draws an own shock in each span it moves in. */
  final boolean[] drawsOwn;

  /** Per cell: whether its drift draw includes an own factor. */
  final boolean[] drawsDriftOwn;

  /** Index of cell 0's prior slot; cell c's is {@code priorStart + c}. */
  final int priorStart;

  /** Index of the first count cell's prior slot: the draws a source keeps apart. */
  final int countPriorStart;

  /** Per count cell, the index of its prior's slot, or -1 (a count cell that is not drawn). */
  final int[] countPrior;

  DrawLayout(
      CellDynamics dyn,
      PosteriorTable posteriors,
      SpanPlan spans,
      EvidenceTable evidence,
      CountCells counts) {
    int n = dyn.driftMean.length;
    drawsOwn = new boolean[n];
    drawsDriftOwn = new boolean[n];
    for (int c = 0; c < n; c++) {
      drawsOwn[c] = dyn.shockOwn[c] != 0.0;
      drawsDriftOwn[c] = dyn.drawDrift && dyn.driftOwn[c] != 0.0;
    }
    for (int k = 0; k < posteriors.cells.length; k++) {
      // an estimated cell's volatility is drawn per path: it draws whenever it has an own loading
      drawsOwn[posteriors.cells[k]] = posteriors.ownLoading[k] != 0.0;
    }
    int chains = dyn.chainFactorCount;
    Kind[] kinds = new Kind[16];
    int[] spanOf = new int[16];
    int[] itemOf = new int[16];
    int d = 0;
    for (int s = -1; s < spans.count; s++) {
      boolean drift = s < 0;
      if (drift ? !dyn.drawDrift : spans.active[s] == 0) {
        continue;
      }
      boolean city = drift ? dyn.drawDriftCity : dyn.drawCity;
      boolean chain = drift ? dyn.drawDriftChain : dyn.drawChain;
      int cells = drift ? n : spans.active[s];
      int need = d + 1 + chains + cells;
      if (need > kinds.length) {
        kinds = Arrays.copyOf(kinds, Math.max(need, 2 * kinds.length));
        spanOf = Arrays.copyOf(spanOf, kinds.length);
        itemOf = Arrays.copyOf(itemOf, kinds.length);
      }
      if (city) {
        kinds[d] = Kind.CITY;
        spanOf[d] = s;
        itemOf[d++] = -1;
      }
      for (int k = 0; chain && k < chains; k++) {
        kinds[d] = Kind.CHAIN;
        spanOf[d] = s;
        itemOf[d++] = k;
      }
      int[] owners = drift ? null : spans.ownDraws[s];
      for (int j = 0; j < (drift ? cells : owners.length); j++) {
        int c = drift ? j : owners[j];
        if (drift ? drawsDriftOwn[c] : drawsOwn[c]) {
          kinds[d] = Kind.OWN;
          spanOf[d] = s;
          itemOf[d++] = c;
        }
      }
    }
    // The priors last, drawn once per path: one slot per cell, then one per drawn count cell,
    // whether or not its base has a prior in this run. A what-if that fixes one assumed base (an
    // override of a start value) then leaves every other draw where it was, so comparisons and
    // tornado steps keep their common random numbers; a cell without a prior ignores its slot.
    int priors = n + counts.drawn.length;
    kinds = Arrays.copyOf(kinds, d + priors);
    spanOf = Arrays.copyOf(spanOf, d + priors);
    itemOf = Arrays.copyOf(itemOf, d + priors);
    priorStart = d;
    for (int c = 0; c < n; c++) {
      kinds[d] = Kind.PRIOR;
      spanOf[d] = -1;
      itemOf[d++] = c;
    }
    countPriorStart = d;
    countPrior = new int[counts.count];
    Arrays.fill(countPrior, -1);
    for (int k : counts.drawn) {
      countPrior[k] = d;
      kinds[d] = Kind.COUNT_PRIOR;
      spanOf[d] = -1;
      itemOf[d++] = k;
    }
    count = d;
    kind = Arrays.copyOf(kinds, d);
    span = Arrays.copyOf(spanOf, d);
    item = Arrays.copyOf(itemOf, d);
  }

  /**
   * The draws in decreasing order of how much of a path's variance they usually carry: the city
   * factors (drift first, then span by span), the chain factors, the priors, then the own shocks.
   * Quasi-Monte Carlo gives its first, best-distributed coordinates to the draws in this order.
   */
  int[] byImportance() {
    int[] order = new int[count];
    int k = 0;
    for (Kind wanted : Kind.values()) {
      for (int d = 0; d < count; d++) {
        if (kind[d] == wanted) {
          order[k++] = d;
        }
      }
    }
    return order;
  }
}
