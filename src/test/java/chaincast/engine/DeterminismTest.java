package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same projection, settings and seed give bit-identical results on 1, 2 and 8 threads. */
class DeterminismTest {

  /** Every number of a result (all but elapsed time), as raw bits. */
  @SuppressWarnings("EnumOrdinal") // PinnedResultsTest's digests were taken over the ordinal
  static List<Long> fingerprint(RunResult r) {
    List<Long> out = new ArrayList<>();
    out.add(r.paths());
    out.add((long) r.stopReason().ordinal());
    bits(out, r.maxHalfWidth());
    for (RunResult.TargetResult t : r.targets()) {
      estimate(out, t.hit());
      for (double v : t.percentiles()) {
        bits(out, v);
      }
      bits(out, t.median());
      bits(out, t.mean());
      bits(out, t.expectedShortfall());
    }
    for (RunResult.JointResult j : r.joints()) {
      estimate(out, j.allHit());
    }
    for (RunResult.FanResult f : r.fans()) {
      for (int y : f.years()) {
        out.add((long) y);
      }
      for (double[] row : f.percentiles()) {
        for (double v : row) {
          bits(out, v);
        }
      }
    }
    if (r.weights().weighted()) { // unweighted runs keep the fingerprint they always had
      bits(out, r.weights().effectivePaths());
      out.add(r.weights().clampedPaths());
    }
    return out;
  }

  private static void estimate(List<Long> out, BinomialEstimate e) {
    out.add(e.hits());
    out.add(e.paths());
    bits(out, e.estimate());
    bits(out, e.standardError());
    bits(out, e.low());
    bits(out, e.high());
  }

  private static void bits(List<Long> out, double v) {
    out.add(Double.doubleToRawLongBits(v));
  }

  record Outcome(List<Long> fingerprint, List<Long> progress) {}

  static Outcome run(int threads, RunSettings settings) {
    Projection p = ConservationTest.model().build();
    List<Long> progress = new ArrayList<>();
    try (MonteCarloEngine engine = new MonteCarloEngine(threads)) {
      RunResult r =
          engine.run(
              p,
              settings,
              CancellationSignal.NEVER,
              pr -> {
                progress.add(pr.pathsDone());
                progress.add(Double.doubleToRawLongBits(pr.maxHalfWidth()));
                pr.targets().forEach(e -> progress.add(e.hits()));
              });
      return new Outcome(fingerprint(r), progress);
    }
  }

  @Test
  void fixedRunIsIdenticalOnAnyThreadCount() {
    RunSettings settings = Models.fixed(70_001, 42); // 17 full blocks and a partial one
    Outcome one = run(1, settings);
    assertEquals(one, run(2, settings));
    assertEquals(one, run(8, settings));
  }

  @Test
  void precisionRunIsIdenticalOnAnyThreadCount() {
    RunSettings settings = Models.precision(0.004, 150_000, 43);
    Outcome one = run(1, settings);
    assertEquals(one, run(2, settings));
    assertEquals(one, run(8, settings));
  }

  @Test
  void anotherSeedGivesAnotherResult() {
    assertNotEquals(
        run(2, Models.fixed(20_000, 1)).fingerprint(),
        run(2, Models.fixed(20_000, 2)).fingerprint());
  }
}
