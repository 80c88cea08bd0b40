package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link ThreadPoolBlockScheduler}'s contract: every block once, merges in block order on the
 * calling thread whatever the completion order, one thread per slot, failures and cancellation stop
 * the run only after every worker has stopped.
 */
class BlockSchedulerTest {

  static final int BLOCK = MonteCarloEngine.BLOCK_SIZE;
  static final int THREADS = 4;

  ThreadPoolBlockScheduler scheduler;

  @BeforeEach
  void start() {
    scheduler = new ThreadPoolBlockScheduler(THREADS);
  }

  @AfterEach
  void stop() {
    scheduler.close();
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for another block"); // a safety net only
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * As many blocks as workers, each waiting for the next one to complete: they complete in reverse
   * order, and are still merged in block order, on the calling thread.
   */
  @Test
  void blocksCompletingInReverseAreMergedInBlockOrder() {
    CountDownLatch[] done = new CountDownLatch[THREADS + 1];
    for (int i = 0; i < done.length; i++) {
      done[i] = new CountDownLatch(1);
    }
    done[THREADS].countDown();
    List<Long> completed = Collections.synchronizedList(new ArrayList<>());
    List<Long> merged = new ArrayList<>();
    Thread caller = Thread.currentThread();
    scheduler.run(
        new BlockRange(10, 10 + THREADS, 100L * BLOCK),
        (slot, block, paths) -> {
          int i = (int) (block - 10);
          await(done[i + 1]);
          completed.add(block);
          done[i].countDown();
          return block;
        },
        (block, partial) -> {
          assertSame(caller, Thread.currentThread());
          assertEquals(block, partial);
          merged.add(block);
        },
        CancellationSignal.NEVER);
    assertEquals(List.of(13L, 12L, 11L, 10L), completed);
    assertEquals(List.of(10L, 11L, 12L, 13L), merged);
  }

  /**
   * A long range is merged while it runs, so results do not pile up: blocks from 500 on wait until
   * block 200 has been merged (if merging waited for the end, they would time out).
   */
  @Test
  void aLongRangeIsMergedWhileItRuns() {
    CountDownLatch merged200 = new CountDownLatch(1);
    long[] last = {-1};
    scheduler.run(
        new BlockRange(0, 1000, 1000L * BLOCK),
        (slot, block, paths) -> {
          if (block >= 500) {
            await(merged200);
          }
          return block;
        },
        (block, partial) -> {
          assertEquals(last[0] + 1, block);
          last[0] = block;
          if (block == 200) {
            merged200.countDown();
          }
        },
        CancellationSignal.NEVER);
    assertEquals(999, last[0]);
  }

  /** Many blocks of uneven work: each merged exactly once, in order, with its own paths. */
  @ParameterizedTest
  @ValueSource(longs = {1, 5 * BLOCK, 200L * BLOCK - 123})
  void everyBlockIsSimulatedOnceAndMergedInOrder(long pathLimit) {
    long blocks = BlockRange.blocksFor(pathLimit);
    AtomicIntegerArray inUse = new AtomicIntegerArray(THREADS);
    AtomicIntegerArray runs = new AtomicIntegerArray((int) blocks);
    List<Long> merged = new ArrayList<>();
    long[] paths = {0};
    scheduler.run(
        new BlockRange(0, blocks, pathLimit),
        (slot, block, n) -> {
          assertTrue(slot >= 0 && slot < THREADS, "slot " + slot);
          assertEquals(
              0, inUse.getAndSet(slot, 1), "slot " + slot + " used by two threads at once");
          runs.incrementAndGet((int) block);
          double spin = 0;
          for (int k = 0; k < (block * 7919) % 50_000; k++) {
            spin += Math.sqrt(k);
          }
          inUse.set(slot, 0);
          return new long[] {block, n, (long) Math.signum(spin + 1)};
        },
        (block, partial) -> {
          assertEquals(block, partial[0]);
          merged.add(block);
          paths[0] += partial[1];
        },
        CancellationSignal.NEVER);
    for (int b = 0; b < blocks; b++) {
      assertEquals(1, runs.get(b), "block " + b);
      assertEquals(b, merged.get(b));
    }
    assertEquals(blocks, merged.size());
    assertEquals(pathLimit, paths[0]);
  }

  @Test
  void aFailingBlockStopsTheRunAndItsExceptionIsThrownAsIs() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    AtomicInteger running = new AtomicInteger();
    List<Long> merged = new ArrayList<>();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                scheduler.run(
                    new BlockRange(0, 1000, 1000L * BLOCK),
                    (slot, block, paths) -> {
                      running.incrementAndGet();
                      try {
                        if (block == 20) {
                          throw boom;
                        }
                        return block;
                      } finally {
                        running.decrementAndGet();
                      }
                    },
                    (block, partial) -> merged.add(block),
                    CancellationSignal.NEVER));
    assertSame(boom, e);
    assertEquals(0, running.get(), "a worker still ran after run() threw");
    // Only blocks before the failed one can have been merged, in order.
    assertTrue(merged.size() <= 20 && merged.equals(prefix(merged.size())), "merged " + merged);
  }

  /** With one worker the order is fixed: the failing block is the last one started. */
  @Test
  void noBlockStartsAfterAFailure() {
    AtomicLong started = new AtomicLong();
    try (ThreadPoolBlockScheduler single = new ThreadPoolBlockScheduler(1)) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              single.run(
                  new BlockRange(0, 1000, 1000L * BLOCK),
                  (slot, block, paths) -> {
                    started.incrementAndGet();
                    if (block == 20) {
                      throw new IllegalArgumentException("boom");
                    }
                    return block;
                  },
                  (block, partial) -> {},
                  CancellationSignal.NEVER));
    }
    assertEquals(21, started.get());
  }

  private static List<Long> prefix(int n) {
    List<Long> out = new ArrayList<>();
    for (long b = 0; b < n; b++) {
      out.add(b);
    }
    return out;
  }

  @Test
  void errorsAreThrownAsIsAndCheckedExceptionsWrapped() {
    StackOverflowError error = new StackOverflowError("deep");
    assertSame(
        error,
        assertThrows(
            StackOverflowError.class,
            () ->
                scheduler.run(
                    new BlockRange(0, 3, 3L * BLOCK),
                    (s, b, n) -> {
                      throw error;
                    },
                    (b, r) -> {},
                    CancellationSignal.NEVER)));
    Exception checked = new IOException("disk");
    IllegalStateException wrapped =
        assertThrows(
            IllegalStateException.class,
            () ->
                scheduler.run(
                    new BlockRange(0, 3, 3L * BLOCK),
                    (s, b, n) -> sneakyThrow(checked),
                    (b, r) -> {},
                    CancellationSignal.NEVER));
    assertSame(checked, wrapped.getCause());
    // A null result is a failure too, not a silently lost block.
    assertThrows(
        NullPointerException.class,
        () ->
            scheduler.run(
                new BlockRange(0, 2, 2L * BLOCK),
                (s, b, n) -> null,
                (b, r) -> {},
                CancellationSignal.NEVER));
  }

  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the sneaky-throw idiom
  private static <T extends Throwable, R> R sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void aFailingMergeStopsTheRun() {
    IllegalStateException bad = new IllegalStateException("bad merge");
    AtomicInteger running = new AtomicInteger();
    List<Long> merged = new ArrayList<>();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                scheduler.run(
                    new BlockRange(0, 10_000, 10_000L * BLOCK),
                    (s, b, n) -> {
                      running.incrementAndGet();
                      running.decrementAndGet();
                      return b;
                    },
                    (b, r) -> {
                      if (b == 3) {
                        throw bad;
                      }
                      merged.add(b);
                    },
                    CancellationSignal.NEVER));
    assertSame(bad, e);
    assertEquals(List.of(0L, 1L, 2L), merged, "nothing merged after the failing merge");
    assertEquals(0, running.get(), "a worker still ran after run() threw");
  }

  /** The signal is polled before every block: once it fires, no block starts. */
  @Test
  void cancellationCountsThePathsOfTheCompletedBlocks() {
    int allowedPolls = 7;
    AtomicInteger polls = new AtomicInteger();
    AtomicLong simulated = new AtomicLong();
    long limit = 500L * BLOCK - 10;
    RunCancelledException e =
        assertThrows(
            RunCancelledException.class,
            () ->
                scheduler.run(
                    new BlockRange(3, 500, limit),
                    (s, b, n) -> {
                      simulated.addAndGet(n);
                      return b;
                    },
                    (b, r) -> {},
                    () -> polls.incrementAndGet() > allowedPolls));
    assertTrue(
        simulated.get() > 0 && simulated.get() <= allowedPolls * (long) BLOCK,
        "simulated " + simulated);
    assertEquals(
        3L * BLOCK + simulated.get(), e.pathsDone(), "paths before the range plus those simulated");
  }

  @Test
  void aFailureWinsOverACancellation() {
    AtomicInteger polls = new AtomicInteger();
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    assertSame(
        boom,
        assertThrows(
            IllegalArgumentException.class,
            () ->
                scheduler.run(
                    new BlockRange(0, 100, 100L * BLOCK),
                    (s, b, n) -> {
                      if (b == 0) {
                        throw boom;
                      }
                      return b;
                    },
                    (b, r) -> {},
                    () -> polls.incrementAndGet() > 2)));
  }

  /** An interrupt of the calling thread cancels like the signal, and the flag is kept. */
  @Test
  void anInterruptOfTheCallerCancelsTheRunAndKeepsTheFlag() {
    Thread caller = Thread.currentThread();
    AtomicInteger running = new AtomicInteger();
    try {
      RunCancelledException e =
          assertThrows(
              RunCancelledException.class,
              () ->
                  scheduler.run(
                      new BlockRange(0, 100_000, 100_000L * BLOCK),
                      (s, b, n) -> {
                        running.incrementAndGet();
                        if (b == 5) {
                          caller.interrupt();
                        }
                        running.decrementAndGet();
                        return b;
                      },
                      (b, r) -> {},
                      CancellationSignal.NEVER));
      // Blocks 0 to 5 were claimed before the interrupt, and a claimed block is finished.
      assertTrue(e.pathsDone() >= 6L * BLOCK, "paths " + e.pathsDone());
      assertEquals(0, running.get());
      assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aClosedSchedulerRefusesToRun() {
    scheduler.close();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                scheduler.run(
                    new BlockRange(0, 1, 1),
                    (s, b, n) -> b,
                    (b, r) -> {},
                    CancellationSignal.NEVER));
    assertTrue(e.getMessage().contains("closed"));
  }

  @Test
  void aRangeKnowsItsPaths() {
    BlockRange r = new BlockRange(2, 5, 5L * BLOCK - 100);
    assertEquals(3, r.blockCount());
    assertEquals(2L * BLOCK, r.pathsBefore());
    assertEquals(BLOCK, r.pathsIn(3));
    assertEquals(BLOCK - 100, r.pathsIn(4));
    assertEquals(1, BlockRange.blocksFor(1));
    assertEquals(1, BlockRange.blocksFor(BLOCK));
    assertEquals(2, BlockRange.blocksFor(BLOCK + 1));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(0, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(0, 2, BLOCK));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(-1, 1, BLOCK));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(0, 1, 0));
  }
}
