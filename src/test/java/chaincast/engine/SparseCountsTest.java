package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sparse form of histograms that ranges run elsewhere travel in: adding it gives exactly the
 * counts of merging the histogram itself, fine bins, coarse bins outside the window, min and max.
 */
class SparseCountsTest {

  @Test
  void logHistogramThroughItsSparseFormMergesLikeItself() {
    SplittableRandom rnd = new SplittableRandom(3);
    int lo = LogHistogram.exponent(1.0);
    LogHistogram a = new LogHistogram(lo, lo + 4); // values 1 to 16 fine, the rest coarse
    LogHistogram b = new LogHistogram(lo, lo + 4);
    for (int i = 0; i < 50_000; i++) {
      a.add(Math.exp(rnd.nextGaussian() * 2), 1 + rnd.nextInt(3));
      b.add(Math.exp(rnd.nextGaussian() * 2));
    }
    b.add(0.0);
    LogHistogram direct = new LogHistogram(lo, lo + 4);
    direct.addAll(a);
    direct.addAll(b);
    LogHistogram viaSparse = new LogHistogram(lo, lo + 4);
    viaSparse.addAll(a.sparse());
    viaSparse.addAll(b.sparse());
    assertEquals(direct.count(), viaSparse.count());
    assertEquals(direct.min(), viaSparse.min());
    assertEquals(direct.max(), viaSparse.max());
    assertEquals(direct.coarseCount(), viaSparse.coarseCount());
    double[] pct = {0.1, 1, 25, 50, 75, 99, 99.9};
    assertArrayEquals(direct.percentiles(pct), viaSparse.percentiles(pct));
    TallyCounts.Bins d = direct.sparse();
    TallyCounts.Bins v = viaSparse.sparse();
    assertArrayEquals(d.fineKeys(), v.fineKeys());
    assertArrayEquals(d.fineCounts(), v.fineCounts());
    assertArrayEquals(d.coarseExponents(), v.coarseExponents());
    assertArrayEquals(d.coarseCounts(), v.coarseCounts());
  }

  @Test
  void emptyHistogramsStayEmpty() {
    LogHistogram empty = new LogHistogram(10, 20);
    LogHistogram into = new LogHistogram(10, 20);
    into.addAll(empty.sparse());
    assertEquals(0, into.count());
    assertEquals(Double.POSITIVE_INFINITY, into.min());
    assertNull(new CountHistogram(4).sparse().large());
  }

  @Test
  void countHistogramThroughItsSparseFormMergesLikeItself() {
    CountHistogram a = new CountHistogram(8, 100_000);
    CountHistogram b = new CountHistogram(8, 100_000);
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      a.add(rnd.nextInt(50));
      b.add(rnd.nextInt(5000), 2);
    }
    CountHistogram direct = new CountHistogram(1, 100_000);
    direct.addAll(a);
    direct.addAll(b);
    CountHistogram viaSparse = new CountHistogram(1, 100_000);
    viaSparse.addAll(a.sparse());
    viaSparse.addAll(b.sparse());
    for (double p : new double[] {1, 10, 50, 90, 99.5}) {
      assertEquals(direct.percentile(60_000, p), viaSparse.percentile(60_000, p));
    }
    assertEquals(direct.sparse().exactLength(), viaSparse.sparse().exactLength());
    assertArrayEquals(direct.sparse().exactWeights(), viaSparse.sparse().exactWeights());
  }
}
