package chaincast.engine;

import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path by path, through {@link PathSampler} (the engine's own inner loop): groups are the sums of
 * their cells, cells hold their base value until their base year; and the engine's counts are those
 * of the sampled paths.
 */
class ConservationTest {

  static final ShockSpec T = new ShockSpec(0.25, 0.25, ShockSpec.Distribution.STUDENT_T, 5);

  /** Staggered base years, events, Student-t shocks, overlapping groups. */
  static Models.Builder model() {
    Models.Builder b =
        Models.builder(
            T,
            2026,
            cell("a", 0, 2019, 120, 0.07, 0.03, 0.12),
            cell(
                "b", 0, 2020, 40, 0.10, 0.02, 0.20, new EventSpec("e1", 2021, 2024, 0.3, 0.3, 0.1)),
            cell("c", 0, 2021, 15, 0.15, 0.05, 0.25),
            cell("d", 1, 2020, 300, 0.04, 0.01, 0.08),
            cell(
                "e",
                2,
                2019,
                0.5,
                0.30,
                0.10,
                0.40,
                new EventSpec("e2", 2018, 2030, 0.2, 1.0, 0.2)),
            cell("f", 2, 2020, 75, 0.06, 0.0, 0.0));
    int chain0 = b.group("chain0", 0, 1, 2);
    int all = b.group("all", 5, 4, 3, 2, 1, 0);
    b.group("mixed", 2, 4);
    int t1 = b.target(all, 2026, 900);
    int t2 = b.target(chain0, 2023, 250);
    int t3 = b.target(4, 2025, 1.5);
    int t4 =
        b.target(new ChainsAboveTarget("ca", new int[] {0, 1, 2, 3, 4, 5}, 60, 2026, 3, false));
    b.joint(t1, t2).joint(t1, t2, t3).joint(t3, t4).joint(t2);
    b.fan(all);
    return b;
  }

  @Test
  void everyGroupIsTheSumOfItsCellsOnEveryPathAndYear() {
    Projection p = model().build();
    PathSampler sampler = new PathSampler(p);
    AtomicLong checked = new AtomicLong();
    for (int block = 0; block < 4; block++) {
      sampler.sampleBlock(
          99,
          block,
          2000,
          (path, year, cells, groups) -> {
            for (int g = 0; g < p.groups().size(); g++) {
              double sum = 0;
              for (int c : p.groups().get(g).cells()) {
                sum += cells[c];
              }
              // The same cells added in the same order: exact; allow 1e-12 in case the order
              // changes.
              assertEquals(
                  sum, groups[g], 1e-12 * sum, "path " + path + " year " + year + " group " + g);
            }
            for (int c = 0; c < p.cells().size(); c++) {
              CellSpec cell = p.cells().get(c);
              assertTrue(cells[c] > 0 && Double.isFinite(cells[c]));
              if (year <= cell.baseYear()) {
                assertEquals(
                    cell.baseValue(), cells[c], 0.0, "cell " + cell.id() + " before its base year");
              }
            }
            checked.incrementAndGet();
          });
    }
    assertEquals(4 * 2000 * (2026 - 2019 + 1), checked.get());
  }

  @Test
  void engineCountsAreThoseOfTheSampledPaths() {
    Projection p = model().build();
    int blocks = 3;
    long paths = blocks * (long) MonteCarloEngine.BLOCK_SIZE - 1000; // the last block partial
    long[] hits = new long[2];
    double[] sumAll = new double[1];
    PathSampler sampler = new PathSampler(p);
    for (int block = 0; block < blocks; block++) {
      int n =
          (int)
              Math.min(
                  MonteCarloEngine.BLOCK_SIZE, paths - block * (long) MonteCarloEngine.BLOCK_SIZE);
      sampler.sampleBlock(
          5,
          block,
          n,
          (path, year, cells, groups) -> {
            if (year == 2026) {
              hits[0] += groups[7] >= 900 ? 1 : 0;
              sumAll[0] += groups[7];
            }
            if (year == 2023) {
              hits[1] += groups[6] >= 250 ? 1 : 0;
            }
          });
    }
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r = engine.run(p, Models.fixed(paths, 5), CancellationSignal.NEVER, ProgressListener.NONE);
    }
    assertEquals(paths, r.paths());
    assertEquals(hits[0], r.targets().get(0).hit().hits());
    assertEquals(hits[1], r.targets().get(1).hit().hits());
    assertEquals(sumAll[0] / paths, r.targets().get(0).mean(), 1e-12 * sumAll[0] / paths);
  }

  /**
   * The engine's percentiles, median, mean and shortfall of a target are those of the sampled
   * paths' values: within one histogram bin of the exact order statistics (rank p n, as the
   * histogram counts it), for a run of several blocks and for one shorter than the histogram's
   * buffer.
   */
  @ParameterizedTest
  @ValueSource(longs = {100, 2 * MonteCarloEngine.BLOCK_SIZE + 777})
  void engineStatisticsAreThoseOfTheSampledPaths(long paths) {
    Projection p = model().build();
    double[] values = new double[(int) paths];
    PathSampler sampler = new PathSampler(p);
    for (int block = 0; block * (long) MonteCarloEngine.BLOCK_SIZE < paths; block++) {
      int n =
          (int)
              Math.min(
                  MonteCarloEngine.BLOCK_SIZE, paths - block * (long) MonteCarloEngine.BLOCK_SIZE);
      sampler.sampleBlock(
          77,
          block,
          n,
          (path, year, cells, groups) -> {
            if (year == 2026) {
              values[(int) path] = groups[7];
            }
          });
    }
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r = engine.run(p, Models.fixed(paths, 77), CancellationSignal.NEVER, ProgressListener.NONE);
    }
    RunResult.TargetResult t = r.targets().get(0); // group 7 ("all") >= 900 in 2026
    double sum = 0;
    double shortfall = 0;
    long misses = 0;
    for (double v : values) {
      sum += v;
      if (v < 900) {
        shortfall += 900 - v;
        misses++;
      }
    }
    assertEquals(sum / paths, t.mean(), 1e-12 * sum / paths, "mean");
    assertEquals(shortfall / misses, t.expectedShortfall(), 1e-9 * shortfall / misses, "shortfall");
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < Models.PCT.length; i++) {
      double exact = sorted[(int) Math.ceil(Models.PCT[i] / 100 * paths) - 1];
      assertEquals(
          exact, t.percentiles()[i], exact * LogHistogram.RELATIVE_RESOLUTION, "P" + Models.PCT[i]);
    }
    double median = sorted[(int) Math.ceil(0.5 * paths) - 1];
    assertEquals(median, t.median(), median * LogHistogram.RELATIVE_RESOLUTION, "median");
    // The fan on the same group reads the same histogram.
    assertArrayEquals(t.percentiles(), r.fans().get(0).percentiles()[2026 - 2019], 0.0);
  }

  @Test
  void jointProbabilitiesNeverExceedTheirMarginals() {
    Projection p = model().build();
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r = engine.run(p, Models.fixed(50_000, 8), CancellationSignal.NEVER, ProgressListener.NONE);
    }
    for (int j = 0; j < p.joints().size(); j++) {
      long joint = r.joints().get(j).allHit().hits();
      for (int t : p.joints().get(j).targets()) {
        long marginal = r.targets().get(t).hit().hits();
        assertTrue(
            joint <= marginal,
            "joint " + j + " (" + joint + ") > target " + t + " (" + marginal + ")");
      }
    }
    // The one-target joint set is that target.
    // a joint set is counted by hits, as is each target's plain estimate
    assertEquals(r.targets().get(1).plainHit(), r.joints().get(3).allHit());
    // Some joint is strictly rarer than its marginals, so the check has teeth.
    assertTrue(r.joints().get(1).allHit().hits() < r.targets().get(0).hit().hits());
    assertTrue(r.joints().get(1).allHit().hits() > 0);
  }
}
