package chaincast.api;

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

  void onStart() {
    started.incrementAndGet();
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

  /** Paths the last cancelled run had done when it stopped, or -1. */
  public long lastCancelledAfterPaths() {
    return lastCancelledAfterPaths.get();
  }
}
