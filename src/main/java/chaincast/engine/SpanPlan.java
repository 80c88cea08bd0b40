package chaincast.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The spans of years a path is stepped in: one step per span rather than one per year.
 *
 * <p>Why: within a span nothing is read (no target, fan, observation or recording) and the same
 * cells move every year, so the span's yearly steps add up, exactly, to one Gaussian step. In log
 * space a cell moves {@code mu + vol * (c Zcity + h Zchain) + own * Zown} a year; over {@code L}
 * years with Student-t scales {@code s_1..s_L} (1 for normal shocks) each factor's sum {@code Σ s_i
 * Z_i} is, given the scales, one normal with variance {@code S = Σ s_i²}, and the factors stay
 * independent. So a span costs one normal per factor and cell, however long it is: the seeded
 * model, read in 2021 (an observation) and 2025 (the targets), takes 2 steps a path instead of 5.
 * Events and macro shocks of the span's years add in log space and so are applied at its end;
 * nothing between ends is ever seen. The paths are exact in law at every end; which years are ends
 * is a function of the projection only (never of the seed or the thread count).
 */
final class SpanPlan {

  /** Number of spans. */
  final int count;

  /** Per span: its first year index (exclusive: the year its cells last stood at). */
  final int[] from;

  /** Per span: its last year index, the year at whose end it is read. */
  final int[] to;

  /** Per span: the cells that move in it (a prefix of the internal order). */
  final int[] active;

  private SpanPlan(List<int[]> spans) {
    count = spans.size();
    from = new int[count];
    to = new int[count];
    active = new int[count];
    for (int s = 0; s < count; s++) {
      from[s] = spans.get(s)[0];
      to[s] = spans.get(s)[1];
      active[s] = spans.get(s)[2];
    }
  }

  /**
   * The spans of a model: a span ends at every year something reads (a recorded year, an
   * observation's year) and before every year in which the set of moving cells grows; years after
   * the last read are not simulated.
   */
  static SpanPlan of(CellOrder order, RecordingPlan recording, EvidenceTable evidence, int years) {
    int last = 0;
    for (int y = 1; y < years; y++) {
      if (recording.recorded[y] || evidence.any[y]) {
        last = y;
      }
    }
    List<int[]> spans = new ArrayList<>();
    int start = 0;
    for (int y = 1; y <= last; y++) {
      boolean read = recording.recorded[y] || evidence.any[y];
      boolean moversChange = y < last && order.activeCount[y + 1] != order.activeCount[y];
      if (read || moversChange || y == last) {
        spans.add(new int[] {start, y, order.activeCount[y]});
        start = y;
      }
    }
    return new SpanPlan(spans);
  }

  /** Years in span {@code s}. */
  int length(int s) {
    return to[s] - from[s];
  }
}
