package chaincast.engine;

/**
 * Polled by every worker before each block of paths; true stops the run with {@link
 * RunCancelledException}. Called from the engine's worker threads, so it must be thread-safe; once
 * it has returned true it should keep doing so.
 */
@FunctionalInterface
public interface CancellationSignal {
  /** True once the run should stop; thread-safe, and true for good once it is. */
  boolean isCancelled();

  /** A signal that never fires: the run goes to its end. */
  CancellationSignal NEVER = () -> false;
}
