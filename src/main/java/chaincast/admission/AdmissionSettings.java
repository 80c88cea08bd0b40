package chaincast.admission;

/**
 * How runs are admitted.
 *
 * @param maxQueued runs that may wait at once, over all clients (0: none wait; a run that cannot
 *     start at once is refused)
 * @param maxQueuedPerClient runs one client may have waiting at once
 * @param heapFraction share of the heap above {@code reservedHeapBytes} that runs may hold, in (0,
 *     1]; the rest is headroom for the collector
 * @param reservedHeapBytes heap kept for everything but runs: the model, the scenario store's
 *     cache, calls in transit
 * @param budgetBytes the run budget in bytes, or 0 to derive it from the heap
 */
public record AdmissionSettings(
    int maxQueued,
    int maxQueuedPerClient,
    double heapFraction,
    long reservedHeapBytes,
    long budgetBytes) {

  /** Waiting runs over all clients, by default. */
  public static final int DEFAULT_MAX_QUEUED = 256;

  /** Waiting runs per client, by default. */
  public static final int DEFAULT_MAX_QUEUED_PER_CLIENT = 128;

  /** Share of the heap above the reserve that runs may hold, by default. */
  public static final double DEFAULT_HEAP_FRACTION = 0.75;

  /** Heap reserved for everything but runs, by default: 32 MiB. */
  public static final long DEFAULT_RESERVED_HEAP_BYTES = 32L * 1024 * 1024;

  /**
   * Checks that queue sizes and the heap reserve are not negative and the fraction is in (0, 1].
   */
  public AdmissionSettings {
    if (maxQueued < 0 || maxQueuedPerClient < 0) {
      throw new IllegalArgumentException(
          "queue sizes must be >= 0, got " + maxQueued + " and " + maxQueuedPerClient);
    }
    if (!(heapFraction > 0 && heapFraction <= 1)) {
      throw new IllegalArgumentException("heap fraction must be in (0, 1], got " + heapFraction);
    }
    if (reservedHeapBytes < 0 || budgetBytes < 0) {
      throw new IllegalArgumentException("reserved heap and budget must be >= 0");
    }
  }

  /**
   * 256 waiting, 128 per client (a waiting call holds a thread and its small request, nothing
   * more), 75% of the heap above 32 MiB.
   */
  public static AdmissionSettings defaults() {
    return new AdmissionSettings(
        DEFAULT_MAX_QUEUED,
        DEFAULT_MAX_QUEUED_PER_CLIENT,
        DEFAULT_HEAP_FRACTION,
        DEFAULT_RESERVED_HEAP_BYTES,
        0);
  }

  /**
   * The run budget on a heap of {@code maxHeapBytes} ({@code Runtime.maxMemory()}): {@code
   * budgetBytes} when set, else {@code heapFraction × (maxHeap − reserved)}.
   */
  public long budget(long maxHeapBytes) {
    if (budgetBytes > 0) {
      return budgetBytes;
    }
    return Math.max(0, (long) (heapFraction * (maxHeapBytes - reservedHeapBytes)));
  }

  /** These settings with other queue sizes. */
  public AdmissionSettings withQueue(int maxQueued, int maxQueuedPerClient) {
    return new AdmissionSettings(
        maxQueued, maxQueuedPerClient, heapFraction, reservedHeapBytes, budgetBytes);
  }

  /** These settings with another heap fraction and reserve. */
  public AdmissionSettings withHeap(double heapFraction, long reservedHeapBytes) {
    return new AdmissionSettings(
        maxQueued, maxQueuedPerClient, heapFraction, reservedHeapBytes, budgetBytes);
  }

  /** These settings with a fixed run budget in bytes (0: derive it from the heap). */
  public AdmissionSettings withBudget(long budgetBytes) {
    return new AdmissionSettings(
        maxQueued, maxQueuedPerClient, heapFraction, reservedHeapBytes, budgetBytes);
  }
}
