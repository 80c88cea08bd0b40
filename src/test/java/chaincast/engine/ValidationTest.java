package chaincast.engine;

import static chaincast.engine.Models.cell;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Inconsistent projections and settings fail with a message naming the problem. */
class ValidationTest {

  static final CellSpec A = cell("a", 0, 2020, 100, 0.05, 0.02, 0.1);
  static final CellSpec B = cell("b", 1, 2021, 50, 0.05, 0.02, 0.1);

  static Projection with(Consumer<Models.Builder> edit) {
    Models.Builder b = Models.builder(Models.NORMAL, 2025, A, B);
    edit.accept(b);
    return b.build();
  }

  static void rejects(Projection p, String... fragments) {
    IllegalArgumentException e;
    try (MonteCarloEngine engine = new MonteCarloEngine(1)) {
      e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  engine.run(
                      p, Models.fixed(100, 1), CancellationSignal.NEVER, ProgressListener.NONE));
    }
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
    }
    // The path hook validates the same way.
    assertThrows(IllegalArgumentException.class, () -> new PathSampler(p));
  }

  @Test
  void targetYearBeforeACellsBaseYear() {
    rejects(
        with(b -> b.target(new ValueTarget("early", b.group("ab", 0, 1), 2020, 10, false))),
        "'early'",
        "2020",
        "before base year 2021",
        "'b'");
  }

  @Test
  void targetYearAfterTheHorizon() {
    rejects(
        with(b -> b.target(new ValueTarget("late", 0, 2026, 10, false))),
        "'late'",
        "after the horizon 2025");
  }

  @Test
  void groupIndexOutOfRange() {
    rejects(
        with(b -> b.target(new ValueTarget("t", 7, 2025, 10, false))),
        "'t'",
        "group index 7",
        "[0, 2)");
    rejects(with(b -> b.fan(-1)), "fan", "group index -1");
    rejects(
        with(b -> b.target(new ChainsAboveTarget("ca", new int[] {0, 9}, 10, 2025, 1, false))),
        "'ca'",
        "group index 9");
  }

  @Test
  void badGroups() {
    rejects(with(b -> b.group("dup", 0, 0)), "'dup'", "twice");
    rejects(with(b -> b.group("none")), "'none'", "no cells");
    rejects(with(b -> b.group("far", 0, 5)), "'far'", "cell index 5");
  }

  @Test
  void badJoints() {
    rejects(with(b -> b.joint(0)), "joint", "target index 0", "[0, 0)");
    rejects(with(b -> b.joint()), "joint", "no targets");
  }

  @Test
  void badCellsAndShocks() {
    Projection chainOut =
        new Projection(
            List.of(A, B), 1, Models.NORMAL, List.of(), List.of(), List.of(), List.of(), 2025);
    rejects(chainOut, "'b'", "chain index 1");
    rejects(
        Models.builder(Models.NORMAL, 2025, cell("neg", 0, 2020, -1, 0, 0, 0.1)).build(),
        "'neg'",
        "base value");
    rejects(
        Models.builder(Models.NORMAL, 2025, cell("vol", 0, 2020, 1, 0, 0, Double.NaN)).build(),
        "'vol'",
        "volatility");
    rejects(
        Models.builder(Models.NORMAL, 2019, A).build(),
        "'a'",
        "base year 2020 is after the horizon 2019");
    rejects(
        Models.builder(new ShockSpec(0.7, 0.5, ShockSpec.Distribution.NORMAL, 0), 2025, A).build(),
        "chainWeight");
    rejects(
        Models.builder(new ShockSpec(0.2, 0.2, ShockSpec.Distribution.STUDENT_T, 2), 2025, A)
            .build(),
        "degrees of freedom");
    rejects(
        Models.builder(
                Models.NORMAL,
                2025,
                cell("ev", 0, 2020, 1, 0, 0, 0.1, new EventSpec("x", 2021, 2022, 1.5, 0, 0)))
            .build(),
        "'ev'",
        "'x'",
        "probability");
    rejects(
        new Projection(
            List.of(), 1, Models.NORMAL, List.of(), List.of(), List.of(), List.of(), 2025),
        "no cells");
  }

  @Test
  void macroShocksBeyondTheChangeRow() {
    for (double logFactor : new double[] {Math.log(12), Double.NaN, Double.NEGATIVE_INFINITY}) {
      rejects(
          new Projection(
              List.of(A, B),
              2,
              Models.NORMAL,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              2025,
              List.of(),
              List.of(new MacroShockSpec("boom", new int[] {0}, 2023, logFactor))),
          "'boom'",
          "log factor",
          "at most 10");
    }
  }

  @Test
  void badSettings() {
    Projection p = with(b -> b.target(0, 2025, 100));
    try (MonteCarloEngine engine = new MonteCarloEngine(1)) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              engine.run(
                  p,
                  new RunSettings(0, 0, 0, 1, Models.PCT),
                  CancellationSignal.NEVER,
                  ProgressListener.NONE));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              engine.run(
                  p,
                  new RunSettings(10, 0, 0, 1, new double[] {100}),
                  CancellationSignal.NEVER,
                  ProgressListener.NONE));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              engine.run(
                  p,
                  new RunSettings(10, -0.1, 0, 1, Models.PCT),
                  CancellationSignal.NEVER,
                  ProgressListener.NONE));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              engine.run(
                  p,
                  new RunSettings(0, 0.01, 0, 1, Models.PCT),
                  CancellationSignal.NEVER,
                  ProgressListener.NONE));
    }
    assertThrows(IllegalArgumentException.class, () -> new MonteCarloEngine(0));
  }
}
