package chaincast.api;

import chaincast.model.Model;
import chaincast.run.EffectiveParameters;
import chaincast.run.Limits;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SweepAxis;
import chaincast.v1.SweepGrid;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepPointSpec;
import chaincast.v1.SweepRequest;
import chaincast.v1.SweepValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep request's checks, its normal form (the form stored and compared on resume), and its
 * points.
 *
 * <p>Limits: at most {@link #MAX_POINTS} points, and points × paths at most {@link #WORK_FACTOR}
 * times the server's per-run path limit (1 000 000 000 paths with the default limit of 50 000 000,
 * about 20 minutes of both cores of the reference machine).
 */
final class SweepRequests {
  /** Most points in one sweep. */
  static final int MAX_POINTS = 10_000;

  /** A sweep may simulate this many times the server's per-run path limit in all. */
  static final long WORK_FACTOR = 20;

  private SweepRequests() {}

  /** How many points the request has (grid: the product of the axes' lengths), capped. */
  static long pointCount(SweepRequest r) {
    return switch (r.getPointsCase()) {
      case GRID -> {
        long n = 1;
        for (SweepAxis a : r.getGrid().getAxesList()) {
          n = Math.min(n * Math.max(a.getValuesCount(), 0), Integer.MAX_VALUE);
        }
        yield r.getGrid().getAxesCount() == 0 ? 0 : n;
      }
      case LIST -> r.getList().getPointsCount();
      case POINTS_NOT_SET -> 0;
    };
  }

  /**
   * Checks the points part of a request (the spec is checked by the spec validator); adds every
   * problem to {@code v}.
   */
  static void checkPoints(
      SweepRequest r, Model model, ScenarioOverrides base, long maxPaths, Violations v) {
    Set<String> shocks = SweepParameters.macroShockIds(base);
    switch (r.getPointsCase()) {
      case GRID -> checkGrid(r.getGrid(), model, shocks, v);
      case LIST -> {
        if (r.getList().getPointsCount() == 0) {
          v.invalid("list.points", "is empty: give at least one point");
        }
        for (int i = 0; i < r.getList().getPointsCount(); i++) {
          checkPoint(r.getList().getPoints(i), model, shocks, "list.points[" + i + "]", v);
        }
      }
      case POINTS_NOT_SET -> v.invalid("grid", "set grid (axes of values) or list (points)");
    }
    long points = pointCount(r);
    String where = r.getPointsCase() == SweepRequest.PointsCase.LIST ? "list.points" : "grid.axes";
    if (points > MAX_POINTS) {
      v.invalid(
          where,
          "the sweep has " + points + " points; at most " + MAX_POINTS + ": use fewer values");
    }
    long paths = paths(r.getSpec());
    long work = Math.min(points, MAX_POINTS + 1L) * paths;
    long maxWork = WORK_FACTOR * maxPaths;
    if (points <= MAX_POINTS && work > maxWork) {
      v.invalid(
          "spec.paths",
          points
              + " points × "
              + paths
              + " paths = "
              + work
              + " paths, above the sweep limit of "
              + maxWork
              + " ("
              + WORK_FACTOR
              + " × the per-run limit); ask for fewer paths or fewer points");
    }
  }

  private static void checkGrid(SweepGrid g, Model model, Set<String> shocks, Violations v) {
    if (g.getAxesCount() == 0) {
      v.invalid("grid.axes", "is empty: give at least one axis");
    }
    Set<SweepParameter> seen = new HashSet<>();
    for (int i = 0; i < g.getAxesCount(); i++) {
      SweepAxis a = g.getAxes(i);
      String f = "grid.axes[" + i + "]";
      SweepParameters.check(model, a.getParameter(), shocks, f + ".parameter", v);
      if (!seen.add(a.getParameter())) {
        v.invalid(f + ".parameter", "moves the same parameter as an earlier axis");
      }
      if (a.getValuesCount() == 0) {
        v.invalid(f + ".values", "is empty: give at least one value");
      }
      for (int j = 0; j < a.getValuesCount(); j++) {
        SweepParameters.checkValue(a.getParameter(), a.getValues(j), f + ".values[" + j + "]", v);
      }
    }
  }

  private static void checkPoint(
      SweepPointSpec p, Model model, Set<String> shocks, String field, Violations v) {
    if (p.getValuesCount() == 0) {
      v.invalid(field + ".values", "is empty: set at least one parameter");
    }
    Set<SweepParameter> seen = new HashSet<>();
    for (int j = 0; j < p.getValuesCount(); j++) {
      SweepValue sv = p.getValues(j);
      String f = field + ".values[" + j + "]";
      SweepParameters.check(model, sv.getParameter(), shocks, f + ".parameter", v);
      if (!seen.add(sv.getParameter())) {
        v.invalid(f + ".parameter", "is set twice in the same point");
      }
      SweepParameters.checkValue(sv.getParameter(), sv.getValue(), f + ".value", v);
    }
  }

  /** The paths every point simulates. */
  static long paths(SimulationSpec spec) {
    return spec.getPaths() > 0 ? spec.getPaths() : Limits.DEFAULT_PATHS;
  }

  /**
   * The normal form: seed and paths filled in, the scenario (stored or inline) and {@code
   * spec.overrides} merged into inline overrides. Two calls with the same normal form simulate the
   * same numbers.
   */
  static SweepRequest normalize(SweepRequest r, ScenarioOverrides scenario, long seed) {
    SimulationSpec spec = r.getSpec();
    ScenarioOverrides base =
        EffectiveParameters.merge(scenario, spec.getOverridesList(), List.of());
    SimulationSpec normal =
        spec.toBuilder()
            .clearScenario()
            .clearOverrides()
            .setInlineOverrides(base)
            .setSeed(seed)
            .setPaths(paths(spec))
            .build();
    return r.toBuilder().setSpec(normal).build();
  }

  /** Every point's values, in sweep order (grid: the last axis varies fastest). */
  static List<List<SweepValue>> points(SweepRequest r) {
    List<List<SweepValue>> out = new ArrayList<>();
    if (r.getPointsCase() == SweepRequest.PointsCase.LIST) {
      for (SweepPointSpec p : r.getList().getPointsList()) {
        out.add(p.getValuesList());
      }
      return out;
    }
    out.add(List.of());
    for (SweepAxis a : r.getGrid().getAxesList()) {
      List<List<SweepValue>> next = new ArrayList<>();
      for (List<SweepValue> prefix : out) {
        for (double x : a.getValuesList()) {
          List<SweepValue> p = new ArrayList<>(prefix);
          p.add(SweepValue.newBuilder().setParameter(a.getParameter()).setValue(x).build());
          next.add(p);
        }
      }
      out = next;
    }
    return out;
  }
}
