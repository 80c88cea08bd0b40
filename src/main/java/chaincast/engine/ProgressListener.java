package chaincast.engine;

/**
 * Told after every round of blocks, on the thread that called the engine. An
 * exception thrown here ends the run with that exception.
 */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(RunProgress progress);

  ProgressListener NONE = p -> {};
}
