package chaincast.engine;

import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The structures whose size a request sets are bounded, and bounding them changes no result: count
 * laws draw exactly what full tables drew, count histograms of huge counts stay small, value
 * histograms keep to their windows and give the same percentiles as unbounded ones.
 */
class BoundedMemoryTest {

  // ------------------------------------------------------------------ count laws

  /**
   * The full table as it was built before (every cumulative value stored, up to 65 536): still the
   * law of every table whose recursion from pmf(0) ends within that (see {@link CountTable}); the
   * others are checked against closed forms in {@link CountDrawsExactTest}.
   */
  static double[] fullTable(double meanRate, double shape, int years) {
    double mean = meanRate * years;
    if (!(mean > 0)) {
      return new double[] {1.0};
    }
    double pmf = CountDraws.firstPmf(shape, mean);
    double q = shape > 0 ? 1 - shape / (shape + mean) : mean;
    double total = pmf;
    double[] cdf = new double[1 << 16];
    cdf[0] = total;
    int k = 0;
    while (1 - total > CountTable.TAIL && k + 1 < (1 << 16)) {
      pmf *= shape > 0 ? (shape + k) / (k + 1) * q : q / (k + 1);
      k++;
      total += pmf;
      cdf[k] = total;
      if (pmf == 0 && total < 1 - CountTable.TAIL && k > mean) {
        break;
      }
    }
    return Arrays.copyOf(cdf, k + 1);
  }

  /** The smallest k with cdf[k] > u, else the last index: what the full table's search returned. */
  static int fullInverse(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1; // the answer is in [lo, hi]: the last index when nothing exceeds u
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Test
  void countLawsDrawExactlyWhatFullTablesDrew() {
    double[][] laws = {
      {2.5, 4, 3}, // the seeded kind: a short table
      // (A Poisson of mean 9 000 was here: it started from e^-9000 = 0, and one of mean 600 sums
      // short of 1 - 1e-15 by rounding; both are now built from the mode and checked against
      // closed forms in CountDrawsExactTest.)
      // (So was {400, 4, 3}: its old sum stopped short by rounding and ran to the cap.)
      {0, 4, 3}
    };
    SplittableRandom random = new SplittableRandom(7);
    for (double[] law : laws) {
      double[] full = fullTable(law[0], law[1], (int) law[2]);
      CountTable table = CountTable.of(law[0], law[1], (int) law[2]);
      String what = Arrays.toString(law);
      assertEquals(full.length - 1, table.last(), what + ": last");
      assertEquals(
          full.length - 1, CountTable.lastOf(law[0], law[1], (int) law[2]), what + ": lastOf");
      assertTrue(table.denseLength() <= CountTable.DENSE, what);
      assertTrue(CountTable.bytesOf(law[0], law[1], (int) law[2]) < 200 * 1024, what + ": bytes");
      List<Double> us = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        us.add(random.nextDouble());
        us.add(1 - Math.pow(random.nextDouble(), 8)); // crowd the upper tail
      }
      for (int k = 0; k < full.length; k += Math.max(1, full.length / 3000)) {
        us.add(full[k]); // on a cumulative value, and just either side
        us.add(Math.nextDown(full[k]));
        us.add(Math.min(Math.nextUp(full[k]), Math.nextDown(1.0)));
      }
      for (double u : us) {
        if (u >= 0 && u < 1) { // a uniform draw is in [0, 1)
          assertEquals(fullInverse(full, u), table.inverse(u), what + " at u = " + u);
        }
      }
    }
  }

  @Test
  void cellsWithTheSameLawShareOneTable() {
    CountTables tables = new CountTables();
    assertTrue(tables.get(10_000, 0.5, 3) == tables.get(10_000, 0.5, 3));
    assertTrue(tables.get(10_000, 0.5, 3) != tables.get(10_000, 0.5, 4));
  }

  // ------------------------------------------------------------------ count histograms

