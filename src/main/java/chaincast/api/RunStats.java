package chaincast.api;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of simulation runs, so operators (and tests) can see that cancelled
 * and timed-out calls really stop the server's work.
 */
public final class RunStats {
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();
  private final AtomicLong lastCancelledAfterPaths = new AtomicLong(-1);
  private final AtomicInteger active = new AtomicInteger();

  void onStart() {
    started.incrementAndGet();
    active.incrementAndGet();
  }

  /** A run that {@link #onStart started} has ended, however it ended. */
  void onEnd() {
    active.decrementAndGet();
  }

  void onComplete() {
    completed.incrementAndGet();
  }

  void onCancel(long pathsDone) {
    lastCancelledAfterPaths.set(pathsDone);
    cancelled.incrementAndGet();
  }

  public long started() {
    return started.get();
  }

  public long completed() {
    return completed.get();
  }

  public long cancelled() {
    return cancelled.get();
  }

  /** Runs started and not yet ended: those running on the engine now. */
  public int active() {
    return active.get();
  }

  /** Paths the last cancelled run had done when it stopped, or -1. */
  public long lastCancelledAfterPaths() {
    return lastCancelledAfterPaths.get();
  }
}
