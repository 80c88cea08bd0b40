package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BinomialEstimate, LogHistogram, TableExp and the block streams on their own. */
class EstimatorsTest {

  @Test
  void wilsonIntervalMatchesTheFormula() {
    // 30 of 100, z = 1.96: centre (0.3 + z²/200) / (1 + z²/100) = 0.30740, half-width
    // z / (1 + z²/100) * sqrt(0.3 * 0.7 / 100 + z²/40000) = 0.08845 -> [0.21895, 0.39585].
    BinomialEstimate e = BinomialEstimate.of(30, 100);
    assertEquals(0.3, e.estimate(), 0.0);
    assertEquals(Math.sqrt(0.3 * 0.7 / 100), e.standardError(), 1e-15);
    assertEquals(0.21895, e.low(), 1e-5);
    assertEquals(0.39585, e.high(), 1e-5);
    assertEquals((e.high() - e.low()) / 2, e.halfWidth(), 0.0);
  }

  @Test
  void wilsonIntervalIsSensibleAtTheEdges() {
    double z2 = BinomialEstimate.Z95 * BinomialEstimate.Z95;
    BinomialEstimate none = BinomialEstimate.of(0, 1000);
    assertEquals(0, none.estimate(), 0.0);
    assertEquals(0, none.standardError(), 0.0);
    assertEquals(0, none.low(), 0.0);
    assertEquals(z2 / (1000 + z2), none.high(), 1e-15);
    BinomialEstimate all = BinomialEstimate.of(1000, 1000);
    assertEquals(1, all.high(), 0.0);
    assertEquals(1000 / (1000 + z2), all.low(), 1e-15);
    BinomialEstimate empty = BinomialEstimate.of(0, 0);
    assertEquals(0, empty.low(), 0.0);
    assertEquals(1, empty.high(), 0.0);
    assertTrue(Double.isNaN(empty.estimate()));
    assertThrows(IllegalArgumentException.class, () -> BinomialEstimate.of(5, 4));
    assertThrows(IllegalArgumentException.class, () -> BinomialEstimate.of(-1, 4));
  }

  @Test
  void histogramPercentilesAreWithinOneBinOfTheSamplePercentiles() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 200_001;
    double[] values = new double[n];
    LogHistogram h = new LogHistogram();
    for (int i = 0; i < n; i++) {
      values[i] = Math.exp(3 + 1.5 * r.nextGaussian());
      h.add(values[i]);
    }
    Arrays.sort(values);
    for (double p : new double[] {0.1, 1, 5, 25, 50, 75, 95, 99, 99.9}) {
      double exact = values[(int) Math.ceil(p / 100 * n) - 1];
      assertEquals(exact, h.percentile(p), exact * 2 * LogHistogram.RELATIVE_RESOLUTION, "P" + p);
    }
    assertEquals(n, h.count());
    assertEquals(values[0], h.min(), 0.0);
    assertEquals(values[n - 1], h.max(), 0.0);
  }

  @Test
  void histogramMergesExactlyInAnyOrderAndKeepsConstantsExact() {
    SplittableRandom r = new SplittableRandom(4);
    LogHistogram a = new LogHistogram();
    LogHistogram b = new LogHistogram();
    LogHistogram all = new LogHistogram();
    for (int i = 0; i < 50_000; i++) {
      double v = Math.exp(r.nextGaussian());
      (i % 3 == 0 ? a : b).add(v);
      all.add(v);
    }
    LogHistogram ab = new LogHistogram();
    ab.addAll(a);
    ab.addAll(b);
    LogHistogram ba = new LogHistogram();
    ba.addAll(b);
    ba.addAll(a);
    for (double p : new double[] {1, 10, 50, 90, 99}) {
      assertEquals(all.percentile(p), ab.percentile(p), 0.0);
      assertEquals(all.percentile(p), ba.percentile(p), 0.0);
    }
    LogHistogram constant = new LogHistogram();
    for (int i = 0; i < 10; i++) {
      constant.add(123.456);
    }
    assertEquals(123.456, constant.percentile(5), 0.0);
    assertEquals(123.456, constant.percentile(95), 0.0);
    assertTrue(Double.isNaN(new LogHistogram().percentile(50)));
    assertThrows(IllegalArgumentException.class, () -> constant.add(-1));
    assertThrows(IllegalArgumentException.class, () -> constant.add(Double.NaN));
  }

  @Test
  void tableExpIsWithinTwoUlpsOfStrictMath() {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 2_000_000; i++) {
      double x = (r.nextDouble() - 0.5) * 1500;
      double exact = StrictMath.exp(x);
      double fast = TableExp.exp(x);
      assertEquals(exact, fast, 2 * Math.ulp(exact), "exp(" + x + ")");
    }
    assertEquals(1.0, TableExp.exp(0), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, TableExp.exp(1000), 0.0);
    assertEquals(0.0, TableExp.exp(-1000), 0.0);
    assertTrue(Double.isNaN(TableExp.exp(Double.NaN)));
  }

  @Test
  void blockStreamsAreDistinctAndReproducible() {
    long a = BlockStreams.forBlock(1, 0).nextLong();
    assertEquals(a, BlockStreams.forBlock(1, 0).nextLong());
    assertTrue(a != BlockStreams.forBlock(1, 1).nextLong());
    assertTrue(a != BlockStreams.forBlock(2, 0).nextLong());
    // Seeds one increment apart do not share block streams (the seed is mixed first).
    assertTrue(
        BlockStreams.forBlock(0, 1).nextLong()
            != BlockStreams.forBlock(0x9e3779b97f4a7c15L, 0).nextLong());
  }
}
