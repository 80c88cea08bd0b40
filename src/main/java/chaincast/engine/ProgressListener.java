package chaincast.engine;

/** Told after every batch of blocks, on the thread that called the engine. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(Progress progress);

  ProgressListener NONE = p -> {};
}
