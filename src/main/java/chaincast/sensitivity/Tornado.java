package chaincast.sensitivity;

import chaincast.engine.CancellationSignal;
import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.model.Model;
import chaincast.run.PlannedRun;
import chaincast.run.ProjectionPlanner;
import chaincast.run.SimulationRunner;
import chaincast.v1.Cell;
import chaincast.v1.CountCell;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetDifference;
import chaincast.v1.TargetKind;
import chaincast.v1.TornadoBar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tornado of one target: for every {@link TornadoStep} of every input in its scope, P(hit) with
 * the parameter one step down and one up, each compared with the point on common random numbers.
 * The point is planned once; each moved side is planned once.
 */
final class Tornado {
  private final Model model;
  private final ProjectionPlanner planner;
  private final SimulationRunner runner;
  private final SimulationSpec spec;
  private final ScenarioOverrides point;
  private final PlannedRun pointPlan;
  private final CancellationSignal cancel;
  private final List<TornadoBar> bars = new ArrayList<>();
  private TargetDifference reference;

  /**
   * @param spec the one-target spec with its seed set; every run uses it
   * @param point the point's overrides (the request's overrides merged in)
   * @param pointPlan {@code spec} planned on {@code point}
   */
  Tornado(
      Model model,
      SimulationRunner runner,
      SimulationSpec spec,
      ScenarioOverrides point,
      PlannedRun pointPlan,
      CancellationSignal cancel) {
    this.model = model;
    this.planner = runner.planner();
    this.runner = runner;
    this.spec = spec;
    this.point = point;
    this.pointPlan = pointPlan;
    this.cancel = cancel;
  }

  /** How many steps a tornado of {@code target} takes at most: steps per input times inputs. */
  static int steps(Model model, Target target) {
    int inputs =
        target.getKind() == TargetKind.TARGET_KIND_COUNT
            ? model.countCellsFor(target).size()
            : model.cellsIn(target.getScope()).size();
    return TornadoStep.forKind(target.getKind()).size() * inputs;
  }

  /** Runs every step; the bars, widest swing first. */
  List<TornadoBar> run(Target target) {
    if (target.getKind() == TargetKind.TARGET_KIND_COUNT) {
      for (CountCell c : model.countCellsFor(target)) {
        CountCellSpec cs = pointPlan.projection().countCells().get(model.countCells().indexOf(c));
        for (TornadoStep step : TornadoStep.COUNT_STEPS) {
          double v = step.valueIn(cs);
          if (step.moves(v)) {
            double[] lh = step.around(v);
            bar(
                c.getId(),
                step,
                v,
                lh,
                step.set(point, c.getId(), lh[0]),
                step.set(point, c.getId(), lh[1]));
          }
        }
      }
    } else {
      for (Cell c : model.cellsIn(target.getScope())) {
        CellSpec cs = pointPlan.projection().cells().get(model.cells().indexOf(c));
        for (TornadoStep step : TornadoStep.CELL_STEPS) {
          double v = step.valueIn(cs);
          if (step.moves(v)) {
            double[] lh = step.around(v);
            bar(
                c.getId(),
                step,
                v,
                lh,
                step.set(point, cs.id(), lh[0]),
                step.set(point, cs.id(), lh[1]));
          }
        }
      }
    }
    bars.sort(Comparator.comparingDouble(TornadoBar::getSwing).reversed());
    return bars;
  }

  /** The last step's baseline side: P(hit) at the point; null when no step ran. */
  TargetDifference reference() {
    return reference;
  }

  private void bar(
      String cellId,
      TornadoStep step,
      double v,
      double[] lh,
      ScenarioOverrides down,
      ScenarioOverrides up) {
    TargetDifference low = compare(down);
    TargetDifference high = compare(up);
    reference = low;
    bars.add(
        TornadoBar.newBuilder()
            .setInputId(cellId + "." + step.parameter)
            .setCellId(cellId)
            .setParameter(step.parameter)
            .setValue(v)
            .setLowValue(lh[0])
            .setHighValue(lh[1])
            .setStep(step.description)
            .setPHitLow(low.getPHitAlternative())
            .setPHitHigh(high.getPHitAlternative())
            .setDifferenceLow(low.getDifference())
            .setStandardErrorLow(low.getStandardError())
            .setDifferenceHigh(high.getDifference())
            .setStandardErrorHigh(high.getStandardError())
            .setSwing(
                Math.abs(
                    high.getPHitAlternative().getEstimate()
                        - low.getPHitAlternative().getEstimate()))
            .build());
  }

  /** The one target's difference between the point and {@code moved}. */
  private TargetDifference compare(ScenarioOverrides moved) {
    PlannedRun movedPlan = planner.plan(spec, moved, pointPlan.settings().seed());
    return runner.compare(pointPlan, movedPlan, cancel).getTargets(0);
  }
}
