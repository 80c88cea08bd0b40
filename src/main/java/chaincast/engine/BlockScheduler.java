package chaincast.engine;

/**
 * Runs ranges of blocks of paths and hands each block's partial result back, merged in block order:
 * the one place where the engine's work is spread over workers ({@link MonteCarloEngine}'s rounds
 * and {@link PairedRun}'s comparisons both go through it).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Every block of the range is simulated exactly once, by {@link Work#simulate}, unless the
 *       run is cancelled or fails.
 *   <li>{@link Merger#merge} receives the blocks' partial results on the calling thread, in
 *       increasing block order, whatever order the blocks completed in. This, and nothing else, is
 *       what makes a result independent of the number and speed of the workers: the caller folds
 *       floating-point sums in a fixed order.
 *   <li>The {@link CancellationSignal} is polled before each block is claimed; once it fires (or
 *       the calling thread is interrupted, whose flag is kept) no new block starts, the running
 *       ones finish, and {@link #run} throws {@link RunCancelledException} counting the paths
 *       before the range plus those of the blocks completed in it.
 *   <li>If a block fails (or a merge throws), no new block starts and, once the running ones have
 *       finished, {@link #run} throws the first failure: a {@link RuntimeException} or {@link
 *       Error} as thrown, anything else wrapped in an {@link IllegalStateException}. A failure wins
 *       over a cancellation.
 *   <li>{@link #run} returns or throws only after every worker it started has stopped touching the
 *       job's state, so the caller may reuse that state (the engine's tallies) at once.
 * </ul>
 *
 * <h2>Other executors</h2>
 *
 * The local implementation is {@link ThreadPoolBlockScheduler}. A cluster executor plugs in by
 * implementing this interface: it runs the range's blocks elsewhere and delivers their partial
 * results through the same in-order merge. The partial result must then carry everything a block
 * contributes; locally, integer counts (hits, histogram bins) stay in each worker slot's state
 * (exact in any order, see {@link Tally}) and only floating-point sums travel as the partial
 * result.
 */
interface BlockScheduler extends AutoCloseable {

  /**
   * How one job simulates a block.
   *
   * @param <R> what a block contributes that must be merged in block order
   */
  @FunctionalInterface
  interface Work<R> {
    /**
     * Simulates one block on a worker. A slot is below {@link #parallelism()} and used by one
     * thread at a time, so per-slot state (scratch arrays, tallies) needs no locking.
     *
     * @param slot the worker slot running the block
     * @param block the block's index in the run
     * @param paths the paths in the block ({@link BlockRange#pathsIn})
     * @return the block's partial result, not null
     */
    R simulate(int slot, long block, int paths);
  }

  /**
   * Folds the partial results of one job.
   *
   * @param <R> what a block contributes
   */
  @FunctionalInterface
  interface Merger<R> {
    /** Folds block {@code block}'s partial result; called in increasing block order. */
    void merge(long block, R partial);
  }

  /** Worker slots: the most blocks that run at once; jobs keep per-slot state for this many. */
  int parallelism();

  /**
   * Runs every block of {@code range} and merges the partial results in block order (see the class
   * comment for cancellation and failures).
   *
   * @throws RunCancelledException if {@code cancel} fires or the calling thread is interrupted
   * @throws IllegalStateException if the scheduler is closed
   */
  <R> void run(BlockRange range, Work<R> work, Merger<R> merger, CancellationSignal cancel);

  /** Stops the workers; later runs throw {@link IllegalStateException}. */
  @Override
  void close();
}
