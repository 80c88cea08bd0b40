package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.quantile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Observations: a cell observed at W in year Y holds exactly W in Y on every path and grows from
 * there, so ln V_T ~ N(ln W + (T - Y) m, (T - Y)² s² + (T - Y) σ²).
 */
class ConditioningTest {
  static final int BASE = 2020;
  static final int OBSERVED = 2022;
  static final int HORIZON = 2025;
  static final double W = 250;
  static final double M = 0.05;
  static final double S = 0.03;
  static final double VOL = 0.15;

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static CellSpec observedCell() {
    return new CellSpec("a", 0, BASE, 100, M, S, VOL, List.of(), OBSERVED, W);
  }

  @Test
  void everyPathStartsFromTheObservedValue() {
    // A second, unobserved cell in the same chain keeps the common factors in play.
    Projection p =
        Models.builder(
                Models.NORMAL, HORIZON, observedCell(), Models.cell("b", 0, BASE, 50, M, S, VOL))
            .build();
    PathSampler sampler = new PathSampler(p);
    int[] seen = new int[1];
    sampler.sampleBlock(
        7,
        0,
        MonteCarloEngine.BLOCK_SIZE,
        (path, year, cells, groups) -> {
          if (year == OBSERVED) {
            assertEquals(W, cells[0], "path " + path);
            seen[0]++;
          }
          if (year == OBSERVED + 1) {
            // It moved on from there (with probability 1).
            Assertions.assertNotEquals(W, cells[0]);
          }
        });
    assertEquals(MonteCarloEngine.BLOCK_SIZE, seen[0]);
  }

  @Test
  void theClosedFormHoldsFromTheObservation() {
    int n = HORIZON - OBSERVED;
    double mu = Math.log(W) + n * M;
    double sd = Math.sqrt(n * n * S * S + n * VOL * VOL);
    double[] hit = {0.05, 0.3, 0.5, 0.8, 0.95};
    Models.Builder b = Models.builder(Models.NORMAL, HORIZON, observedCell());
    for (double h : hit) {
      b.target(0, HORIZON, Math.exp(mu + sd * quantile(1 - h)));
    }
    long paths = 400_000;
    RunResult r = engine.run(b.build(), Models.fixed(paths, 21), () -> false, x -> {});
    for (int i = 0; i < hit.length; i++) {
      double se = Math.sqrt(hit[i] * (1 - hit[i]) / paths);
      assertWithin(hit[i], r.targets().get(i).hit().estimate(), se, 4.5, "P(hit) " + hit[i]);
    }
    assertWithin(Math.exp(mu), r.targets().get(2).median(), Math.exp(mu) * sd * 0.01, 3, "median");
  }

  @Test
  void anObservationLeavesTheOtherCellsDrawsAlone() {
    Projection free =
        Models.builder(
                Models.NORMAL,
                HORIZON,
                Models.cell("a", 0, BASE, 100, M, S, VOL),
                Models.cell("b", 0, BASE, 50, M, S, VOL))
            .build();
    Projection pinned =
        Models.builder(
                Models.NORMAL, HORIZON, observedCell(), Models.cell("b", 0, BASE, 50, M, S, VOL))
            .build();
    double[][] b = new double[2][MonteCarloEngine.BLOCK_SIZE];
    List<Projection> ps = List.of(free, pinned);
    for (int k = 0; k < 2; k++) {
      int kk = k;
      new PathSampler(ps.get(k))
          .sampleBlock(
              3,
              0,
              MonteCarloEngine.BLOCK_SIZE,
              (path, year, cells, groups) -> {
                if (year == HORIZON) {
                  b[kk][(int) path] = cells[1];
                }
              });
    }
    for (int i = 0; i < b[0].length; i++) {
      assertEquals(b[0][i], b[1][i], "cell b, path " + i);
    }
  }
}
