package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Another {@link BlockScheduler} plugs into the engine and gives the same results, bit for bit: one
 * that runs the blocks of each range in a shuffled order, on shuffled slots, on the calling thread
 * (as a cluster executor would return them in any order), and merges in block order.
 */
class PluggableSchedulerTest {

  /** Runs blocks in a shuffled order on the calling thread; merges them in block order. */
  static final class ShuffledScheduler implements BlockScheduler {
    private final int slots;
    private final Random random;
    int ranges;

    ShuffledScheduler(int slots, long shuffleSeed) {
      this.slots = slots;
      this.random = new Random(shuffleSeed);
    }

    @Override
    public int parallelism() {
      return slots;
    }

    @Override
    public <R> void run(
        BlockRange range, Work<R> work, Merger<R> merger, CancellationSignal cancel) {
      ranges++;
      List<Long> order = new ArrayList<>();
      for (long b = range.first(); b < range.end(); b++) {
        order.add(b);
      }
      Collections.shuffle(order, random);
      Map<Long, R> results = new HashMap<>();
      long done = 0;
      for (long b : order) {
        if (cancel.isCancelled()) {
          throw new RunCancelledException(range.pathsBefore() + done);
        }
        results.put(b, work.simulate(random.nextInt(slots), b, range.pathsIn(b)));
        done += range.pathsIn(b);
      }
      for (long b = range.first(); b < range.end(); b++) {
        merger.merge(b, results.get(b));
      }
    }

    @Override
    public void close() {}
  }

  @Test
  void shuffledBlocksGiveThePinnedResults() {
    ShuffledScheduler scheduler = new ShuffledScheduler(3, 17);
    try (MonteCarloEngine engine = new MonteCarloEngine(scheduler)) {
      assertEquals(3, engine.threads());
      Projection p = PinnedResultsTest.everything(PinnedResultsTest.STUDENT);
      assertEquals(
          PinnedResultsTest.FIXED_STUDENT,
          PinnedResultsTest.digestOfRun(engine, p, Models.fixed(30_001, 20240611L)));
      assertEquals(
          PinnedResultsTest.PRECISION_STUDENT,
          PinnedResultsTest.digestOfRun(engine, p, Models.precision(0.01, 60_000, 99L)));
      assertEquals(PinnedResultsTest.COMPARISON, PinnedResultsTest.digestOfComparison(engine));
    }
    assertTrue(
        scheduler.ranges > 3, "the runs went through the plugged scheduler: " + scheduler.ranges);
  }

  @Test
  void theEnginePassesCancellationThrough() {
    AtomicInteger polls = new AtomicInteger();
    try (MonteCarloEngine engine = new MonteCarloEngine(new ShuffledScheduler(2, 5))) {
      RunCancelledException e =
          assertThrows(
              RunCancelledException.class,
              () ->
                  engine.run(
                      ConservationTest.model().build(),
                      Models.fixed(10_000_000, 1),
                      () -> polls.incrementAndGet() > 30,
                      ProgressListener.NONE));
      assertEquals(30L * MonteCarloEngine.BLOCK_SIZE, e.pathsDone());
    }
  }
}
