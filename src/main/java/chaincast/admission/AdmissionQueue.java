package chaincast.admission;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * Admits runs against a memory budget and a limit of runs at once, and queues the rest fairly.
 *
 * <p>A run {@link #enter enters} with the most heap it will hold. It starts at once when nobody is
 * waiting, a run slot is free and its bytes fit the budget beside the runs in flight; otherwise it
 * waits. Waiting runs are kept per client and started <b>round-robin across clients</b>: each start
 * goes to the client whose turn it is, whose run then goes to the back of the turn. A run that does
 * not fit the memory left waits at the front and nobody overtakes it, so a large run is never
 * starved by a stream of small ones (it starts as soon as enough runs in flight finish; one that
 * could never fit is refused when it enters).
 *
 * <p>The queue is bounded: {@code maxQueued} waiting runs in all, {@code maxQueuedPerClient} per
 * client. A run beyond either is refused with a delay after which a retry is likely to find room:
 * the mean run time of recent runs times the runs queued ahead, over the run slots.
 *
 * <p>A waiting run whose call is cancelled, or whose deadline passes, leaves the queue at once
 * ({@link Ticket#cancel()}) and frees its place. Thread-safe.
 */
public final class AdmissionQueue {
  /** Weight of the latest run in the mean run time. */
  private static final double MEAN_WEIGHT = 0.2;

  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(10);

  private final long budget;
  private final int maxRunning;
  private final int maxQueued;
  private final int maxQueuedPerClient;
  private final LongSupplier nanoTime;

  /** Waiting tickets per client, oldest first. */
  private final Map<String, ArrayDeque<Ticket>> waiting = new HashMap<>();

  /** Clients with waiting tickets, in the order of their turns. */
  private final ArrayDeque<String> turns = new ArrayDeque<>();

  private int running;
  private int queued;
  private long reserved;
  private double meanRunNanos = 1e9;
  private long admittedTotal;
  private long waitedTotal;
  private long refusedTotal;

  /**
   * @param budgetBytes the most bytes runs in flight may hold together
   * @param maxRunning runs at once (each uses the engine's threads)
   * @param maxQueued waiting runs over all clients
   * @param maxQueuedPerClient waiting runs per client
   * @param nanoTime the clock run times are measured with ({@code System::nanoTime})
   */
  public AdmissionQueue(
      long budgetBytes,
      int maxRunning,
      int maxQueued,
      int maxQueuedPerClient,
      LongSupplier nanoTime) {
    if (budgetBytes < 0 || maxRunning < 1 || maxQueued < 0 || maxQueuedPerClient < 0) {
      throw new IllegalArgumentException(
          "budget >= 0, maxRunning >= 1 and queue sizes >= 0 expected");
    }
    this.budget = budgetBytes;
    this.maxRunning = maxRunning;
    this.maxQueued = maxQueued;
    this.maxQueuedPerClient = maxQueuedPerClient;
    this.nanoTime = nanoTime;
  }

  /**
   * Enters a run of at most {@code bytes} heap for {@code client}: admitted at once, or waiting
   * (then {@link Ticket#awaitAdmission()}). Close the ticket when the run ends.
   *
   * @throws AdmissionRefusedException when the run can never fit the budget, or the queue (all of
   *     it, or the client's share) is full
   */
  public synchronized Ticket enter(String client, long bytes) {
    if (bytes > budget) {
      refusedTotal++;
      throw new AdmissionRefusedException(
          AdmissionRefusedException.Reason.TOO_LARGE,
          "the run needs up to "
              + mebibytes(bytes)
              + " of heap, more than the "
              + mebibytes(budget)
              + " this server lets runs hold",
          Duration.ZERO);
    }
    Ticket ticket = new Ticket(client, Math.max(0, bytes));
    if (turns.isEmpty() && fits(ticket)) {
      admit(ticket);
      return ticket;
    }
    ArrayDeque<Ticket> mine = waiting.get(client);
    int waitingOfClient = mine == null ? 0 : mine.size();
    if (queued >= maxQueued || waitingOfClient >= maxQueuedPerClient) {
      refusedTotal++;
      boolean global = queued >= maxQueued;
      Duration delay = retryDelayLocked(global ? queued : waitingOfClient);
      throw new AdmissionRefusedException(
          global
              ? AdmissionRefusedException.Reason.QUEUE_FULL
              : AdmissionRefusedException.Reason.CLIENT_QUEUE_FULL,
          (global
                  ? "the server's run queue is full ("
                      + running
                      + " running, "
                      + queued
                      + " waiting, at most "
                      + maxQueued
                      + ")"
                  : "you already have "
                      + waitingOfClient
                      + " runs waiting, the most one client may")
              + "; retry in "
              + seconds(delay),
          delay);
    }
    if (mine == null) {
      mine = new ArrayDeque<>();
      waiting.put(client, mine);
      turns.addLast(client);
    }
    mine.addLast(ticket);
    queued++;
    waitedTotal++;
    return ticket;
  }

  private boolean fits(Ticket t) {
    return running < maxRunning && reserved + t.bytes <= budget;
  }

  private void admit(Ticket t) {
    t.state = State.ADMITTED;
    t.startedNanos = nanoTime.getAsLong();
    running++;
    reserved += t.bytes;
    admittedTotal++;
    t.admitted.countDown();
  }

  /** Starts waiting runs, client by client in turn, while the next one fits. */
  private void dispatch() {
    while (!turns.isEmpty()) {
      String client = turns.peekFirst();
      ArrayDeque<Ticket> mine = waiting.get(client);
      Ticket next = mine.peekFirst();
      if (!fits(next)) {
        return; // it waits at the front: nobody overtakes it
      }
      turns.pollFirst();
      mine.pollFirst();
      queued--;
      if (mine.isEmpty()) {
        waiting.remove(client);
      } else {
        turns.addLast(client);
      }
      admit(next);
    }
  }

  private synchronized void cancel(Ticket t) {
    if (t.state != State.WAITING) {
      return;
    }
    t.state = State.CANCELLED;
    ArrayDeque<Ticket> mine = waiting.get(t.client);
    if (mine != null && mine.remove(t)) {
      queued--;
      if (mine.isEmpty()) {
        waiting.remove(t.client);
        turns.remove(t.client);
      }
    }
    t.admitted.countDown();
    dispatch(); // it may have been the run at the front that the others waited behind
  }

  private synchronized void release(Ticket t) {
    if (t.state == State.WAITING) {
      cancel(t);
      return;
    }
    if (t.state != State.ADMITTED) {
      return;
    }
    t.state = State.RELEASED;
    running--;
    reserved -= t.bytes;
    long took = nanoTime.getAsLong() - t.startedNanos;
    meanRunNanos = (1 - MEAN_WEIGHT) * meanRunNanos + MEAN_WEIGHT * Math.max(0, took);
    dispatch();
  }

  /**
   * How long a refused client should wait before retrying: the mean run time of recent runs times
   * the runs queued ahead (and this one), over the run slots; 1 s to 10 min.
   */
  public synchronized Duration retryDelay() {
    return retryDelayLocked(queued);
  }

  private Duration retryDelayLocked(int ahead) {
    double nanos = meanRunNanos * (ahead + 1) / maxRunning;
    Duration d = Duration.ofNanos((long) Math.min(nanos, (double) MAX_RETRY.toNanos()));
    return d.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : d;
  }

  /** Runs in flight. */
  public synchronized int running() {
    return running;
  }

  /** Runs waiting. */
  public synchronized int queued() {
    return queued;
  }

  /** Bytes the runs in flight reserved. */
  public synchronized long reservedBytes() {
    return reserved;
  }

  /** The most bytes runs in flight may hold together. */
  public long budgetBytes() {
    return budget;
  }

  /** Most runs at once. */
  public int maxRunning() {
    return maxRunning;
  }

  /** Runs admitted since start. */
  public synchronized long admittedTotal() {
    return admittedTotal;
  }

  /** Runs that had to wait before starting (or leaving) since start. */
  public synchronized long waitedTotal() {
    return waitedTotal;
  }

  /** Runs refused since start (queue full, or too large). */
  public synchronized long refusedTotal() {
    return refusedTotal;
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.0f s", Math.ceil(d.toMillis() / 1000.0));
  }

  private enum State {
    WAITING,
    ADMITTED,
    CANCELLED,
    RELEASED
  }

  /** One run's place: waiting, then admitted, then released by {@link #close()}. */
  public final class Ticket implements AutoCloseable {
    private final String client;
    private final long bytes;
    private final CountDownLatch admitted = new CountDownLatch(1);
    private State state = State.WAITING; // guarded by the queue
    private long startedNanos;

    private Ticket(String client, long bytes) {
      this.client = client;
      this.bytes = bytes;
    }

    /** The client this run belongs to. */
    public String client() {
      return client;
    }

    /** The bytes this run reserves. */
    public long bytes() {
      return bytes;
    }

    /** Whether the run may start. */
    public boolean isAdmitted() {
      synchronized (AdmissionQueue.this) {
        return state == State.ADMITTED;
      }
    }

    /**
     * Blocks until the run is admitted.
     *
     * @throws CancellationException if it was {@link #cancel() cancelled} while waiting (or this
     *     thread was interrupted, which cancels it and keeps the interrupt)
     */
    public void awaitAdmission() {
      try {
        admitted.await();
      } catch (InterruptedException e) {
        cancel();
        Thread.currentThread().interrupt();
      }
      synchronized (AdmissionQueue.this) {
        if (state != State.ADMITTED) {
          throw new CancellationException("the run left the queue before it started");
        }
      }
    }

    /** Leaves the queue at once if still waiting (its place goes to the next run); else nothing. */
    public void cancel() {
      AdmissionQueue.this.cancel(this);
    }

    /** Frees the run's slot and bytes (or its place in the queue) and starts the next runs. */
    @Override
    public void close() {
      release(this);
    }
  }
}
