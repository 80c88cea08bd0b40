package chaincast.engine;

/** Thrown by the engine when its {@link CancellationSignal} fires. */
public final class RunCancelledException extends RuntimeException {
  /** Paths completed before the run stopped. */
  private final long pathsDone;

  /**
   * A run stopped after {@code pathsDone} paths.
   *
   * @param pathsDone paths completed before the run stopped (whole blocks)
   */
  public RunCancelledException(long pathsDone) {
    super("simulation cancelled after " + pathsDone + " paths");
    this.pathsDone = pathsDone;
  }

  /**
   * Paths the run completed before it stopped.
   *
   * @return whole blocks' paths, counted once
   */
  public long pathsDone() {
    return pathsDone;
  }
}
