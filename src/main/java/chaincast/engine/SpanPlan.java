package chaincast.engine;

import java.util.ArrayList;
import java.util.BitSet;
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

  /**
   * Per span: the cells (ascending) whose own shocks since their last draw are drawn, as one
   * normal, at its end: those read in its last year (recorded, or in an observation). A cell's own
   * shocks are independent of everything else, so between two of its reads they add up to one
   * normal whatever the other cells do; the common factors still move it every span. A fan of one
   * chain thus costs yearly draws for that chain's cells only.
   */
  final int[][] ownDraws;

  /**
   * Per span and draw (as {@link #ownDraws}): the square root of the years the draw covers (its
   * deviation per unit of yearly deviation, with normal shocks).
   */
  final double[][] ownScale;

  private SpanPlan(List<int[]> spans, int[][] ownDraws, double[][] ownScale) {
    count = spans.size();
    from = new int[count];
    to = new int[count];
    active = new int[count];
    for (int s = 0; s < count; s++) {
      from[s] = spans.get(s)[0];
      to[s] = spans.get(s)[1];
      active[s] = spans.get(s)[2];
    }
    this.ownDraws = ownDraws;
    this.ownScale = ownScale;
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
    int[][] draws = new int[spans.size()][];
    double[][] scale = new double[spans.size()][];
    int[] lastDrawn = order.baseIndex.clone(); // the year each cell's own shocks are drawn up to
    for (int s = 0; s < spans.size(); s++) {
      int y = spans.get(s)[1];
      BitSet read = readIn(y, recording, evidence);
      int active = spans.get(s)[2];
      draws[s] = read.stream().filter(c -> c < active).toArray();
      scale[s] = new double[draws[s].length];
      for (int j = 0; j < draws[s].length; j++) {
        int c = draws[s][j];
        scale[s][j] = Math.sqrt(y - Math.max(lastDrawn[c], 0));
        lastDrawn[c] = y;
      }
    }
    return new SpanPlan(spans, draws, scale);
  }

  /** The cells read in year index {@code y}: recorded, or in an observation of that year. */
  private static BitSet readIn(int y, RecordingPlan recording, EvidenceTable evidence) {
    BitSet read = new BitSet();
    for (int c : recording.cells[y]) {
      read.set(c);
    }
    for (int c : evidence.directCells[y]) {
      read.set(c);
    }
    for (int[] sum : evidence.groupCells[y]) {
      for (int c : sum) {
        read.set(c);
      }
    }
    return read;
  }

  /** Years in span {@code s}. */
  int length(int s) {
    return to[s] - from[s];
  }
}
