package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Log values of cells in one chain are correlated by cityWeight + chainWeight, of cells in
 * different chains by cityWeight (scaled by how much of each cell's variance the common parts carry
 * when parameters differ).
 */
class CorrelationTest {

  static final double WC = 0.2;
  static final double WH = 0.3;
  static final int N = 5;

  // a, b share chain 0; c is alone in chain 1 (its chain factor is folded into its own shock).
  static final CellSpec A = cell("a", 0, 2020, 100, 0.05, 0.03, 0.10);
  static final CellSpec B = cell("b", 0, 2020, 50, 0.08, 0.01, 0.20);
  static final CellSpec C = cell("c", 1, 2020, 80, 0.02, 0.02, 0.15);

  /**
   * corr(ln X_n, ln Y_n) when the factors they share carry {@code shared} of each draw's variance.
   */
  static double expected(CellSpec x, CellSpec y, double shared) {
    double cov = shared * (N * N * x.driftSd() * y.driftSd() + N * x.volatility() * y.volatility());
    double vx = N * N * x.driftSd() * x.driftSd() + N * x.volatility() * x.volatility();
    double vy = N * N * y.driftSd() * y.driftSd() + N * y.volatility() * y.volatility();
    return cov / Math.sqrt(vx * vy);
  }

  @ParameterizedTest
  @EnumSource(ShockSpec.Distribution.class)
  void sampleCorrelationsMatchTheWeights(ShockSpec.Distribution distribution) {
    ShockSpec shocks = new ShockSpec(WC, WH, distribution, 5);
    Projection p = Models.builder(shocks, 2020 + N, A, B, C).build();
    PathSampler sampler = new PathSampler(p);
    int blocks = 30;
    double[][] logs = new double[3][blocks * MonteCarloEngine.BLOCK_SIZE];
    for (int block = 0; block < blocks; block++) {
      sampler.sampleBlock(
          7,
          block,
          MonteCarloEngine.BLOCK_SIZE,
          (path, year, cells, groups) -> {
            if (year == 2020 + N) {
              for (int c = 0; c < 3; c++) {
                logs[c][(int) path] = Math.log(cells[c]);
              }
            }
          });
    }
    int n = logs[0].length;
    double tolerance = 5 / Math.sqrt(n); // about 5 standard errors of a correlation
    assertEquals(expected(A, B, WC + WH), correlation(logs[0], logs[1]), tolerance, "same chain");
    assertEquals(expected(A, C, WC), correlation(logs[0], logs[2]), tolerance, "different chains");
    assertEquals(expected(B, C, WC), correlation(logs[1], logs[2]), tolerance, "different chains");
  }

  /**
   * Engine-level: with equal parameters the log values are bivariate normal with correlation ρ = wc
   * + wh, so P(both above their medians) = 1/4 + asin(ρ)/(2π).
   */
  @Test
  void jointProbabilityAboveMediansFollowsTheArcsineLaw() {
    CellSpec x = cell("x", 0, 2020, 100, 0.05, 0.02, 0.1);
    CellSpec y = cell("y", 0, 2020, 100, 0.05, 0.02, 0.1);
    CellSpec z = cell("z", 1, 2020, 100, 0.05, 0.02, 0.1);
    Models.Builder b =
        Models.builder(new ShockSpec(WC, WH, ShockSpec.Distribution.NORMAL, 0), 2025, x, y, z);
    double median = 100 * Math.exp(5 * 0.05);
    int tx = b.target(0, 2025, median);
    int ty = b.target(1, 2025, median);
    int tz = b.target(2, 2025, median);
    b.joint(tx, ty).joint(tx, tz);
    long paths = 400_000;
    RunResult r;
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      r =
          engine.run(
              b.build(), Models.fixed(paths, 3), CancellationSignal.NEVER, ProgressListener.NONE);
    }
    double sameChain = 0.25 + Math.asin(WC + WH) / (2 * Math.PI);
    double otherChain = 0.25 + Math.asin(WC) / (2 * Math.PI);
    assertWithin(
        sameChain,
        r.joints().get(0).allHit().estimate(),
        Math.sqrt(sameChain * (1 - sameChain) / paths),
        3,
        "same chain");
    assertWithin(
        otherChain,
        r.joints().get(1).allHit().estimate(),
        Math.sqrt(otherChain * (1 - otherChain) / paths),
        3,
        "other chain");
  }

  static double correlation(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
