package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.cell;
import static chaincast.engine.Models.quantile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomised quasi-Monte Carlo runs: closed-form agreement, coverage of the reported intervals, the
 * variance reduction, determinism across thread counts, precision runs and cancellation.
 */
class RandomizedQmcTest {

  static final double V0 = 100;
  static final double M = 0.06;
  static final double VOL = 0.12;

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static RunResult rqmc(Projection p, RunSettings s) {
    return RandomizedQmcRun.run(engine, p, s, CancellationSignal.NEVER, ProgressListener.NONE);
  }

  /** One lognormal cell from {@code base} to 2025 with drift sd {@code s}; targets at these P. */
  static Projection lognormal(int base, double s, double... hit) {
    int n = 2025 - base;
    double mu = Math.log(V0) + n * M;
    double sd = Math.sqrt(n * n * s * s + n * VOL * VOL);
    Models.Builder b = Models.builder(Models.NORMAL, 2025, cell("a", 0, base, V0, M, s, VOL));
    for (double h : hit) {
      b.target(0, 2025, Math.exp(mu + sd * quantile(1 - h)));
    }
    return b.build();
  }

  @Test
  void singleCellMatchesTheLognormalWithin3StandardErrors() {
    double[] hit = {0.001, 0.5, 0.99};
    RunResult r = rqmc(lognormal(2020, 0.04, hit), Models.fixed(16 * 4096, 21));
    assertEquals(16 * 4096, r.paths());
    assertEquals(RunStopReason.PATHS_DONE, r.stopReason());
    for (int i = 0; i < hit.length; i++) {
      RunResult.TargetResult t = r.targets().get(i);
      assertTrue(
          t.method() == EstimationMethod.QUASI_RANDOM
              || t.method() == EstimationMethod.QUASI_RANDOM_CONDITIONAL,
          "method " + t.method());
      assertTrue(t.hit().standardError() > 0, "a measured error");
      assertWithin(hit[i], t.hit().estimate(), t.hit().standardError(), 3, "P = " + hit[i]);
      assertWithin(
          hit[i], t.plainHit().estimate(), t.plainHit().standardError(), 3, "hits, P " + hit[i]);
      assertEquals(16 * 4096, t.hit().paths());
    }
  }

  /**
   * A sum of three cells in two chains (no closed form): against a long plain run, within 3 of the
   * two runs' combined standard errors.
   */
  @Test
  void sumOfCellsMatchesALongPlainRun() {
    Models.Builder pilot = sum();
    pilot.target(3, 2025, 1.0);
    RunSettings quantiles = new RunSettings(200_000, 0, 0, 3, new double[] {0.1, 50, 99.9});
    double[] q =
        engine
            .run(pilot.build(), quantiles, CancellationSignal.NEVER, ProgressListener.NONE)
            .targets()
            .get(0)
            .percentiles();
    Models.Builder b = sum();
    for (double threshold : q) {
      b.target(3, 2025, threshold); // P near 0.999, 0.5 and 0.001
    }
    Projection p = b.build();
    RunResult plain =
        engine.run(p, Models.fixed(2_000_000, 4), CancellationSignal.NEVER, ProgressListener.NONE);
    RunResult quasi = rqmc(p, Models.fixed(16 * 8192, 5));
    for (int i = 0; i < q.length; i++) {
      BinomialEstimate a = plain.targets().get(i).hit();
      BinomialEstimate e = quasi.targets().get(i).hit();
      double se = Math.hypot(a.standardError(), e.standardError());
      assertWithin(a.estimate(), e.estimate(), se, 3, "sum target " + i);
    }
  }

