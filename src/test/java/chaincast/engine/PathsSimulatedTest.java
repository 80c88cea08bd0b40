package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's paths-simulated total (the server's throughput metric) counts every block the
 * scheduler completes, once per side of a comparison, cancelled runs included.
 */
class PathsSimulatedTest {

  @Test
  void runsComparisonsAndCancelledRunsAddTheirCompletedPaths() {
    Projection p = ConservationTest.model().build();
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      assertEquals(0, engine.pathsSimulated());
      // 10 000 paths: two full blocks and a partial one.
      engine.run(p, Models.fixed(10_000, 1), CancellationSignal.NEVER, ProgressListener.NONE);
      assertEquals(10_000, engine.pathsSimulated());

      engine.compare(p, p, 5_000, 7, CancellationSignal.NEVER);
      assertEquals(20_000, engine.pathsSimulated(), "a paired path counts once per side");

      AtomicInteger polls = new AtomicInteger();
      RunCancelledException e =
          assertThrows(
              RunCancelledException.class,
              () ->
                  engine.run(
                      p,
                      Models.fixed(50_000_000, 1),
                      () -> polls.incrementAndGet() > 5,
                      ProgressListener.NONE));
      assertEquals(
          20_000 + e.pathsDone(),
          engine.pathsSimulated(),
          "exactly the blocks the cancelled run completed");
    }
  }
}