  @Test
  void countHistogramsAreExactBelow1024AndWithinABinAbove() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 100_000;
    int[] counts = new int[n];
    CountHistogram a = new CountHistogram(64, Integer.MAX_VALUE);
    CountHistogram b = new CountHistogram(64, Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      // Half small counts, half spread log-uniformly up to 2^30.
      counts[i] =
          random.nextBoolean()
              ? random.nextInt(1000)
              : (int) Math.exp(random.nextDouble() * 30 * Math.log(2));
      (i % 3 == 0 ? a : b).add(counts[i]);
    }
    CountHistogram merged = new CountHistogram(1, Integer.MAX_VALUE);
    merged.addAll(a);
    merged.addAll(b);
    int[] sorted = counts.clone();
    Arrays.sort(sorted);
    for (double p : new double[] {1, 10, 25, 49, 50, 51, 75, 90, 99, 99.9}) {
      double rank = p / 100 * n;
      int exact = sorted[(int) Math.ceil(rank) - 1];
      double got = merged.percentile(n, p);
      if (exact < CountHistogram.EXACT) {
        assertEquals(exact, got, "P" + p);
      } else {
        assertTrue(
            got <= exact && got >= exact * (1 - LogHistogram.RELATIVE_RESOLUTION) - 1,
            "P" + p + ": " + got + " vs " + exact);
      }
    }
    // Every count up to 2^30 seen, and the bound holds: at most 21 pages past the exact part.
    assertTrue(CountHistogram.maxBytes(Integer.MAX_VALUE) < 200 * 1024);
    assertTrue(
        CountHistogram.maxBytes(500) < 9 * 1024, "counts that stay small need the exact part only");
  }

  // ------------------------------------------------------------------ value histograms

  @Test
  void aWindowedHistogramKeepsToItsPagesAndAgreesInsideIt() {
    LogHistogram full = new LogHistogram();
    LogHistogram windowed = new LogHistogram(1023 - 3, 1023 + 5); // [1/8, 32)
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      double v = Math.exp(random.nextGaussian() * (i % 100 == 0 ? 20 : 0.7)); // 1% far out
      full.add(v);
      windowed.add(v);
    }
    assertTrue(windowed.pagesInUse() <= 8);
    assertTrue(windowed.coarseCount() > 0, "the far values were counted, coarsely");
    assertEquals(full.count(), windowed.count());
    for (double p : new double[] {5, 10, 25, 50, 75, 90, 95}) {
      assertEquals(full.percentile(p), windowed.percentile(p), "P" + p + " inside the window");
    }
    // A percentile in the coarse tail is still within its octave.
    double far = full.percentile(0.2);
    double coarse = windowed.percentile(0.2);
    assertTrue(coarse >= far / 2 && coarse <= far * 2, far + " vs " + coarse);
    assertThrows(IllegalArgumentException.class, () -> windowed.addAll(full));
  }

  /**
   * The heaviest shape the API allows, in the engine's terms: Student-t shocks with 3 degrees of
   * freedom (fatter than the seeded 5), volatile cells, project events, a macro shock and an
   * observation, fans on every group to a horizon 15 years out.
   */
  static Projection heavy() {
    ShockSpec t3 = new ShockSpec(0.3, 0.3, ShockSpec.Distribution.STUDENT_T, 3);
    CellSpec[] cells = new CellSpec[12];
    for (int i = 0; i < cells.length; i++) {
      EventSpec[] events =
          i % 4 == 0
              ? new EventSpec[] {new EventSpec("plant" + i, 2022, 2030, 0.2, 0.3, 0.2)}
              : new EventSpec[0];
      cells[i] =
          cell("c" + i, i % 3, 2020, 5 + 90 * i, 0.05 + 0.01 * i, 0.04, 0.1 + 0.04 * i, events);
    }
    cells[5] = new CellSpec("c5", 2, 2020, 455, 0.1, 0.04, 0.3, List.of(), 0.2); // a base prior
    Models.Builder b = Models.builder(t3, 2035, cells);
    int all = b.group("all", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    int some = b.group("some", 0, 5, 11);
    for (int g = 0; g <= some; g++) {
      b.fan(g);
    }
    b.target(all, 2025, 1000);
    Projection p = b.build();
    return new Projection(
        p.cells(),
        p.chainCount(),
        p.shocks(),
        p.groups(),
        p.targets(),
        p.fans(),
        p.joints(),
        p.horizonYear(),
        List.of(),
        List.of(new MacroShockSpec("dip", new int[] {1, 2, 3}, 2024, Math.log(0.9))));
  }

  @Test
  void valueWindowsHoldTheHeaviestPathsAndTheirPercentiles() {
    CompiledModel m = CompiledModel.compile(heavy(), false);
    Tally tally = new Tally(m);
    LogHistogram[] full = new LogHistogram[m.series.count];
    for (int s = 0; s < full.length; s++) {
      full[s] = new LogHistogram();
    }
    PathSink both =
        new PathSink() {
          @Override
          public void onLogState(double[] logValue, double[] ownTerm, double[] ownSd) {
            tally.onLogState(logValue, ownTerm, ownSd);
          }

          @Override
          public void onYear(int y, double[] cells, double[] groups) {
            tally.onYear(y, cells, groups);
            for (int s : m.series.byYear[y]) {
              full[s].add(groups[m.series.group[s]]);
            }
          }

          @Override
          public void onPathEnd() {
            tally.onPathEnd();
          }
        };
    PathSimulator simulator = new PathSimulator(m);
    int blocks = 8;
    for (int block = 0; block < blocks; block++) {
      tally.beginBlock();
      simulator.simulateBlock(5, block, MonteCarloEngine.BLOCK_SIZE, both);
      tally.endBlock();
    }
    long values = 0;
    long outside = 0;
    long bound = 0;
    long held = 0;
    for (int s = 0; s < m.series.count; s++) {
      LogHistogram h = tally.seriesHistograms[s];
      int window = m.windows.octaves(s);
      assertTrue(window <= SeriesWindows.MAX_OCTAVES);
      assertTrue(h.pagesInUse() <= window);
      values += h.count();
      outside += h.coarseCount();
      bound += LogHistogram.maxBytes(window);
      held +=
          48
              + Footprint.refArray(window)
              + h.pagesInUse() * LogHistogram.PAGE_BYTES
              + (h.coarseCount() > 0 ? Footprint.intArray(LogHistogram.EXPONENTS) : 0);
      double[] ps = {99.9, 0.1, 1, 5, 25, 50, 75, 95, 99, 50};
      double[] together = h.percentiles(ps);
      for (int i = 0; i < ps.length; i++) {
        assertEquals(full[s].percentile(ps[i]), h.percentile(ps[i]), "series " + s + " P" + ps[i]);
        assertEquals(h.percentile(ps[i]), together[i], "in one pass, series " + s + " P" + ps[i]);
      }
    }
    // Student-t with 3 degrees of freedom puts about 1 value in 10 000 past 10 sd (in the first
    // years, where one year's shock is most of the spread); they are counted coarsely.
    assertTrue(
        outside <= values * 1e-3, outside + " of " + values + " values outside their windows");
    assertTrue(held <= bound, "what the histograms hold is within their bound");
    assertTrue(bound <= Tally.maxBytes(m, true));
    assertEquals((long) blocks * MonteCarloEngine.BLOCK_SIZE * m.series.count, values);
  }

  // ------------------------------------------------------------------ sizing

  @Test
  void aRunsFootprintFollowsItsShapeNotItsPaths() {
    Projection p = heavy();
    MemoryFootprint small = RunSizer.run(p, Models.fixed(100_000, 1), 2);
    MemoryFootprint large = RunSizer.run(p, Models.fixed(50_000_000, 1), 2);
    assertEquals(small, large, "histograms do not grow with the paths");
    MemoryFootprint oneThread = RunSizer.run(p, Models.fixed(100_000, 1), 1);
    assertTrue(oneThread.valueHistograms() < small.valueHistograms(), "per worker thread");
    MemoryFootprint oneBlock = RunSizer.run(p, Models.fixed(1000, 1), 8);
    assertEquals(
        oneThread.valueHistograms(), oneBlock.valueHistograms(), "a one-block run uses one worker");

    Projection noFans =
        new Projection(
            p.cells(),
            p.chainCount(),
            p.shocks(),
            p.groups(),
            p.targets(),
            List.of(),
            p.joints(),
            p.horizonYear(),
            p.countCells(),
            p.macroShocks());
    assertTrue(
        RunSizer.run(noFans, Models.fixed(100_000, 1), 2).valueHistograms() * 5
            < small.valueHistograms());
    MemoryFootprint paired = RunSizer.compare(p, p, 100_000, 2);
    assertEquals(0, paired.valueHistograms(), "a comparison counts hits only");
    assertTrue(paired.total() < small.total());
  }

  @Test
  void countCellsWithOneLawAreSizedOnce() {
    List<CountCellSpec> same = new ArrayList<>();
    List<CountCellSpec> distinct = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      same.add(new CountCellSpec("k" + k, 2022, 0, 10_000, 0.5));
      distinct.add(new CountCellSpec("k" + k, 2022, 0, 10_000 - k, 0.5));
    }
    int[] all = IntStream.range(0, 20).toArray();
    long sameBytes =
        RunSizer.run(
                CountProcessTest.counts(same, new int[][] {all}, new double[] {1}, new boolean[1]),
                Models.fixed(10_000, 1),
                2)
            .countLaws();
    long distinctBytes =
        RunSizer.run(
                CountProcessTest.counts(
                    distinct, new int[][] {all}, new double[] {1}, new boolean[1]),
                Models.fixed(10_000, 1),
                2)
            .countLaws();
    assertEquals(CountTable.bytesOf(10_000, 0.5, 3) + 64, sameBytes);
    assertTrue(distinctBytes > 15 * sameBytes);
    assertTrue(distinctBytes < 20 * 200 * 1024, "bounded per law");
  }
}
