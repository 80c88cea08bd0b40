package chaincast.api;

import chaincast.engine.CancellationSignal;
import chaincast.run.SimulationRunner;
import chaincast.v1.EstimationMethod;
import chaincast.v1.GoalSeekRequest;
import chaincast.v1.GoalSeekResponse;
import chaincast.v1.Probability;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepValue;
import chaincast.v1.TargetOdds;
import chaincast.v1.ThresholdOdds;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.TooManyEvaluationsException;

/**
 * Goal seek: the root of θ ↦ P(θ) − wanted in [low, high], by Brent's method (Commons Math) on
 * common random numbers. Every evaluation runs the same seed and paths with only θ changed, so P(θ)
 * is one deterministic function; with the conditional estimator (the default here) it is smooth in
 * θ, so the root search converges like on an exact function. The Monte Carlo error of the root is
 * the delta method's SE(P) / |dP/dθ|, the slope a central difference of ±1% of the range on the
 * same paths.
 */
final class GoalSeeker {
  /** Most evaluations of P the root search may take (besides the ends and the slope). */
  static final int MAX_SEARCH_EVALUATIONS = 60;

  /** Evaluations besides the search: the two ends and the two points of the slope. */
  static final int EXTRA_EVALUATIONS = 4;

  /** The slope's step, as a share of the range. */
  static final double SLOPE_STEP = 0.01;

  private final SimulationRunner runner;
  private final SimulationSpec spec;
  private final ScenarioOverrides base;
  private final SweepParameter parameter;
  private final GoalSeekRequest request;
  private final CancellationSignal cancel;
  private final Map<Double, Evaluation> cache = new HashMap<>();

  /** P at one value, with how it was estimated. */
  record Evaluation(Probability p, EstimationMethod method, SimulationReport report) {}

  /**
   * @param spec the normalized spec (seed and paths fixed, scenario merged into inline overrides,
   *     selection set to the goal)
   */
  GoalSeeker(
      SimulationRunner runner, SimulationSpec spec, GoalSeekRequest request, CancellationSignal c) {
    this.runner = runner;
    this.spec = spec.toBuilder().clearScenario().build();
    this.base = spec.getInlineOverrides();
    this.parameter = request.getParameter();
    this.request = request;
    this.cancel = c;
  }

  /** P at {@code theta} (cached: Brent may ask twice for the same value). */
  Evaluation evaluate(double theta) {
    return cache.computeIfAbsent(theta, this::run);
  }

  private Evaluation run(double theta) {
    ScenarioOverrides point =
        SweepParameters.apply(
            base, List.of(SweepValue.newBuilder().setParameter(parameter).setValue(theta).build()));
    SimulationReport report =
        runner.run(runner.planner().plan(spec, point, spec.getSeed()), cancel, p -> {});
    if (request.hasThreshold()) {
      ThresholdOdds t = report.getThresholds(0);
      return new Evaluation(t.getProbability(), t.getMethod(), report);
    }
    for (TargetOdds o : report.getOddsList()) {
      if (o.getTargetId().equals(request.getTargetId())) {
        return new Evaluation(o.getPHit(), o.getMethod(), report);
      }
    }
    throw new IllegalStateException(
        "the goal's target was not simulated: " + report.getSkippedList());
  }

  /** Searches the root; FAILED_PRECONDITION when P − wanted has the same sign at both ends. */
  GoalSeekResponse seek() {
    double low = request.getLow();
    double high = request.getHigh();
    double wanted = request.getProbability();
    Evaluation atLow = evaluate(low);
    Evaluation atHigh = evaluate(high);
    double fLow = atLow.p().getEstimate() - wanted;
    double fHigh = atHigh.p().getEstimate() - wanted;
    if (fLow * fHigh > 0) {
      throw ApiException.failedPrecondition(
          (String.format(
              Locale.ROOT,
              "no value of %s in [%s, %s] gives P = %s: P is %.4f at %s and %.4f at %s;"
                  + " widen the range",
              SweepParameters.name(parameter),
              low,
              high,
              wanted,
              atLow.p().getEstimate(),
              low,
              atHigh.p().getEstimate(),
              high)));
    }
    double root;
    if (fLow == 0) {
      root = low;
    } else if (fHigh == 0) {
      root = high;
    } else {
      BrentSolver solver = new BrentSolver(1e-12, 1e-7 * (high - low), 1e-12);
      try {
        root =
            solver.solve(
                MAX_SEARCH_EVALUATIONS, x -> evaluate(x).p().getEstimate() - wanted, low, high);
      } catch (TooManyEvaluationsException e) {
        throw ApiException.failedPrecondition(
            ("the root search for "
                + SweepParameters.name(parameter)
                + " did not converge in "
                + MAX_SEARCH_EVALUATIONS
                + " evaluations; P may be a step function here: use more paths or"
                + " variance_reduction CONDITIONAL"));
      }
    }
    return answer(root, atLow, atHigh);
  }

  private GoalSeekResponse answer(double root, Evaluation atLow, Evaluation atHigh) {
    double low = request.getLow();
    double high = request.getHigh();
    Evaluation at = evaluate(root);
    double h = SLOPE_STEP * (high - low);
    double a = Math.max(low, root - h);
    double b = Math.min(high, root + h);
    double slope = (evaluate(b).p().getEstimate() - evaluate(a).p().getEstimate()) / (b - a);
    double se = slope == 0 ? Double.POSITIVE_INFINITY : at.p().getStandardError() / Math.abs(slope);
    return GoalSeekResponse.newBuilder()
        .setValue(root)
        .setPHit(at.p())
        .setStandardError(se)
        .setSlope(slope)
        .setPLow(atLow.p())
        .setPHigh(atHigh.p())
        .setEvaluations(cache.size())
        .setRun(at.report().getRun())
        .setMethod(at.method())
        .build();
  }
}
