package chaincast.api;

import chaincast.admission.AdmissionQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of simulation runs, so operators (and tests) can see that cancelled and timed-out calls
 * really stop the server's work, and the admission queue's state (runs in flight, runs waiting,
 * bytes reserved against the budget) for gauges.
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

  /**
   * Runs admitted to the engine, since start.
   *
   * @return a count of runs
   */
  public long started() {
    return started.get();
  }

  /**
   * Runs that finished and answered, since start.
   *
   * @return a count of runs
   */
  public long completed() {
    return completed.get();
  }

  /**
   * Runs stopped on the engine because the client cancelled or its deadline passed, since start.
   *
   * @return a count of runs
   */
  public long cancelled() {
    return cancelled.get();
  }

  /**
   * Runs started and not yet ended: those running on the engine now.
   *
   * @return a count of runs
   */
  public int active() {
    return active.get();
  }

  /**
   * Paths the last cancelled run had done when it stopped, or -1.
   *
   * @return a count of paths, or -1
   */
  public long lastCancelledAfterPaths() {
    return lastCancelledAfterPaths.get();
  }

  /**
   * Calls cancelled, or past their deadline, while their run waited in the queue.
   *
   * @return a count of runs
   */
  public long cancelledWhileQueued() {
    return cancelledWhileQueued.get();
  }

  /**
   * Runs stopped by an OutOfMemoryError (answered RESOURCE_EXHAUSTED).
   *
   * @return a count of runs
   */
  public long outOfMemory() {
    return outOfMemory.get();
  }

  /**
   * Runs in flight now.
   *
   * @return a count of runs
   */
  public int activeRuns() {
    return admission.running();
  }

  /**
   * Runs waiting in the admission queue now.
   *
   * @return a count of runs
   */
  public int queuedRuns() {
    return admission.queued();
  }

  /**
   * Bytes the runs in flight reserved (their estimated most heap).
   *
   * @return a count of bytes
   */
  public long reservedBytes() {
    return admission.reservedBytes();
  }

  /**
   * The most bytes runs in flight may reserve together.
   *
   * @return a count of bytes
   */
  public long budgetBytes() {
    return admission.budgetBytes();
  }

  /**
   * Most runs at once.
   *
   * @return a count of runs
   */
  public int maxActiveRuns() {
    return admission.maxRunning();
  }

  /**
   * Runs that had to wait in the queue, since start.
   *
   * @return a count of runs
   */
  public long queuedTotal() {
    return admission.waitedTotal();
  }

  /**
   * Runs refused (queue full, or too large for the budget), since start.
   *
   * @return a count of runs
   */
  public long refusedTotal() {
    return admission.refusedTotal();
  }
}
