package chaincast.engine;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The local {@link BlockScheduler}: a fixed pool of daemon threads named {@code
 * chaincast-engine-N}. A run starts one worker per slot (at most one per block); each worker polls
 * the cancellation signal, claims the next block from a shared counter, simulates it and posts its
 * partial result, until the range is done. The calling thread merges the results in block order, as
 * far as they form an unbroken prefix, whenever it wakes: when {@value #MERGE_BATCH} results wait
 * to be merged, when a worker stops or fails, and at the end. It is not woken per block: on the
 * seeded model that cost the calling thread 1.5% of the run's CPU, taken from the workers on a
 * machine with as many cores as workers. Thread-safe: runs from several threads share the pool.
 */
final class ThreadPoolBlockScheduler implements BlockScheduler {

  /**
   * Results waiting to be merged that wake the calling thread: bounds the memory they hold (with
   * the blocks held back by a slower one before them) without a wake-up per block. At least an
   * engine round ({@link MonteCarloEngine#MAX_ROUND_BLOCKS}), so a round wakes it only as its
   * workers stop.
   */
  static final int MERGE_BATCH = 64;

  private final int threads;
  private final ExecutorService pool;

  /** A scheduler with its own pool of {@code threads} worker threads. */
  ThreadPoolBlockScheduler(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            new ThreadFactoryBuilder()
                .setNameFormat("chaincast-engine-%d")
                .setDaemon(true)
                .build());
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public <R> void run(BlockRange range, Work<R> work, Merger<R> merger, CancellationSignal cancel) {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(merger, "merger");
    Objects.requireNonNull(cancel, "cancel");
    if (pool.isShutdown()) {
      throw new IllegalStateException("engine is closed");
    }
    new RangeRun<>(range, work, merger, cancel).execute();
  }

  /** Stops the worker threads, waiting up to 10 s for running blocks to end. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The state of one {@link #run}: shared by its workers and the calling thread. */
  private final class RangeRun<R> {
    private final BlockRange range;
    private final Work<R> work;
    private final Merger<R> merger;
    private final CancellationSignal cancel;

    /** The thread that called {@link #run}: it merges, and workers wake it. */
    private final Thread caller = Thread.currentThread();

    private final AtomicLong nextBlock;

    /** Set on cancellation, failure or interrupt: no worker claims another block. */
    private final AtomicBoolean stop = new AtomicBoolean();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicLong pathsCompleted = new AtomicLong();

    /** Completed blocks' results not merged yet, by block - first. */
    private final AtomicReferenceArray<R> results;

    /** How many entries of {@link #results} are set. */
    private final AtomicInteger unmerged = new AtomicInteger();

    /** Workers started and not yet stopped. */
    private final AtomicInteger running = new AtomicInteger();

    /** The first failure, of a worker or of a merge. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** The next block to merge. */
    private long nextToMerge;

    private boolean interrupted;

    RangeRun(BlockRange range, Work<R> work, Merger<R> merger, CancellationSignal cancel) {
      this.range = range;
      this.work = work;
      this.merger = merger;
      this.cancel = cancel;
      this.nextBlock = new AtomicLong(range.first());
      this.results = new AtomicReferenceArray<>(Math.toIntExact(range.blockCount()));
      this.nextToMerge = range.first();
    }

    /**
     * Starts the workers, merges as results form a prefix, and returns once every worker has
     * stopped. Workers wake this thread with {@link LockSupport#unpark}, which allocates nothing: a
     * worker that fails with an {@link OutOfMemoryError} must still be able to say it failed and
     * stopped (a queued message could itself fail to allocate, and this thread would wait for it
     * forever).
     */
    void execute() {
      start((int) Math.min(threads, range.blockCount()));
      while (true) {
        boolean allStopped = running.get() == 0; // read before merging: no result comes after
        mergeReady();
        if (allStopped) {
          break;
        }
        // Returns at once if a worker unparked this thread since the last park; a spurious
        // return only costs another look.
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true; // stop the workers, but still wait for them (the flag is restored)
          stop.set(true);
        }
      }
      finish();
    }

    /** Starts up to {@code workers} workers. */
    private void start(int workers) {
      running.set(workers);
      for (int slot = 0; slot < workers; slot++) {
        int s = slot;
        try {
          pool.execute(() -> work(s));
        } catch (RejectedExecutionException e) {
          fail(new IllegalStateException("engine is closed", e));
          running.addAndGet(-(workers - slot)); // these never start
          return;
        }
      }
    }

    private void work(int slot) {
      try {
        while (!stop.get()) {
          if (cancel.isCancelled()) {
            cancelled.set(true);
            stop.set(true);
            return;
          }
          long b = nextBlock.getAndIncrement();
          if (b >= range.end()) {
            return;
          }
          int paths = range.pathsIn(b);
          R partial = Objects.requireNonNull(work.simulate(slot, b, paths), "block result");
          results.set((int) (b - range.first()), partial);
          pathsCompleted.addAndGet(paths);
          if (unmerged.incrementAndGet() >= MERGE_BATCH) {
            LockSupport.unpark(caller);
          }
        }
      } catch (Throwable t) {
        fail(t); // at once: the other workers claim no further block
      } finally {
        running.decrementAndGet();
        LockSupport.unpark(caller);
      }
    }

    /** Records the first failure and stops the workers; allocates nothing. */
    private void fail(Throwable t) {
      stop.set(true);
      failure.compareAndSet(null, t);
    }

    /** Merges the completed blocks that follow the merged ones without a gap. */
    private void mergeReady() {
      while (failure.get() == null && nextToMerge < range.end()) {
        int i = (int) (nextToMerge - range.first());
        R partial = results.get(i);
        if (partial == null) {
          return;
        }
        results.set(i, null);
        unmerged.decrementAndGet();
        try {
          merger.merge(nextToMerge, partial);
        } catch (RuntimeException | Error e) {
          fail(e);
          return;
        }
        nextToMerge++;
      }
    }

    /** Every worker has stopped: restores the interrupt, then throws or checks completion. */
    private void finish() {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable failed = failure.get();
      if (failed instanceof RuntimeException re) {
        throw re;
      }
      if (failed instanceof Error err) {
        throw err;
      }
      if (failed != null) {
        throw new IllegalStateException("simulation worker failed", failed);
      }
      if (cancelled.get() || interrupted) {
        throw new RunCancelledException(range.pathsBefore() + pathsCompleted.get());
      }
      if (nextToMerge != range.end()) {
        throw new IllegalStateException(
            "blocks " + nextToMerge + " to " + range.end() + " ended without a result");
      }
    }
  }
}
