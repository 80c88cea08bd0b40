package chaincast.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs two projections on common random numbers: block {@code b} of each side draws from the same
 * stream {@code forBlock(seed, b)} (and the same keyed sequences for events and counts), so path
 * {@code i} of A and path {@code i} of B differ only by what the projections differ in. Per path it
 * records whether each target was hit on each side; counts of disagreement give the paired error of
 * the difference, which is far smaller than two independent runs' when the sides are alike.
 *
 * <p>When observations weight the paths, each side's paths carry their own weights (the same
 * observation weighs a path differently when a scenario moved it), and the difference and its
 * paired error come from the weighted sums by the delta method (see {@link
 * ComparisonResult.WeightedPair}).
 *
 * <p>The two projections must have the same targets in the same order (the planner simulates every
 * cell of the model in model order for both, so their draws line up). Reproducible whatever the
 * thread count: the blocks' sums are folded in block order (integer-valued when unweighted).
 */
final class PairedRun {
  private final BlockScheduler scheduler;
  private final LongAdder pathsSimulated;

  /**
   * @param scheduler runs the blocks
   * @param pathsSimulated the engine's total, which each paired path adds two to (one per side)
   */
  PairedRun(BlockScheduler scheduler, LongAdder pathsSimulated) {
    this.scheduler = scheduler;
    this.pathsSimulated = pathsSimulated;
  }

