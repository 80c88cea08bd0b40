package chaincast.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The second pass of a run for its rare targets: each target whose odds came out below 1% or above
 * 99% is run again by importance sampling ({@link ImportanceRun}), and its estimate replaces the
 * first pass's when it is valid and narrower.
 *
 * <p>Under {@link RunSettings.VarianceReduction#AUTO} only targets on which the first pass saw both
 * hits and misses are tried: a count target no path missed in a million is certain for any purpose
 * a planner has, and tilting towards a miss that never happens costs pilot runs for nothing. Under
 * {@link RunSettings.VarianceReduction#IMPORTANCE} every rare target is tried and its importance
 * estimate reported whenever it is usable. The tilted run has the first pass's path count (or
 * precision) and seed; its time is added to the run's.
 */
final class RareTargets {

  /** Below this (or above one minus it) a target counts as rare. */
  static final double RARE = 0.01;

  private RareTargets() {}

  /**
   * A count target with a goal of 0 or less cannot be missed (counts are never negative): there is
   * nothing for importance sampling to estimate. Seeded county goals of 0 and the per-year count
   * targets behind a count fan are such targets.
   */
  static boolean certain(TargetSpec spec) {
    return (spec instanceof CountTarget c && !c.strict() && c.threshold() <= 0)
        || (spec instanceof ChainsAboveTarget a && !a.strict() && a.minCount() <= 0);
  }

  static RunResult refine(
      MonteCarloEngine engine,
      Projection projection,
      RunSettings settings,
      RunResult first,
      RemoteOrigin origin,
      CancellationSignal cancel) {
    boolean forced = settings.variance() == RunSettings.VarianceReduction.IMPORTANCE;
    long started = System.nanoTime();
    List<RunResult.TargetResult> targets = new ArrayList<>(first.targets());
    boolean changed = false;
    for (int t = 0; t < targets.size(); t++) {
      RunResult.TargetResult r = targets.get(t);
      double p = r.hit().estimate();
      BinomialEstimate plain = r.plainHit();
      boolean seenBoth = plain.hits() > 0 && plain.hits() < plain.paths();
      if (!(p < RARE || p > 1 - RARE)
          || !(forced || seenBoth)
          || certain(projection.targets().get(t))) {
        continue;
      }
      Optional<ImportanceEstimate> is =
          ImportanceRun.estimate(
              engine, projection, t, settings, ImportanceRun.DEFAULT_SCOPE, origin, cancel);
      if (is.isEmpty() || !is.get().usable()) {
        continue;
      }
      BinomialEstimate hit = is.get().hit();
      if (forced || hit.halfWidth() < r.hit().halfWidth()) {
        targets.set(t, r.withHit(hit, EstimationMethod.IMPORTANCE, is.get().varianceReduction()));
        changed = true;
      }
    }
    if (!changed) {
      return first;
    }
    List<BinomialEstimate> hits = new ArrayList<>();
    targets.forEach(r -> hits.add(r.hit()));
    List<BinomialEstimate> joints = new ArrayList<>();
    first.joints().forEach(j -> joints.add(j.allHit()));
    return new RunResult(
        first.paths(),
        first.stopReason(),
        RunTotals.maxHalfWidth(hits, joints),
        targets,
        first.joints(),
        first.fans(),
        first.elapsedNanos() + (System.nanoTime() - started),
        first.weights());
  }
}
