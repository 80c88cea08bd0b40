package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.cell;
import static chaincast.engine.Models.quantile;
import static chaincast.engine.Models.upperTail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Importance sampling for rare targets ({@link ImportanceRun}, {@link TiltedNormals}): the
 * likelihood ratio, agreement with closed forms, interval coverage, thread-count independence and
 * the variance it saves.
 */
class ImportanceSamplingTest {

  static final double V0 = 100;
  static final double M = 0.06;
  static final double S = 0.04;
  static final double VOL = 0.12;
  static final int BASE = 2020;
  static final int HORIZON = 2025;

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** ln V_5 of the single test cell: N(ln V0 + 5 m, 25 s² + 5 σ²). */
  static double singleCellThreshold(double hit) {
    int n = HORIZON - BASE;
    double mu = Math.log(V0) + n * M;
    double sd = Math.sqrt(n * n * S * S + n * VOL * VOL);
    return Math.exp(mu + sd * quantile(1 - hit));
  }

  static Projection singleCell(double hit) {
    Models.Builder b = Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, S, VOL));
    b.target(0, HORIZON, singleCellThreshold(hit));
    return b.build();
  }

  /** Three cells, two sharing a chain, and a target on their sum. */
  static Models.Builder threeCells() {
    return Models.builder(
        Models.NORMAL,
        HORIZON,
        cell("a", 0, BASE, 60, 0.05, 0.03, 0.10),
        cell("b", 0, BASE, 30, 0.08, 0.05, 0.15),
        cell("c", 1, 2021, 25, 0.04, 0.02, 0.20));
  }

  @Test
  void tiltedNormalTimesItsRatioIsUnbiasedForATail() {
    double a = 3.0;
    TiltedNormals source = new TiltedNormals(new double[] {a});
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    double[] z = new double[1];
    NormalSource.Block block = source.forBlock(7, 0);
    for (int i = 0; i < n; i++) {
      block.fill(z, 1);
      // the ratio is the density ratio of N(0, 1) over N(a, 1) at the draw
      double direct = -0.5 * z[0] * z[0] + 0.5 * (z[0] - a) * (z[0] - a);
      assertEquals(direct, block.logRatio(), 1e-12);
      double term = z[0] > a ? Math.exp(block.logRatio()) : 0.0;
      sum += term;
      sumSq += term * term;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    assertWithin(upperTail(a), mean, se, 3, "E[ratio 1{z > a}]");
    assertTrue(se < upperTail(a) * 0.01, "the tilt makes the tail cheap: se " + se);
  }

  @Test
  void zeroTiltDrawsPlainMonteCarloNormals() {
    double[] tilted = new double[5];
    double[] plain = new double[5];
    NormalSource.Block t = new TiltedNormals(new double[5]).forBlock(42, 3);
    NormalSource.Block p = NormalSource.PSEUDO_RANDOM.forBlock(42, 3);
    for (int i = 0; i < 100; i++) {
      t.fill(tilted, 5);
      p.fill(plain, 5);
      assertArrayEquals(plain, tilted);
      assertEquals(0.0, t.logRatio());
    }
  }

  @ParameterizedTest(name = "P = {0}")
  @ValueSource(doubles = {0.001, 0.01, 0.999})
  void singleCellMatchesTheLognormal(double hit) {
    ImportanceEstimate e = estimate(singleCell(hit), 0, 20_000, 5);
    System.out.printf(
        "single P=%s: est %.6g se %.3g vr %.1f ess %.0f levels %d%n",
        hit,
        e.hit().estimate(),
        e.hit().standardError(),
        e.varianceReduction(),
        e.effectivePaths(),
        e.levels());
    assertEquals(ImportanceEstimate.Outcome.USABLE, e.outcome());
    assertEquals(hit > 0.5, e.complement());
    assertWithin(hit, e.hit().estimate(), e.hit().standardError(), 3, "P(hit) single cell");
  }

  @ParameterizedTest(name = "P = {0}")
  @ValueSource(doubles = {0.001, 0.01})
  void sumOfCellsMatchesALongPlainRun(double hit) {
    // place the threshold at the wanted quantile of a long plain run's fan, then compare the
    // importance estimate with that run's own estimate at the threshold
    Models.Builder b = threeCells();
    int sum = b.group("sum", 0, 1, 2);
    b.target(sum, HORIZON, sumThreshold(hit));
    Projection p = b.build();
    RunResult plain =
        engine.run(p, Models.fixed(4_000_000, 99), CancellationSignal.NEVER, ProgressListener.NONE);
    BinomialEstimate reference = plain.targets().get(0).hit();
    ImportanceEstimate e = estimate(p, 0, 20_000, 6);
    System.out.printf(
        "sum P=%s: plain %.6g±%.2g is %.6g se %.3g vr %.1f ess %.0f levels %d%n",
        hit,
        reference.estimate(),
        reference.standardError(),
        e.hit().estimate(),
        e.hit().standardError(),
        e.varianceReduction(),
        e.effectivePaths(),
        e.levels());
    assertEquals(ImportanceEstimate.Outcome.USABLE, e.outcome());
    double se = Math.hypot(reference.standardError(), e.hit().standardError());
    assertWithin(reference.estimate(), e.hit().estimate(), se, 3, "P(hit) sum of cells");
  }

  /**
   * Thresholds of the three-cell sum at P(hit) 0.001 and 0.01: its 99.9th and 99th percentiles in a
   * plain run of 4 M paths (seed 3).
   */
  static double sumThreshold(double hit) {
    return hit == 0.001 ? 353.5 : 287.5;
  }

  static ImportanceEstimate estimate(Projection p, int target, long paths, long seed) {
    Optional<ImportanceEstimate> e =
        ImportanceRun.estimate(
            engine, p, target, Models.fixed(paths, seed), CancellationSignal.NEVER);
    assertTrue(e.isPresent(), "a rare target is tilted");
    return e.get();
  }

  @Test
  void aTargetThatIsNotRareIsLeftToPlainMonteCarlo() {
    assertFalse(
        ImportanceRun.estimate(
                engine, singleCell(0.3), 0, Models.fixed(10_000, 1), CancellationSignal.NEVER)
            .isPresent());
  }

  @Test
  void intervalsCoverTheExactValueAt95Percent() {
    double hit = 0.001;
    Projection p = singleCell(hit);
    int covered = 0;
    int seeds = 200;
    for (long seed = 1; seed <= seeds; seed++) {
      BinomialEstimate e = estimate(p, 0, MonteCarloEngine.BLOCK_SIZE, seed).hit();
      covered += e.low() <= hit && hit <= e.high() ? 1 : 0;
    }
    double coverage = covered / (double) seeds;
    System.out.println("coverage " + coverage);
    assertTrue(coverage >= 0.92 && coverage <= 0.98, "coverage " + coverage);
  }

  @Test
  void estimateIsBitIdenticalForAnyThreadCount() {
    Models.Builder b = threeCells();
    int sum = b.group("sum", 0, 1, 2);
    b.target(sum, HORIZON, sumThreshold(0.001));
    b.target(0, HORIZON, 80);
    Projection p = b.build();
    ImportanceEstimate reference = null;
    for (int threads : new int[] {1, 2, 8}) {
      try (MonteCarloEngine e = new MonteCarloEngine(threads)) {
        ImportanceEstimate got =
            ImportanceRun.estimate(e, p, 0, Models.fixed(50_000, 17), CancellationSignal.NEVER)
                .orElseThrow();
        if (reference == null) {
          reference = got;
        } else {
          assertEquals(reference.hit(), got.hit(), threads + " threads");
          assertArrayEquals(reference.tilt(), got.tilt(), threads + " threads");
          assertEquals(reference.effectivePaths(), got.effectivePaths(), 0.0);
        }
      }
    }
  }

  @Test
  void varianceReductionIsRealAtOneInAThousand() {
    ImportanceEstimate single = estimate(singleCell(0.001), 0, 40_000, 21);
    Models.Builder b = threeCells();
    b.target(b.group("sum", 0, 1, 2), HORIZON, sumThreshold(0.001));
    ImportanceEstimate sum = estimate(b.build(), 0, 40_000, 22);
    System.out.printf(
        "vr single %.1f (ess %.0f), sum %.1f (ess %.0f)%n",
        single.varianceReduction(),
        single.effectivePaths(),
        sum.varianceReduction(),
        sum.effectivePaths());
    for (ImportanceEstimate e : new ImportanceEstimate[] {single, sum}) {
      assertEquals(0, e.clampedPaths());
      assertTrue(e.varianceReduction() > 30, "variance reduction " + e.varianceReduction());
      // the measured reduction is the error's: plain Monte Carlo's binomial variance over it
      double p = e.hit().estimate();
      double plainVariance = p * (1 - p) / 40_000;
      assertEquals(
          plainVariance / Math.pow(e.hit().standardError(), 2), e.varianceReduction(), 1e-9);
    }
  }

  /**
   * A chains-above target (two of three cells above their 1-in-100 level): its score is the second
   * largest log ratio to the level, a continuous surrogate the cross-entropy levels can climb.
   */
  @Test
  void chainsAboveTargetMatchesALongPlainRun() {
    Models.Builder b =
        Models.builder(
            Models.NORMAL,
            HORIZON,
            cell("a", 0, BASE, V0, M, S, VOL),
            cell("b", 0, BASE, V0, M, S, VOL),
            cell("c", 1, BASE, V0, M, S, VOL));
    b.target(
        new ChainsAboveTarget(
            "two-above", new int[] {0, 1, 2}, singleCellThreshold(0.01), HORIZON, 2, false));
    Projection p = b.build();
    BinomialEstimate reference =
        engine
            .run(p, Models.fixed(4_000_000, 31), CancellationSignal.NEVER, ProgressListener.NONE)
            .targets()
            .get(0)
            .hit();
    ImportanceEstimate e = estimate(p, 0, 20_000, 32);
    System.out.printf(
        "chains above: plain %.6g±%.2g is %.6g se %.3g vr %.1f%n",
        reference.estimate(),
        reference.standardError(),
        e.hit().estimate(),
        e.hit().standardError(),
        e.varianceReduction());
    assertTrue(reference.estimate() < 0.01, "the target is rare: " + reference.estimate());
    assertEquals(ImportanceEstimate.Outcome.USABLE, e.outcome());
    double se = Math.hypot(reference.standardError(), e.hit().standardError());
    assertWithin(reference.estimate(), e.hit().estimate(), se, 3, "P(two chains above)");
    assertTrue(e.varianceReduction() > 5, "variance reduction " + e.varianceReduction());
  }

  /**
   * With an observation the paths already carry evidence weights: the tilted run multiplies them by
   * the likelihood ratio, and must agree with a long plain (evidence-weighted) run.
   */
  @Test
  void agreesWithAPlainRunWhenEvidenceWeighsThePaths() {
    Models.Builder probe =
        Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, S, VOL));
    probe.observe(2022, 118, 0.05, 0);
    probe.target(0, HORIZON, 150);
    RunResult quantiles =
        engine.run(
            probe.build(),
            new RunSettings(400_000, 0, 0, 41, new double[] {99.8}),
            CancellationSignal.NEVER,
            ProgressListener.NONE);
    double threshold = quantiles.targets().get(0).percentiles()[0];
    Models.Builder b = Models.builder(Models.NORMAL, HORIZON, cell("a", 0, BASE, V0, M, S, VOL));
    b.observe(2022, 118, 0.05, 0);
    b.target(0, HORIZON, threshold);
    Projection p = b.build();
    BinomialEstimate reference =
        engine
            .run(p, Models.fixed(4_000_000, 42), CancellationSignal.NEVER, ProgressListener.NONE)
            .targets()
            .get(0)
            .hit();
    ImportanceEstimate e = estimate(p, 0, 20_000, 43);
    System.out.printf(
        "evidence: plain %.6g±%.2g is %.6g se %.3g vr %.1f%n",
        reference.estimate(),
        reference.standardError(),
        e.hit().estimate(),
        e.hit().standardError(),
        e.varianceReduction());
    assertEquals(ImportanceEstimate.Outcome.USABLE, e.outcome());
    double se = Math.hypot(reference.standardError(), e.hit().standardError());
    assertWithin(reference.estimate(), e.hit().estimate(), se, 3, "P(hit) given evidence");
  }
}
