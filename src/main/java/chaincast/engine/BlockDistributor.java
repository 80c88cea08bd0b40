package chaincast.engine;

import java.util.function.Consumer;

/**
 * Spreads the blocks of an engine run over machines: the one thing a cluster adds to the engine.
 * The engine hands it each round's blocks with the {@link RemoteJob} other machines rebuild the run
 * from; it runs some blocks here (through {@code local}) and the others elsewhere, and hands the
 * latter's {@link RangeResult}s back. The engine then folds every block's sums in block order, so
 * the result is the single machine's, bit for bit.
 *
 * <p>Contract: every block of {@code [first, end)} is either run through {@code local} or covered
 * by exactly one result given to {@code remote} (a range that another machine may have run twice,
 * after a timeout say, is delivered once); {@code remote} and {@code local} are called on the
 * calling thread; on cancellation {@link #run} throws {@link RunCancelledException}.
 */
public interface BlockDistributor {

  /** Runs blocks of the run on this machine's worker threads. */
  @FunctionalInterface
  interface LocalBlocks {
    /**
     * Runs blocks {@code [first, end)} here.
     *
     * @param first the first block
     * @param end one past the last block
     * @throws RunCancelledException if the run is cancelled
     */
    void run(long first, long end);
  }

  /**
   * Runs blocks {@code [first, end)} of {@code job}.
   *
   * @param job what another machine needs to simulate the blocks
   * @param first the round's first block
   * @param end one past the round's last block
   * @param local runs blocks on this machine
   * @param remote takes each range run elsewhere
   * @param cancel polled while waiting
   * @throws RunCancelledException if {@code cancel} fires or the calling thread is interrupted
   */
  void run(
      RemoteJob job,
      long first,
      long end,
      LocalBlocks local,
      Consumer<RangeResult> remote,
      CancellationSignal cancel);
}
