package chaincast.engine;

import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Precision runs stop when every half-width is small enough, or at the cap. */
class PrecisionTest {

  /** A target near 50 % (the widest interval) and a joint set. */
  static Projection model() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            2025,
            cell("a", 0, 2020, 100, 0.05, 0.02, 0.1),
            cell("b", 0, 2020, 100, 0.05, 0.02, 0.1));
    double median = 100 * Math.exp(0.25);
    int ta = b.target(0, 2025, median);
    int tb = b.target(1, 2025, median * 0.7);
    b.joint(ta, tb);
    return b.build();
  }

  @Test
  void stopsWhenTheWantedHalfWidthIsReached() {
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              model(),
              Models.precision(0.01, 10_000_000, 1),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
    }
    assertEquals(RunStopReason.PRECISION_REACHED, r.stopReason());
    assertTrue(r.maxHalfWidth() <= 0.01, "max half-width " + r.maxHalfWidth());
    for (RunResult.TargetResult t : r.targets()) {
      assertTrue(t.hit().halfWidth() <= 0.01);
    }
    // p = 1/2 needs n = (1.96 / 0.01)² / 4 = 9604 paths: 3 blocks. Allow one more.
    assertTrue(r.paths() >= 9604, "paths " + r.paths());
    assertTrue(r.paths() <= 4 * MonteCarloEngine.BLOCK_SIZE, "paths " + r.paths());
    assertEquals(r.paths() % MonteCarloEngine.BLOCK_SIZE, 0);
  }

  /** Targets near 80 % and their joint set near 66 %: the joint set decides when to stop. */
  @Test
  void aJointSetWiderThanItsTargetsKeepsTheRunGoing() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            2025,
            cell("a", 0, 2020, 100, 0.05, 0.02, 0.1),
            cell("b", 1, 2020, 100, 0.05, 0.02, 0.1));
    double sd = Math.sqrt(25 * 0.02 * 0.02 + 5 * 0.1 * 0.1);
    double low = 100 * Math.exp(0.25 + sd * Models.quantile(0.2)); // P(hit) = 0.8
    int ta = b.target(0, 2025, low);
    int tb = b.target(1, 2025, low);
    b.joint(ta, tb);
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              b.build(),
              Models.precision(0.01, 10_000_000, 2),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
    }
    BinomialEstimate joint = r.joints().get(0).allHit();
    assertEquals(RunStopReason.PRECISION_REACHED, r.stopReason());
    assertTrue(joint.halfWidth() <= 0.01, "joint half-width " + joint.halfWidth());
    assertTrue(
        joint.halfWidth() > r.targets().get(0).hit().halfWidth(), "the joint set is the widest");
    assertEquals(joint.halfWidth(), r.maxHalfWidth(), 0.0);
  }

  @Test
  void stopsAtTheCapWhenThePrecisionIsOutOfReach() {
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              model(),
              Models.precision(0.001, 1000, 1),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
    }
    assertEquals(RunStopReason.PATH_CAP, r.stopReason());
    assertEquals(1000, r.paths());
    assertTrue(r.maxHalfWidth() > 0.001);
    assertEquals(1000, r.targets().get(0).hit().paths());
  }

  @Test
  void fixedRunsSayPathsDone() {
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              model(), Models.fixed(5000, 1), CancellationSignal.NEVER, ProgressListener.NONE);
    }
    assertEquals(RunStopReason.PATHS_DONE, r.stopReason());
    assertEquals(5000, r.paths());
    double widest = 0;
    for (RunResult.TargetResult t : r.targets()) {
      widest = Math.max(widest, t.hit().halfWidth());
    }
    widest = Math.max(widest, r.joints().get(0).allHit().halfWidth());
    assertEquals(widest, r.maxHalfWidth(), 0.0);
  }
}
