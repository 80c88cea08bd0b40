package chaincast.engine;

/**
 * Told after every round of blocks, on the thread that called the engine. An exception thrown here
 * ends the run with that exception.
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Receives the run's state after a round.
   *
   * @param progress paths done so far, the estimates and their widest half-width
   */
  void onProgress(RunProgress progress);

  /** A listener that ignores progress. */
  ProgressListener NONE = p -> {};
}
