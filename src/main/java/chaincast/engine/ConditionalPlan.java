package chaincast.engine;

import java.util.Arrays;

/**
 * Which value targets a conditional Monte Carlo estimate is valid for, and the cell whose last own
 * shock it integrates out.
 *
 * <p>A value target reads a group's total {@code V = R + exp(A + s Z)} in its year, where {@code Z}
 * is one cell's own shock of the span ending that year, {@code s} its standard deviation on the
 * path, {@code A} the cell's log value without it and {@code R} the other cells' total. Given
 * everything but {@code Z}, the hit has probability {@code Φ((A - ln(T - R)) / s)} (1 when {@code
 * R} alone reaches the threshold {@code T}): averaging that over paths instead of the hits is
 * unbiased, never has a larger variance (Rao–Blackwell), and is a smooth function of every
 * parameter, so what-if steps no longer jitter. Given the path's Student-t scales the shock is
 * Gaussian, so it holds for Student-t shocks too; an observation of the cell in the target's year
 * leaves it Gaussian with a smaller deviation (its posterior), which the simulator reports.
 *
 * <p>It is invalid, and the target keeps plain Monte Carlo, when the group has no cell that draws
 * an own shock in that span, or when the path's weight depends on that shock: a sum observed in or
 * after the target's year that includes the cell, or the cell observed alone after it. The cell
 * chosen is the valid one with the largest expected own-shock deviation in value terms (its
 * deviation times its median value in the target's year): the more of the total's spread is
 * integrated out, the more variance goes.
 */
final class ConditionalPlan {

  /** Per target: the cell integrated out (internal order), or -1 (plain Monte Carlo). */
  final int[] cell;

  /** Whether any target has a conditional estimate. */
  final boolean any;

  ConditionalPlan(
      TargetTable targets,
      GroupTable groups,
      CellDynamics dyn,
      SpanPlan spans,
      DrawLayout layout,
      EvidenceTable evidence,
      CellOrder order) {
    cell = new int[targets.count];
    Arrays.fill(cell, -1);
    boolean found = false;
    for (int t = 0; t < targets.count; t++) {
      if (!targets.isValue[t]) {
        continue;
      }
      int y = targets.yearIndex[t];
      int active = activeInSpanEnding(spans, y);
      int g = targets.group[t];
      double best = 0.0;
      for (int k = groups.start[g]; k < groups.start[g + 1]; k++) {
        int c = groups.cells[k];
        if (c >= active || !layout.drawsOwn[c] || weighsOwnShock(evidence, c, y)) {
          continue;
        }
        double years = y - order.baseIndex[c];
        // the seeded own deviation (an estimated cell's varies by path: any positive size will do)
        double sd = Math.max(dyn.shockOwn[c], Double.MIN_VALUE);
        double size = sd * dyn.baseValue[c] * Math.exp(dyn.driftMean[c] * years);
        if (size > best || cell[t] < 0) {
          best = size;
          cell[t] = c;
        }
      }
      found |= cell[t] >= 0;
    }
    any = found;
  }

  /** The cells that move in the span ending at year index {@code y} (0 if none ends there). */
  private static int activeInSpanEnding(SpanPlan spans, int y) {
    for (int s = 0; s < spans.count; s++) {
      if (spans.to[s] == y) {
        return spans.active[s];
      }
    }
    return 0;
  }

  /** Whether some observation in or after year index {@code y} weighs a path by c's value. */
  private static boolean weighsOwnShock(EvidenceTable evidence, int c, int y) {
    for (int year = y; year < evidence.any.length; year++) {
      if (year > y) {
        for (int d : evidence.directCells[year]) {
          if (d == c) {
            return true;
          }
        }
      }
      for (int[] sum : evidence.groupCells[year]) {
        for (int d : sum) {
          if (d == c) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
