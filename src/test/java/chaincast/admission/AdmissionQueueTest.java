package chaincast.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The admission queue on its own: budget, slots, round-robin order, bounds, cancellation, retry
 * delays.
 */
class AdmissionQueueTest {
  private final AtomicLong clock = new AtomicLong();

  private AdmissionQueue queue(long budget, int running, int queued, int perClient) {
    return new AdmissionQueue(budget, running, queued, perClient, clock::get);
  }

  @Test
  void aRunThatFitsStartsAtOnceAndFreesItsBytesWhenClosed() {
    AdmissionQueue q = queue(100, 2, 10, 10);
    AdmissionQueue.Ticket a = q.enter("a", 60);
    assertTrue(a.isAdmitted());
    assertEquals(60, q.reservedBytes());
    assertEquals(1, q.running());
    a.close();
    a.close(); // idempotent
    assertEquals(0, q.reservedBytes());
    assertEquals(0, q.running());
  }

  @Test
  void aRunLargerThanTheWholeBudgetIsRefusedForGood() {
    AdmissionQueue q = queue(100, 2, 10, 10);
    AdmissionRefusedException e =
        assertThrows(AdmissionRefusedException.class, () -> q.enter("a", 101));
    assertEquals(AdmissionRefusedException.Reason.TOO_LARGE, e.reason());
    assertTrue(e.getMessage().contains("more than the"), e.getMessage());
    assertEquals(0, q.queued());
    assertEquals(1, q.refusedTotal());
  }

  @Test
  void runsWaitForMemoryEvenWithFreeSlots() {
    AdmissionQueue q = queue(100, 4, 10, 10);
    AdmissionQueue.Ticket big = q.enter("a", 70);
    AdmissionQueue.Ticket second = q.enter("b", 40);
    assertFalse(second.isAdmitted(), "70 + 40 > 100");
    assertEquals(1, q.queued());
    big.close();
    assertTrue(second.isAdmitted());
    assertEquals(40, q.reservedBytes());
  }

  @Test
  void runsWaitForASlotEvenWithFreeMemory() {
    AdmissionQueue q = queue(1000, 1, 10, 10);
    AdmissionQueue.Ticket first = q.enter("a", 1);
    AdmissionQueue.Ticket second = q.enter("a", 1);
    assertFalse(second.isAdmitted());
    first.close();
    assertTrue(second.isAdmitted());
  }