  ComparisonResult run(
      Projection a, Projection b, long paths, long seed, CancellationSignal cancel) {
    long started = System.nanoTime();
    // One set of count laws for both sides: a count cell a scenario leaves alone has the same law.
    CountTables tables = new CountTables();
    CompiledModel ma = CompiledModel.compile(a, false, tables);
    CompiledModel mb = CompiledModel.compile(b, false, tables);
    requireSameTargets(a, b, ma.targets.count, mb.targets.count);
    if (paths < 1) {
      throw new IllegalArgumentException("paths must be >= 1, got " + paths);
    }
    int targets = ma.targets.count;
    PathWeights wa = PathWeights.forRun(ma, seed);
    PathWeights wb = PathWeights.forRun(mb, seed);
    Pair[] slots = new Pair[scheduler.parallelism()];
    double[] total = new double[PER_TARGET * targets + TAIL];
    scheduler.run(
        new BlockRange(0, BlockRange.blocksFor(paths), paths),
        (slot, block, n) -> {
          if (slots[slot] == null) {
            slots[slot] =
                new Pair(ma, mb, wa, wb); // allocated on the worker's thread, as the tallies
          }
          double[] counts = slots[slot].compare(seed, block, n);
          pathsSimulated.add(2L * n);
          return counts;
        },
        (block, sums) -> {
          for (int i = 0; i < total.length; i++) {
            total[i] += sums[i];
          }
        },
        cancel);
    boolean weighted = wa.weighted || wb.weighted;
    List<ComparisonResult.TargetPair> pairs = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      pairs.add(pair(total, t, paths, weighted));
    }
    return new ComparisonResult(paths, pairs, System.nanoTime() - started);
  }

  /**
   * Per target in a block's sums: hits A, hits B, only A, only B (path counts), then with the
   * relative weights {@code a}, {@code b} of the two sides and hit flags {@code ha}, {@code hb}:
   * {@code Σ a ha, Σ b hb, Σ a² ha, Σ b² hb, Σ a b ha hb, Σ a b ha, Σ a b hb}.
   */
  static final int PER_TARGET = 11;

  /** After the targets: {@code Σ a, Σ b, Σ a², Σ b², Σ a b}. */
  static final int TAIL = 5;

  private static ComparisonResult.TargetPair pair(
      double[] total, int t, long paths, boolean weighted) {
    int i = PER_TARGET * t;
    long hitsA = (long) total[i];
    long hitsB = (long) total[i + 1];
    long onlyA = (long) total[i + 2];
    long onlyB = (long) total[i + 3];
    if (!weighted) {
      return new ComparisonResult.TargetPair(hitsA, hitsB, onlyA, onlyB, paths, null);
    }
    int tail = total.length - TAIL;
    double sa = total[tail];
    double sb = total[tail + 1];
    BinomialEstimate a =
        BinomialEstimate.weighted(hitsA, paths, total[i + 4], total[i + 6], sa, total[tail + 2]);
    BinomialEstimate b =
        BinomialEstimate.weighted(hitsB, paths, total[i + 5], total[i + 7], sb, total[tail + 3]);
    double pa = a.estimate();
    double pb = b.estimate();
    // Σ a b (ha - pa)(hb - pb), expanded into the sums kept.
    double cross =
        total[i + 8] - pb * total[i + 9] - pa * total[i + 10] + pa * pb * total[tail + 4];
    double covariance = cross / (sa * sb);
    return new ComparisonResult.TargetPair(
        hitsA, hitsB, onlyA, onlyB, paths, new ComparisonResult.WeightedPair(a, b, covariance));
  }

  private static void requireSameTargets(Projection a, Projection b, int countA, int countB) {
    if (countA != countB) {
      throw new IllegalArgumentException(
          "the two projections have "
              + countA
              + " and "
              + countB
              + " targets; they must have the same");
    }
    for (int t = 0; t < countA; t++) {
      String ia = a.targets().get(t).id();
      String ib = b.targets().get(t).id();
      if (!ia.equals(ib)) {
        throw new IllegalArgumentException(
            "target " + t + " is '" + ia + "' in one projection and '" + ib + "' in the other");
      }
    }
  }

  /** One worker slot's state: a simulator and a tally per side, and side A's flags and weights. */
  private static final class Pair {
    private final int targets;
    private final PathSimulator sa;
    private final PathSimulator sb;
    private final Tally ta;
    private final Tally tb;
    private final PathWeights wa;
    private final PathWeights wb;
    private final boolean[] flagsA;
    private final double[] weightA;

    Pair(CompiledModel ma, CompiledModel mb, PathWeights wa, PathWeights wb) {
      targets = ma.targets.count;
      sa = new PathSimulator(ma);
      sb = new PathSimulator(mb);
      this.wa = wa;
      this.wb = wb;
      // Hits only: a comparison reads nothing else, and a fan's histograms per side and thread
      // would be most of its memory.
      ta = new Tally(ma, false, wa);
      tb = new Tally(mb, false, wb);
      flagsA = new boolean[MonteCarloEngine.BLOCK_SIZE * targets];
      weightA = new double[MonteCarloEngine.BLOCK_SIZE];
    }

    /** One block on both sides: its sums, laid out as {@link #PER_TARGET} and {@link #TAIL} say. */
    double[] compare(long seed, long block, int paths) {
      double[] sums = new double[PER_TARGET * targets + TAIL];
      sa.simulateBlock(seed, block, paths, recorder(ta, wa, flagsA, weightA, targets));
      sb.simulateBlock(seed, block, paths, comparer(tb, wb, flagsA, weightA, targets, sums));
      return sums;
    }
  }

  /**
   * A's sink: tallies as usual and keeps each path's hit flags and weight for B to compare with.
   */
  private static PathSink recorder(
      Tally tally, PathWeights weights, boolean[] flags, double[] weight, int targets) {
    return new PathSink() {
      int path;
      double logWeight;

      @Override
      public void onLogState(double[] logValue, double[] ownTerm, double[] ownSd) {
        tally.onLogState(logValue, ownTerm, ownSd);
      }

      @Override
      public void onCounts(int[] counts) {
        tally.onCounts(counts);
      }

      @Override
      public void onYear(int y, double[] cells, double[] groups) {
        tally.onYear(y, cells, groups);
      }

      @Override
      public void onWeight(double lw) {
        logWeight = lw;
        tally.onWeight(lw);
      }

      @Override
      public void onPathEnd() {
        System.arraycopy(tally.hitNow, 0, flags, path * targets, targets);
        weight[path] = weights.relative(logWeight);
        logWeight = 0.0;
        path++;
        tally.onPathEnd();
      }
    };
  }

  /** B's sink: compares each path's hit flags and weight with A's on the same path. */
  private static PathSink comparer(
      Tally tally,
      PathWeights weights,
      boolean[] flagsA,
      double[] weightA,
      int targets,
      double[] sums) {
    return new PathSink() {
      int path;
      double logWeight;

      @Override
      public void onLogState(double[] logValue, double[] ownTerm, double[] ownSd) {
        tally.onLogState(logValue, ownTerm, ownSd);
      }

      @Override
      public void onCounts(int[] c) {
        tally.onCounts(c);
      }

      @Override
      public void onYear(int y, double[] cells, double[] groups) {
        tally.onYear(y, cells, groups);
      }

      @Override
      public void onWeight(double lw) {
        logWeight = lw;
        tally.onWeight(lw);
      }

      @Override
      public void onPathEnd() {
        boolean[] hitB = tally.hitNow;
        int base = path * targets;
        double wa = weightA[path];
        double wb = weights.relative(logWeight);
        double wab = wa * wb;
        for (int t = 0; t < targets; t++) {
          boolean a = flagsA[base + t];
          boolean b = hitB[t];
          int i = PER_TARGET * t;
          sums[i] += a ? 1 : 0;
          sums[i + 1] += b ? 1 : 0;
          sums[i + 2] += a && !b ? 1 : 0;
          sums[i + 3] += b && !a ? 1 : 0;
          sums[i + 4] += a ? wa : 0.0;
          sums[i + 5] += b ? wb : 0.0;
          sums[i + 6] += a ? wa * wa : 0.0;
          sums[i + 7] += b ? wb * wb : 0.0;
          sums[i + 8] += a && b ? wab : 0.0;
          sums[i + 9] += a ? wab : 0.0;
          sums[i + 10] += b ? wab : 0.0;
        }
        int tail = sums.length - TAIL;
        sums[tail] += wa;
        sums[tail + 1] += wb;
        sums[tail + 2] += wa * wa;
        sums[tail + 3] += wb * wb;
        sums[tail + 4] += wab;
        logWeight = 0.0;
        path++;
        tally.onPathEnd();
      }
    };
  }
}