  /**
   * Paths weighted by an observation (the self-normalised estimator in every randomisation):
   * against a long plain run of the same weighted model, and the reduction is measured against the
   * weighted hit-count variance.
   */
  @Test
  void weightedPathsMatchALongPlainRun() {
    Models.Builder b = sum();
    b.observe(2022, 190, 0.05, 0, 1, 2);
    b.target(3, 2025, 200);
    b.target(3, 2025, 260);
    Projection p = b.build();
    RunResult plain =
        engine.run(p, Models.fixed(1_000_000, 6), CancellationSignal.NEVER, ProgressListener.NONE);
    RunResult quasi = rqmc(p, Models.fixed(16 * 8192, 7));
    assertTrue(quasi.weights().weighted());
    assertTrue(quasi.weights().effectivePaths() < quasi.paths());
    for (int i = 0; i < 2; i++) {
      BinomialEstimate a = plain.targets().get(i).hit();
      RunResult.TargetResult t = quasi.targets().get(i);
      double se = Math.hypot(a.standardError(), t.hit().standardError());
      assertTrue(a.estimate() > 0.05 && a.estimate() < 0.95, "not degenerate: " + a.estimate());
      assertWithin(a.estimate(), t.hit().estimate(), se, 3, "weighted target " + i);
      assertTrue(
          t.varianceReduction() > 0.5 && t.varianceReduction() < 1e4,
          "reduction " + t.varianceReduction());
    }
  }

