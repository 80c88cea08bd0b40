package chaincast.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs two projections on common random numbers: block {@code b} of each side draws from the
 * same stream {@code forBlock(seed, b)} (and the same keyed sequences for events and counts), so
 * path {@code i} of A and path {@code i} of B differ only by what the projections differ in. Per
 * path it records whether each target was hit on each side; counts of disagreement give the
 * paired error of the difference, which is far smaller than two independent runs' when the
 * sides are alike.
 *
 * <p>The two projections must have the same targets in the same order (the planner simulates
 * every cell of the model in model order for both, so their draws line up). Reproducible
 * whatever the thread count: every result is an integer count.
 */
final class PairedRun {
  private final ExecutorService pool;
  private final int threads;

  PairedRun(ExecutorService pool, int threads) {
    this.pool = pool;
    this.threads = threads;
  }

  ComparisonResult run(Projection a, Projection b, long paths, long seed, CancellationSignal cancel) {
    long started = System.nanoTime();
    CompiledModel ma = CompiledModel.compile(a, false);
    CompiledModel mb = CompiledModel.compile(b, false);
    if (ma.targets.count != mb.targets.count) {
      throw new IllegalArgumentException(
          "the two projections have " + ma.targets.count + " and " + mb.targets.count + " targets; they must have the same");
    }
    for (int t = 0; t < ma.targets.count; t++) {
      String ia = a.targets().get(t).id();
      String ib = b.targets().get(t).id();
      if (!ia.equals(ib)) {
        throw new IllegalArgumentException("target " + t + " is '" + ia + "' in one projection and '" + ib + "' in the other");
      }
    }
    if (paths < 1) {
      throw new IllegalArgumentException("paths must be >= 1, got " + paths);
    }
    int targets = ma.targets.count;
    long blocks = (paths - 1) / MonteCarloEngine.BLOCK_SIZE + 1;
    AtomicLong next = new AtomicLong();
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    int workers = (int) Math.min(threads, blocks);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      futures.add(
          pool.submit(
              () -> {
                // [4t] hits A, [4t+1] hits B, [4t+2] only A, [4t+3] only B
                long[] counts = new long[4 * targets];
                PathSimulator sa = new PathSimulator(ma);
                PathSimulator sb = new PathSimulator(mb);
                Tally ta = new Tally(ma);
                Tally tb = new Tally(mb);
                boolean[] flagsA = new boolean[MonteCarloEngine.BLOCK_SIZE * targets];
                while (true) {
                  if (cancel.isCancelled() || cancelled.get()) {
                    cancelled.set(true);
                    return counts;
                  }
                  long block = next.getAndIncrement();
                  if (block >= blocks) {
                    return counts;
                  }
                  int n = (int) Math.min(MonteCarloEngine.BLOCK_SIZE, paths - block * MonteCarloEngine.BLOCK_SIZE);
                  sa.simulateBlock(seed, block, n, recorder(ta, flagsA, targets));
                  sb.simulateBlock(seed, block, n, comparer(tb, flagsA, targets, counts));
                  done.addAndGet(n);
                }
              }));
    }
    long[] total = new long[4 * targets];
    boolean interrupted = false;
    RuntimeException failure = null;
    for (Future<long[]> f : futures) {
      while (true) {
        try {
          long[] c = f.get();
          for (int i = 0; i < total.length; i++) {
            total[i] += c[i];
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          cancelled.set(true);
        } catch (java.util.concurrent.ExecutionException e) {
          cancelled.set(true);
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException re
                    ? re
                    : new IllegalStateException("comparison worker failed", e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    if (cancelled.get()) {
      throw new RunCancelledException(done.get());
    }
    List<ComparisonResult.TargetPair> pairs = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      pairs.add(
          new ComparisonResult.TargetPair(total[4 * t], total[4 * t + 1], total[4 * t + 2], total[4 * t + 3], paths));
    }
    return new ComparisonResult(paths, pairs, System.nanoTime() - started);
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
