package chaincast.api;

import chaincast.admission.AdmissionQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of simulation runs, so operators (and tests) can see that cancelled
 * and timed-out calls really stop the server's work, and the admission queue's
 * state (runs in flight, runs waiting, bytes reserved against the budget) for
 * gauges.
 */
public final class RunStats {
  private final AdmissionQueue admission;
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();
  private final AtomicLong cancelledWhileQueued = new AtomicLong();
  private final AtomicLong outOfMemory = new AtomicLong();
  private final AtomicLong lastCancelledAfterPaths = new AtomicLong(-1);
  private final AtomicInteger active = new AtomicInteger();

  RunStats(AdmissionQueue admission) {
    this.admission = admission;
  }

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

  void onCancelWhileQueued() {
    cancelledWhileQueued.incrementAndGet();
  }

  void onOutOfMemory() {
    outOfMemory.incrementAndGet();
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

  /** Calls cancelled, or past their deadline, while their run waited in the queue. */
  public long cancelledWhileQueued() {
    return cancelledWhileQueued.get();
  }

  /** Runs stopped by an OutOfMemoryError (answered RESOURCE_EXHAUSTED). */
  public long outOfMemory() {
    return outOfMemory.get();
  }

  /** Runs in flight now. */
  public int activeRuns() {
    return admission.running();
  }

  /** Runs waiting in the admission queue now. */
  public int queuedRuns() {
    return admission.queued();
  }

  /** Bytes the runs in flight reserved (their estimated most heap). */
  public long reservedBytes() {
    return admission.reservedBytes();
  }

  /** The most bytes runs in flight may reserve together. */
  public long budgetBytes() {
    return admission.budgetBytes();
  }

  /** Most runs at once. */
  public int maxActiveRuns() {
    return admission.maxRunning();
  }

  /** Runs that had to wait in the queue, since start. */
  public long queuedTotal() {
    return admission.waitedTotal();
  }

  /** Runs refused (queue full, or too large for the budget), since start. */
  public long refusedTotal() {
    return admission.refusedTotal();
  }
}
