package chaincast.engine;

/** Thrown by the engine when its {@link CancellationSignal} fires. */
public final class RunCancelledException extends RuntimeException {
  private final long pathsDone;

  public RunCancelledException(long pathsDone) {
    super("simulation cancelled after " + pathsDone + " paths");
    this.pathsDone = pathsDone;
  }

  public long pathsDone() {
    return pathsDone;
  }
}
