package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** The Sobol points: the known sequence, its stratification, and what scrambling keeps. */
class SobolPointsTest {

  static final int DIMS = SobolPoints.MAX_DIMENSION;

  /**
   * Unshifted point {@code n} of {@code points}, coordinate by coordinate, as uniforms in [0, 1).
   */
  static double[] raw(SobolPoints points, long n) {
    long[] x = new long[points.dimensions()];
    points.point(n, x);
    double[] u = new double[x.length];
    for (int d = 0; d < x.length; d++) {
      u[d] = ((x[d] ^ points.shift[d]) >>> 11) * 0x1p-53;
    }
    return u;
  }

  @Test
  void firstPointsAreTheKnownOnes() {
    SobolPoints plain = SobolPoints.plain(3);
    // Gray-code order, as Commons Math and Joe and Kuo's own generator give them
    assertArrayEquals(new double[] {0, 0, 0}, raw(plain, 0), 0.0);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, raw(plain, 1), 0.0);
    assertArrayEquals(new double[] {0.75, 0.25, 0.25}, raw(plain, 2), 0.0);
    assertArrayEquals(new double[] {0.25, 0.75, 0.75}, raw(plain, 3), 0.0);
    assertArrayEquals(new double[] {0.375, 0.375, 0.625}, raw(plain, 4), 0.0);
  }

  /**
   * All 1000 dimensions against Commons Math's generator (the same direction numbers, 52 bits): the
   * first 4096 points, reached both by {@link SobolPoints#advance} and directly by index.
   */
  @Test
  void matchesCommonsMathInEveryDimension() {
    SobolPoints plain = SobolPoints.plain(DIMS);
    SobolSequenceGenerator reference = new SobolSequenceGenerator(DIMS);
    long[] x = new long[DIMS];
    for (int n = 0; n < 4096; n++) {
      double[] expected = reference.nextVector();
      if (n == 0) {
        plain.point(0, x);
      } else {
        plain.advance(n, x);
      }
      for (int d = 0; d < DIMS; d++) {
        assertEquals(expected[d], (x[d] >>> 12) * 0x1p-52, 0.0, "point " + n + " dim " + d);
      }
    }
    long[] direct = new long[DIMS];
    plain.point(4095, direct);
    assertArrayEquals(x, direct);
    // a far point reached directly: Commons Math's skipTo uses the same Gray-code order
    double[] far = reference.skipTo(1_000_003);
    plain.point(1_000_003, direct);
    for (int d = 0; d < DIMS; d++) {
      assertEquals(far[d], (direct[d] >>> 12) * 0x1p-52, 0.0, "point 1000003 dim " + d);
    }
  }

  /** The extreme cells map to uniforms strictly inside (0, 1), hence to finite normals. */
  @Test
  void uniformsAreNeverZeroOrOne() {
    assertEquals(0x1p-53, SobolPoints.toUniform(0L), 0.0);
    assertEquals(1 - 0x1p-53, SobolPoints.toUniform(-1L), 0.0);
    assertTrue(SobolPoints.toUniform(-1L) < 1.0);
    assertTrue(Double.isFinite(InverseNormal.quantile(SobolPoints.toUniform(-1L))));
    assertTrue(Double.isFinite(InverseNormal.quantile(SobolPoints.toUniform(0L))));
  }

  @Test
  void plainPointsAreStratifiedInEveryCoordinate() {
    assertStratified(SobolPoints.plain(DIMS));
  }

  /** The affine matrix scramble keeps each coordinate's 2^k points one per interval of 2^-k. */
  @Test
  void scrambledPointsAreStillStratified() {
    for (int r = 0; r < 3; r++) {
      assertStratified(SobolPoints.scrambled(DIMS, ScrambledSobolNormals.scrambleStream(5, r)));
    }
  }

  /**
   * Aligned runs of 2^k indices, from 0 and from further on, fall one in each interval of width
   * 2^-k in every coordinate.
   */
  static void assertStratified(SobolPoints points) {
    int dims = points.dimensions();
    for (int k = 1; k <= 12; k++) {
      int n = 1 << k;
      for (long start : new long[] {0, 7L * n}) {
        boolean[][] seen = new boolean[dims][n];
        long[] x = new long[dims];
        points.point(start, x);
        for (long i = start; i < start + n; i++) {
          if (i > start) {
            points.advance(i, x);
          }
          for (int d = 0; d < dims; d++) {
            int cell = (int) (Math.floor(points.uniform(d, x[d]) * n));
            assertTrue(
                !seen[d][cell], "k=" + k + " start=" + start + " dim " + d + " cell " + cell);
            seen[d][cell] = true;
          }
        }
      }
    }
  }

  /**
   * Over many scrambles, a given point's coordinates are uniform on [0, 1) (Kolmogorov-Smirnov),
   * and two coordinates of it are uncorrelated: the scramble makes every point a uniform point.
   */
  @Test
  void scrambledPointsAreUniform() {
    int scrambles = 1000;
    int[] dims = {0, 1, 2, 59};
    long[] indices = {0, 1, 4095, 123_456};
    double[][][] u = new double[indices.length][dims.length][scrambles];
    long[] x = new long[60];
    for (int r = 0; r < scrambles; r++) {
      SobolPoints p = SobolPoints.scrambled(60, ScrambledSobolNormals.scrambleStream(77, r));
      for (int i = 0; i < indices.length; i++) {
        p.point(indices[i], x);
        for (int j = 0; j < dims.length; j++) {
          u[i][j][r] = p.uniform(dims[j], x[dims[j]]);
        }
      }
    }
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    UniformRealDistribution uniform = new UniformRealDistribution(null, 0, 1);
    for (int i = 0; i < indices.length; i++) {
      for (int j = 0; j < dims.length; j++) {
        double pValue = ks.kolmogorovSmirnovTest(uniform, u[i][j]);
        assertTrue(pValue > 1e-4, "point " + indices[i] + " dim " + dims[j] + ": KS p " + pValue);
      }
      double correlation = new PearsonsCorrelation().correlation(u[i][0], u[i][1]);
      assertTrue(Math.abs(correlation) < 0.1, "correlation " + correlation);
    }
  }
}
