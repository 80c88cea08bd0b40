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
 * <p>The two projections must have the same targets in the same order (the planner simulates every
 * cell of the model in model order for both, so their draws line up). Reproducible whatever the
 * thread count: every result is an integer count.
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
    Pair[] slots = new Pair[scheduler.parallelism()];
    long[] total = new long[4 * targets];
    scheduler.run(
        new BlockRange(0, BlockRange.blocksFor(paths), paths),
        (slot, block, n) -> {
          if (slots[slot] == null) {
            slots[slot] =
                new Pair(ma, mb); // allocated on the worker's thread, as the engine's tallies
          }
          long[] counts = slots[slot].compare(seed, block, n);
          pathsSimulated.add(2L * n);
          return counts;
        },
        (block, counts) -> {
          for (int i = 0; i < total.length; i++) {
            total[i] += counts[i];
          }
        },
        cancel);
    List<ComparisonResult.TargetPair> pairs = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      pairs.add(
          new ComparisonResult.TargetPair(
              total[4 * t], total[4 * t + 1], total[4 * t + 2], total[4 * t + 3], paths));
    }
    return new ComparisonResult(paths, pairs, System.nanoTime() - started);
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

  /** One worker slot's state: a simulator and a tally per side, and side A's hit flags. */
  private static final class Pair {
    private final int targets;
    private final PathSimulator sa;
    private final PathSimulator sb;
    private final Tally ta;
    private final Tally tb;
    private final boolean[] flagsA;

    Pair(CompiledModel ma, CompiledModel mb) {
      targets = ma.targets.count;
      sa = new PathSimulator(ma);
      sb = new PathSimulator(mb);
      // Hits only: a comparison reads nothing else, and a fan's histograms per side and thread
      // would be most of its memory.
      ta = new Tally(ma, false);
      tb = new Tally(mb, false);
      flagsA = new boolean[MonteCarloEngine.BLOCK_SIZE * targets];
    }

    /**
     * One block on both sides: {@code [4t]} hits A, {@code [4t+1]} hits B, {@code [4t+2]} only A,
     * {@code [4t+3]} only B.
     */
    long[] compare(long seed, long block, int paths) {
      long[] counts = new long[4 * targets];
      sa.simulateBlock(seed, block, paths, recorder(ta, flagsA, targets));
      sb.simulateBlock(seed, block, paths, comparer(tb, flagsA, targets, counts));
      return counts;
    }
  }

  /** A's sink: tallies as usual and keeps each path's hit flags for B to compare with. */
  private static PathSink recorder(Tally tally, boolean[] flags, int targets) {
    return new PathSink() {
      int path;

      @Override
      public void onCounts(int[] counts) {
        tally.onCounts(counts);
      }

      @Override
      public void onYear(int y, double[] cells, double[] groups) {
        tally.onYear(y, cells, groups);
      }

      @Override
      public void onPathEnd() {
        System.arraycopy(tally.hitNow, 0, flags, path * targets, targets);
        path++;
        tally.onPathEnd();
      }
    };
  }

  /** B's sink: compares each path's hit flags with A's on the same path. */
  private static PathSink comparer(Tally tally, boolean[] flagsA, int targets, long[] counts) {
    return new PathSink() {
      int path;

      @Override
      public void onCounts(int[] c) {
        tally.onCounts(c);
      }

      @Override
      public void onYear(int y, double[] cells, double[] groups) {
        tally.onYear(y, cells, groups);
      }

      @Override
      public void onPathEnd() {
        boolean[] hitB = tally.hitNow;
        int base = path * targets;
        for (int t = 0; t < targets; t++) {
          boolean a = flagsA[base + t];
          boolean b = hitB[t];
          counts[4 * t] += a ? 1 : 0;
          counts[4 * t + 1] += b ? 1 : 0;
          counts[4 * t + 2] += a && !b ? 1 : 0;
          counts[4 * t + 3] += b && !a ? 1 : 0;
        }
        path++;
        tally.onPathEnd();
      }
    };
  }
}
