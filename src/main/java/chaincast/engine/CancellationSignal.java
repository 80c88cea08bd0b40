package chaincast.engine;

/** Polled between blocks of paths; true stops the run with {@link RunCancelledException}. */
@FunctionalInterface
public interface CancellationSignal {
  boolean isCancelled();

  CancellationSignal NEVER = () -> false;
}