  static Models.Builder sum() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            2025,
            cell("a", 0, 2020, 100, 0.06, 0.03, 0.12),
            cell("b", 0, 2021, 40, 0.10, 0.02, 0.20),
            cell("c", 1, 2020, 60, 0.04, 0.01, 0.15));
    b.group("all", 0, 1, 2);
    return b;
  }

  /**
   * Over 1000 seeds, the 95% intervals of small runs (16 randomisations of 256 points) cover the
   * exact probability 92% to 98% of the time, for targets at P = 0.1, 0.5 and 0.9. 1000 seeds
   * rather than 200: the binomial sd of a coverage over 200 seeds is 1.5 points, so ±3 points is
   * only 2 sd (seeds 1000-1199 gave 91.5% at P = 0.5, while 3000 seeds gave 94.8%); over 1000 it is
   * 4 sd, and the test still takes about a second.
   */
  @Test
  void intervalsCoverTheExactValue() {
    double[] hit = {0.1, 0.5, 0.9};
    Projection p = lognormal(2023, 0.03, hit);
    int seeds = 1000;
    int[] covered = new int[hit.length];
    for (int seed = 0; seed < seeds; seed++) {
      RunResult r = rqmc(p, Models.fixed(16 * 256, 1000 + seed));
      for (int i = 0; i < hit.length; i++) {
        BinomialEstimate e = r.targets().get(i).hit();
        covered[i] += e.low() <= hit[i] && hit[i] <= e.high() ? 1 : 0;
      }
    }
    for (int i = 0; i < hit.length; i++) {
      double coverage = covered[i] / (double) seeds;
      assertTrue(coverage >= 0.92 && coverage <= 0.98, "P = " + hit[i] + ": coverage " + coverage);
    }
  }

  /**
   * One year of one cell (three draws): the reported error is far below plain Monte Carlo's at the
   * same paths, and the spread of the estimate over independent seeds confirms it.
   */
  @Test
  void varianceReductionIsReal() {
    Projection p = lognormal(2024, 0.0, 0.3);
    long paths = 16 * 4096;
    double plainSe = Math.sqrt(0.3 * 0.7 / paths);
    List<Double> estimates = new ArrayList<>();
    for (int seed = 0; seed < 12; seed++) {
      RunResult.TargetResult t = rqmc(p, Models.fixed(paths, 40 + seed)).targets().get(0);
      assertTrue(t.varianceReduction() > 10, "reported reduction " + t.varianceReduction());
      assertTrue(t.hit().standardError() < plainSe / 3, "SE " + t.hit().standardError());
      estimates.add(t.hit().estimate());
    }
    double mean = estimates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = estimates.stream().mapToDouble(e -> (e - mean) * (e - mean)).sum();
    double spread = Math.sqrt(squares / (estimates.size() - 1));
    assertTrue(spread < plainSe / 3, "spread over seeds " + spread + " vs plain " + plainSe);
  }

  @Test
  void bitIdenticalForOneTwoAndEightThreads() {
    Projection p = ConservationTest.model().build();
    RunSettings fixed = Models.fixed(16 * 8192, 9);
    RunSettings precision = Models.precision(0.004, 16 * 16384, 9);
    List<List<Long>> results = new ArrayList<>();
    List<Long> first = null;
    for (int threads : new int[] {1, 2, 8}) {
      try (MonteCarloEngine e = new MonteCarloEngine(threads)) {
        List<Long> all = new ArrayList<>();
        for (RunSettings s : List.of(fixed, precision)) {
          RunResult r =
              RandomizedQmcRun.run(
                  e,
                  p,
                  s,
                  CancellationSignal.NEVER,
                  pr -> all.add(Double.doubleToRawLongBits(pr.maxHalfWidth())));
          all.addAll(DeterminismTest.fingerprint(r));
          first = first == null ? DeterminismTest.fingerprint(r) : first;
          for (RunResult.TargetResult t : r.targets()) {
            all.add((long) t.method().name().hashCode());
            all.add(Double.doubleToRawLongBits(t.varianceReduction()));
            all.add(Double.doubleToRawLongBits(t.plainHit().estimate()));
          }
        }
        results.add(all);
      }
    }
    assertEquals(results.get(0), results.get(1), "1 vs 2 threads");
    assertEquals(results.get(0), results.get(2), "1 vs 8 threads");
    RunResult other = rqmc(p, Models.fixed(16 * 8192, 10));
    assertNotEquals(first, DeterminismTest.fingerprint(other), "seed matters");
  }

  @Test
  void precisionRunStopsOnTheRandomisationError() {
    Projection p = lognormal(2024, 0.0, 0.3);
    RunResult r = rqmc(p, Models.precision(0.0005, 50_000_000, 8));
    assertEquals(RunStopReason.PRECISION_REACHED, r.stopReason());
    assertTrue(r.maxHalfWidth() <= 0.0005);
    // plain Monte Carlo would need 0.21 (1.96 / 0.0005)² = 3.2 M paths
    assertTrue(r.paths() < 1_000_000, "paths " + r.paths());
    assertEquals(0, r.paths() % 16);
    // The error is a 16-randomisation estimate: its ratio to the true error is t with 15 degrees of
    // freedom, whose tails are heavier than the normal's (|t15| > 3 has probability 0.9%).
    assertWithin(
        0.3, r.targets().get(0).hit().estimate(), r.targets().get(0).hit().standardError(), 4, "P");

    // Out of reach (five years with a drawn drift: many more dimensions than the one-year cell).
    RunResult capped = rqmc(lognormal(2020, 0.04, 0.3), Models.precision(1e-5, 16 * 5000, 8));
    assertEquals(RunStopReason.PATH_CAP, capped.stopReason());
    assertEquals(16 * 4096, capped.paths(), "the cap rounded down to whole blocks");
  }

  @Test
  void pathsAreSplitExactlyOverTheRandomisations() {
    assertEquals(
        "[62500, 62500, 62500, 62500, 62500, 62500, 62500, 62500, 62500, 62500, 62500, 62500,"
            + " 62500, 62500, 62500, 62500]",
        Arrays.toString(RandomizedQmcRun.split(1_000_000, 16)));
    assertEquals("[4, 4, 4, 3]", Arrays.toString(RandomizedQmcRun.split(15, 4)));
    assertEquals(20_001, Arrays.stream(RandomizedQmcRun.split(20_001, 16)).sum());
  }

  @Test
  void cancellationStopsTheRun() {
    Projection p = ConservationTest.model().build();
    AtomicInteger polls = new AtomicInteger();
    CancellationSignal afterAFewBlocks = () -> polls.incrementAndGet() > 20;
    RunCancelledException e =
        assertThrows(
            RunCancelledException.class,
            () ->
                RandomizedQmcRun.run(
                    engine, p, Models.fixed(16 * 8192, 3), afterAFewBlocks, ProgressListener.NONE));
    assertTrue(e.pathsDone() > 0 && e.pathsDone() < 16 * 8192, "paths " + e.pathsDone());
  }

  @Test
  void rejectsBadSettings() {
    Projection p = lognormal(2024, 0.0, 0.3);
    assertThrows(IllegalArgumentException.class, () -> rqmc(p, Models.precision(0.6, 1000, 1)));
    assertThrows(IllegalArgumentException.class, () -> rqmc(p, Models.precision(0.01, 0, 1)));
    assertThrows(IllegalArgumentException.class, () -> rqmc(p, Models.fixed(0, 1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RandomizedQmcRun.run(
                engine,
                p,
                Models.fixed(1000, 1),
                1,
                CancellationSignal.NEVER,
                ProgressListener.NONE));
  }
}
