package chaincast.engine;

/**
 * Polled by every worker before each block of paths; true stops the run with
 * {@link RunCancelledException}. Called from the engine's worker threads, so it
 * must be thread-safe; once it has returned true it should keep doing so.
 */
@FunctionalInterface
public interface CancellationSignal {
  boolean isCancelled();

  CancellationSignal NEVER = () -> false;
}