  @Test
  void waitingRunsStartRoundRobinAcrossClients() {
    AdmissionQueue q = queue(1000, 1, 20, 20);
    AdmissionQueue.Ticket blocker = q.enter("x", 1);
    Map<String, AdmissionQueue.Ticket> tickets = new LinkedHashMap<>();
    // Client a floods the queue first; b and c come later with fewer runs.
    for (String name : List.of("a1", "a2", "a3", "a4", "b1", "b2", "c1")) {
      tickets.put(name, q.enter(name.substring(0, 1), 1));
    }
    List<String> order = new ArrayList<>();
    AdmissionQueue.Ticket running = blocker;
    while (order.size() < tickets.size()) {
      running.close();
      for (var e : tickets.entrySet()) {
        if (e.getValue().isAdmitted() && !order.contains(e.getKey())) {
          order.add(e.getKey());
          running = e.getValue();
        }
      }
    }
    assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "a3", "a4"), order);
  }

  @Test
  void aLargeRunAtTheFrontIsNotOvertakenBySmallOnes() {
    AdmissionQueue q = queue(100, 4, 10, 10);
    AdmissionQueue.Ticket running = q.enter("x", 50);
    AdmissionQueue.Ticket large = q.enter("a", 80);
    AdmissionQueue.Ticket small = q.enter("b", 10);
    assertFalse(large.isAdmitted());
    assertFalse(small.isAdmitted(), "a small run would fit, but the large one's turn comes first");
    running.close();
    assertTrue(large.isAdmitted());
    assertTrue(small.isAdmitted(), "80 + 10 fit together");
  }

  @Test
  void aFullQueueRefusesWithARetryDelay() {
    AdmissionQueue q = queue(1000, 1, 3, 2);
    q.enter("x", 1);
    q.enter("a", 1);
    q.enter("a", 1);
    AdmissionRefusedException own =
        assertThrows(AdmissionRefusedException.class, () -> q.enter("a", 1));
    assertEquals(AdmissionRefusedException.Reason.CLIENT_QUEUE_FULL, own.reason());
    assertTrue(own.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0);
    q.enter("b", 1); // another client still has room
    AdmissionRefusedException all =
        assertThrows(AdmissionRefusedException.class, () -> q.enter("c", 1));
    assertEquals(AdmissionRefusedException.Reason.QUEUE_FULL, all.reason());
    assertTrue(all.getMessage().contains("retry in"), all.getMessage());
    assertEquals(3, q.queued());
    assertEquals(2, q.refusedTotal());
  }

  @Test
  void theRetryDelayFollowsRunTimesAndTheQueue() {
    AdmissionQueue q = queue(1000, 2, 10, 10);
    assertEquals(
        Duration.ofSeconds(1), q.retryDelay(), "no run measured yet, nothing queued: the floor");
    // Ten runs of 20 s each pull the mean run time to about 20 s.
    for (int i = 0; i < 10; i++) {
      AdmissionQueue.Ticket t = q.enter("a", 1);
      clock.addAndGet(TimeUnit.SECONDS.toNanos(20));
      t.close();
    }
    double mean = 20 - 19 * Math.pow(0.8, 10); // the exponential mean from its 1 s start
    long expectedEmpty = Math.round(mean * 1 / 2 * 1000);
    assertTrue(
        Math.abs(expectedEmpty - q.retryDelay().toMillis()) <= 1,
        q.retryDelay() + " vs " + expectedEmpty + " ms");
    q.enter("x", 1);
    q.enter("x", 1);
    for (int i = 0; i < 3; i++) {
      q.enter("y", 1);
    }
    assertTrue(
        Math.abs(Math.round(mean * 4 / 2 * 1000) - q.retryDelay().toMillis()) <= 1,
        "3 queued ahead, 2 slots: " + q.retryDelay());
  }

  @Test
  void cancellingAWaitingRunFreesItsPlaceAtOnce() {
    AdmissionQueue q = queue(1000, 1, 1, 1);
    AdmissionQueue.Ticket running = q.enter("x", 1);
    AdmissionQueue.Ticket waiting = q.enter("a", 1);
    assertThrows(AdmissionRefusedException.class, () -> q.enter("b", 1));
    waiting.cancel();
    assertEquals(0, q.queued());
    AdmissionQueue.Ticket next = q.enter("b", 1);
    assertFalse(next.isAdmitted());
    running.close();
    assertTrue(next.isAdmitted());
    assertFalse(waiting.isAdmitted(), "a cancelled run never starts");
  }

  @Test
  void cancellingTheRunAtTheFrontLetsTheOthersStart() {
    AdmissionQueue q = queue(100, 4, 10, 10);
    q.enter("x", 50);
    AdmissionQueue.Ticket large = q.enter("a", 80);
    AdmissionQueue.Ticket small = q.enter("b", 10);
    assertFalse(small.isAdmitted());
    large.cancel();
    assertTrue(small.isAdmitted(), "the run it waited behind left");
  }

  @Test
  void aBlockedWaiterWakesWhenAdmittedOrCancelled() throws Exception {
    AdmissionQueue q = queue(1000, 1, 10, 10);
    AdmissionQueue.Ticket running = q.enter("x", 1);
    AdmissionQueue.Ticket first = q.enter("a", 1);
    AdmissionQueue.Ticket second = q.enter("b", 1);
    CountDownLatch waiting = new CountDownLatch(2);
    CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> await(first, waiting));
    CompletableFuture<String> two = CompletableFuture.supplyAsync(() -> await(second, waiting));
    assertTrue(waiting.await(10, TimeUnit.SECONDS));
    second.cancel(); // as a client's cancellation or deadline does
    assertEquals("cancelled", two.get(10, TimeUnit.SECONDS));
    assertFalse(one.isDone());
    running.close();
    assertEquals("admitted", one.get(10, TimeUnit.SECONDS));
    assertEquals(1, q.running());
    assertEquals(0, q.queued());
  }

  private static String await(AdmissionQueue.Ticket t, CountDownLatch waiting) {
    waiting.countDown();
    try {
      t.awaitAdmission();
      return "admitted";
    } catch (CancellationException e) {
      return "cancelled";
    }
  }

  @Test
  void closingAWaitingTicketLeavesTheQueue() {
    AdmissionQueue q = queue(1000, 1, 10, 10);
    q.enter("x", 1);
    AdmissionQueue.Ticket waiting = q.enter("a", 1);
    waiting.close();
    assertEquals(0, q.queued());
    assertEquals(1, q.running());
  }

  @Test
  void settingsDeriveTheBudgetFromTheHeap() {
    AdmissionSettings s = AdmissionSettings.defaults();
    long mib = 1024 * 1024;
    assertEquals((long) (0.75 * 224 * mib), s.budget(256 * mib));
    assertEquals(0, s.budget(16 * mib), "a heap below the reserve leaves nothing for runs");
    assertEquals(10 * mib, s.withBudget(10 * mib).budget(256 * mib));
    assertThrows(IllegalArgumentException.class, () -> s.withHeap(1.5, 0));
  }
}
