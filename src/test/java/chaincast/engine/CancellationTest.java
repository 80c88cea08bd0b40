package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cancellation stops all workers within a block; progress arrives after every round. */
class CancellationTest {

  @Test
  void aSignalStopsTheRunWithinABlockOfEachWorker() {
    int allowedPolls = 3;
    AtomicInteger polls = new AtomicInteger();
    CancellationSignal signal = () -> polls.incrementAndGet() > allowedPolls;
    long asked = 50_000_000;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      RunCancelledException e =
          assertThrows(
              RunCancelledException.class,
              () ->
                  engine.run(
                      ConservationTest.model().build(),
                      Models.fixed(asked, 1),
                      signal,
                      ProgressListener.NONE));
      // A worker polls before claiming each block, so at most one block per
      // poll that said "go on" was simulated.
      assertTrue(
          e.pathsDone() <= allowedPolls * (long) MonteCarloEngine.BLOCK_SIZE,
          "paths " + e.pathsDone());
      assertTrue(e.pathsDone() > 0);
      assertTrue(e.pathsDone() < asked / 1000);
      assertTrue(e.getMessage().contains(Long.toString(e.pathsDone())));
      // The engine is still usable.
      RunResult r =
          engine.run(
              ConservationTest.model().build(),
              Models.fixed(1000, 1),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
      assertEquals(1000, r.paths());
    }
  }

  @Test
  void cancellationAfterSomeRoundsStopsAMultiRoundRun() {
    long[] lastProgress = {0};
    AtomicInteger polls = new AtomicInteger();
    CancellationSignal signal = () -> polls.incrementAndGet() > 40;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      RunCancelledException e =
          assertThrows(
              RunCancelledException.class,
              () ->
                  engine.run(
                      ConservationTest.model().build(),
                      Models.fixed(100_000_000, 1),
                      signal,
                      p -> lastProgress[0] = p.pathsDone()));
      assertTrue(lastProgress[0] > 0, "some rounds completed");
      assertTrue(e.pathsDone() >= lastProgress[0]);
      assertTrue(e.pathsDone() <= 40L * MonteCarloEngine.BLOCK_SIZE);
    }
  }

  @Test
  void progressIsReportedOnTheCallerThreadAfterEveryRound() {
    List<RunProgress> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    long paths = 300_000;
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              ConservationTest.model().build(),
              Models.fixed(paths, 1),
              CancellationSignal.NEVER,
              p -> {
                assertEquals(caller, Thread.currentThread());
                seen.add(p);
              });
    }
    assertTrue(seen.size() >= 5, "rounds: " + seen.size());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i).pathsDone() > seen.get(i - 1).pathsDone());
      assertTrue(seen.get(i).elapsedNanos() >= seen.get(i - 1).elapsedNanos());
    }
    RunProgress last = seen.get(seen.size() - 1);
    assertEquals(paths, last.pathsDone());
    assertEquals(paths, last.pathsPlanned());
    assertEquals(r.maxHalfWidth(), last.maxHalfWidth(), 0.0);
    for (int t = 0; t < r.targets().size(); t++) {
      assertEquals(r.targets().get(t).hit(), last.targets().get(t));
    }
  }

  @Test
  void anInterruptCancelsTheRunAndKeepsTheFlag() {
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      Thread.currentThread().interrupt();
      assertThrows(
          RunCancelledException.class,
          () ->
              engine.run(
                  ConservationTest.model().build(),
                  Models.fixed(100_000_000, 1),
                  CancellationSignal.NEVER,
                  ProgressListener.NONE));
      assertTrue(Thread.interrupted(), "interrupt flag kept (and cleared here)");
    }
  }
}
