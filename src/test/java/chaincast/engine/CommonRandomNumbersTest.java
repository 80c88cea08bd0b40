package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static chaincast.engine.Models.quantile;
import static chaincast.engine.Models.upperTail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paired runs: exact zero for identical sides, the closed form for a known shift, far smaller
 * errors.
 */
class CommonRandomNumbersTest {
  static final int BASE = 2020;
  static final int HORIZON = 2025;
  static final double V0 = 100;
  static final double M = 0.06;
  static final double S = 0.03;
  static final double VOL = 0.12;
  static final long PATHS = 200_000;

  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** One cell (plus a second one sharing its chain) with targets at the given hit probabilities. */
  static Projection projection(List<MacroShockSpec> shifts, List<EventSpec> events, double... hit) {
    int n = HORIZON - BASE;
    double mu = Math.log(V0) + n * M;
    double sd = Math.sqrt(n * n * S * S + n * VOL * VOL);
    List<CellSpec> cells =
        List.of(
            new CellSpec("a", 0, BASE, V0, M, S, VOL, events),
            new CellSpec("b", 0, BASE, 50, M, S, VOL, List.of()));
    List<TargetSpec> targets = new ArrayList<>();
    for (int i = 0; i < hit.length; i++) {
      targets.add(
          new ValueTarget("t" + i, 0, HORIZON, Math.exp(mu + sd * quantile(1 - hit[i])), false));
    }
    targets.add(new ValueTarget("t2023", 0, 2023, V0 * Math.exp(3 * M), false));
    return new Projection(
        cells,
        1,
        Models.NORMAL,
        List.of(new GroupSpec("a", new int[] {0})),
        targets,
        List.of(),
        List.of(),
        HORIZON,
        List.of(),
        shifts);
  }

  @Test
  void identicalSidesDifferByExactlyZero() {
    Projection p = projection(List.of(), List.of(), 0.2, 0.5, 0.8);
    ComparisonResult r = engine.compare(p, p, PATHS, 1, () -> false);
    for (ComparisonResult.TargetPair t : r.targets()) {
      assertEquals(0, t.onlyA());
      assertEquals(0, t.onlyB());
      assertEquals(0.0, t.difference());
      assertEquals(0.0, t.standardError());
      assertTrue(t.independentStandardError() > 0);
    }
  }

  @Test
  void aTenPercentCutMatchesTheClosedForm() {
    checkShift(0.9, 0.6);
  }

  @Test
  void aSmallShiftIsMeasuredFarMorePreciselyThanByIndependentRuns() {
    // The paired error scales with the share of paths that change sides, sqrt(|d| / n); the
    // independent one with sqrt(2 p (1 - p) / n) whatever the shift.
    checkShift(0.98, 0.3);
  }

  private void checkShift(double factor, double maxErrorRatio) {
    double[] hit = {0.2, 0.5, 0.8};
    Projection a = projection(List.of(), List.of(), hit);
    Projection b =
        projection(
            List.of(new MacroShockSpec("dip", new int[] {0}, 2024, Math.log(factor))),
            List.of(),
            hit);
    ComparisonResult r = engine.compare(a, b, PATHS, 2, () -> false);
    int n = HORIZON - BASE;
    double sd = Math.sqrt(n * n * S * S + n * VOL * VOL);
    for (int i = 0; i < hit.length; i++) {
      // Hit in B iff V * 0.9 >= T, i.e. the standardised log value exceeds z_i - ln(0.9)/sd.
      double pb = upperTail(quantile(1 - hit[i]) - Math.log(factor) / sd);
      double expected = pb - hit[i];
      ComparisonResult.TargetPair t = r.targets().get(i);
      assertWithin(expected, t.difference(), t.standardError(), 4.5, "difference at p = " + hit[i]);
      assertTrue(t.onlyA() > 0 && t.onlyB() == 0, "a cut never turns a miss into a hit");
      assertTrue(
          t.standardError() < maxErrorRatio * t.independentStandardError(),
          "paired error "
              + t.standardError()
              + " against independent "
              + t.independentStandardError());
    }
    // 2023 is before the shift: no path differs.
    assertEquals(0, r.targets().get(hit.length).onlyA() + r.targets().get(hit.length).onlyB());
  }

  @Test
  void aDelayedEventKeepsItsDraws() {
    EventSpec plant = new EventSpec("plant", 2022, 2023, 0.5, 0.2, 0.05);
    EventSpec later = new EventSpec("plant", 2023, 2024, 0.5, 0.2, 0.05);
    Projection a = projection(List.of(), List.of(plant), 0.5);
    Projection b = projection(List.of(), List.of(later), 0.5);
    ComparisonResult r = engine.compare(a, b, PATHS, 3, () -> false);
    // By 2025 the event has fired on exactly the same paths with the same jump: no difference.
    assertEquals(0, r.targets().get(0).onlyA() + r.targets().get(0).onlyB());
    // In 2023 the delay shows: paths that fired in 2022 now fire in 2023 at the earliest.
    assertTrue(r.targets().get(1).onlyA() > 0);
  }

  @Test
  void pairedCountsDoNotDependOnTheThreadCount() {
    Projection a = projection(List.of(), List.of(), 0.3, 0.6);
    Projection b =
        projection(
            List.of(new MacroShockSpec("dip", new int[] {0, 1}, 2023, Math.log(0.95))),
            List.of(),
            0.3,
            0.6);
    try (MonteCarloEngine one = new MonteCarloEngine(1)) {
      ComparisonResult r1 = one.compare(a, b, 50_000, 4, () -> false);
      ComparisonResult r2 = engine.compare(a, b, 50_000, 4, () -> false);
      assertEquals(r1.targets(), r2.targets());
    }
  }
}
