package chaincast.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * {@code chaincast_jvm_heap_peak_used_bytes}: the most heap the JVM has held at once since start;
 * {@code chaincast_jvm_heap_peak_after_gc_bytes}: the most it still held right after a collection.
 *
 * <p>Why not {@code jvm_memory_used_bytes}: it is a sample, and heap use is a saw-tooth whose teeth
 * (the moment before each collection) fall between scrapes. Summing each pool's own peak ({@link
 * MemoryPoolMXBean#getPeakUsage()}) over-counts, since the young and old pools peak at different
 * times. The heap just before a collection starts is the top of a tooth, and the JVM reports it
 * with every collection; this keeps the largest such total, and the current use if that is larger.
 * How high the teeth reach is the collector's choice (G1 lets the young generation fill free heap
 * before it collects), so the heap kept right after a collection, the live data and what survived
 * with it, is the figure that says what the work needed.
 */
final class HeapPeak implements MeterBinder, AutoCloseable {
  static final String NAME = "chaincast.jvm.heap.peak.used";
  static final String AFTER_GC = "chaincast.jvm.heap.peak.after.gc";

  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toUnmodifiableSet());
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<Runnable> unsubscribe = new ArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    NotificationListener listener = (notification, handback) -> onGc(notification);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(() -> removeQuietly(emitter, listener));
      }
    }
    Gauge.builder(NAME, this, HeapPeak::peakBytes)
        .description(
            "Most heap in use at once since the JVM started: the largest total just before a collection, or now")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder(AFTER_GC, peakAfterGc, AtomicLong::get)
        .description(
            "Most heap still in use right after a collection since the JVM started (0 before the first)")
        .baseUnit("bytes")
        .register(registry);
  }

  /** The largest heap total seen before a collection, or the current total if larger. */
  double peakBytes() {
    long now = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (heapPools.contains(pool.getName())) {
        now += pool.getUsage().getUsed();
      }
    }
    return peak.accumulateAndGet(now, Math::max);
  }

  private void onGc(Notification notification) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    peak.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
    peakAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
  }

  private long heapUsed(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }

  private static void removeQuietly(NotificationEmitter emitter, NotificationListener listener) {
    try {
      emitter.removeNotificationListener(listener);
    } catch (ListenerNotFoundException e) {
      // already gone: nothing to undo
    }
  }

  @Override
  public void close() {
    unsubscribe.forEach(Runnable::run);
    unsubscribe.clear();
  }
}
