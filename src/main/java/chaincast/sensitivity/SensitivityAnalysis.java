package chaincast.sensitivity;

import chaincast.engine.CancellationSignal;
import chaincast.engine.CellSpec;
import chaincast.engine.CountCellSpec;
import chaincast.engine.PathSampler;
import chaincast.engine.MemoryFootprint;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.RunSizer;
import chaincast.engine.RunCancelledException;
import chaincast.model.Model;
import chaincast.run.PlannedRun;
import chaincast.run.ProjectionPlanner;
import chaincast.run.SimulationRunner;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.CountCell;
import chaincast.v1.CountOverride;
import chaincast.v1.ImportanceInput;
import chaincast.v1.Observation;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SensitivityReport;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Target;
import chaincast.v1.TargetDifference;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import chaincast.v1.TornadoBar;
import chaincast.v1.VarianceImportance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sensitivity of one target at a point (a scenario's overrides on the seeded model).
 *
 * <h2>Tornado</h2>
 * For every parameter of every cell (or count cell) in the target's scope, P(hit) with the
 * parameter one {@link TornadoStep} down and one up, each against the point on common random
 * numbers, so a bar's ends carry paired errors far below their size.
 *
 * <h2>Variance importance</h2>
 * {@link ShapleyEffects} of the target's value over per-path inputs sampled from the point's
 * paths: for a target over several cells, each cell's value in the target year (the value is
 * their sum; the cells are correlated through the city and chain shocks); for a target on one
 * cell, the two parts of its log growth from its start, drift ({@code years × mu}) and shocks
 * with events (the rest), with the output the log value; for counts, each count cell's count.
 */
public final class SensitivityAnalysis {
  /** Paths per run when the request gives none. */
  public static final long DEFAULT_PATHS = 20_000;
  /** Most paths sampled for the variance importance (it keeps them in memory). */
  static final int MAX_IMPORTANCE_PATHS = 50_000;

  private final Model model;
  private final ProjectionPlanner planner;
  private final SimulationRunner runner;

  public SensitivityAnalysis(Model model, SimulationRunner runner) {
    this.model = model;
    this.planner = runner.planner();
    this.runner = runner;
  }

  /**
   * @param spec   paths, seed, horizon, shocks, overrides; its selection is replaced by the target
   * @param point  the scenario's overrides
   * @throws chaincast.run.PlanningException when the overrides do not fit the model
   * @throws RunCancelledException when {@code cancel} fires
   */
  public SensitivityReport analyse(
      SimulationSpec spec, ScenarioOverrides point, Target target, CancellationSignal cancel) {
    long seed = spec.hasSeed() ? spec.getSeed() : java.util.concurrent.ThreadLocalRandom.current().nextLong();
    // The request's per-cell overrides become part of the point: left in the spec they would
    // apply on top of every step and hide the steps of the parameters they set.
    point = withRequestOverrides(point, spec.getOverridesList());
    long paths = spec.getPaths() > 0 ? spec.getPaths() : DEFAULT_PATHS;
    SimulationSpec one =
        spec.toBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds(target.getId()))
            .clearJoint()
            .clearFans()
            .setPaths(paths)
            .setSeed(seed)
            .clearScenario()
            .clearOverrides()
            .build();
    PlannedRun plan = planner.plan(one, point, seed);

    List<TornadoBar> bars = new ArrayList<>();
    TargetDifference reference = null;
    if (target.getKind() == TargetKind.TARGET_KIND_COUNT) {
      for (CountCell c : model.countCellsFor(target)) {
        int k = model.countCells().indexOf(c);
        CountCellSpec cs = plan.projection().countCells().get(k);
        for (TornadoStep step : List.of(TornadoStep.BASE_COUNT, TornadoStep.YEARLY_RATE, TornadoStep.RATE_SHAPE)) {
          double v = switch (step) {
            case BASE_COUNT -> cs.baseCount();
            case YEARLY_RATE -> cs.yearlyRate();
            default -> cs.rateShape();
          };
          if (v == 0 && step != TornadoStep.BASE_COUNT) {
            continue; // a zero rate or a known rate has no step to take
          }
          double[] lh = step.around(v);
          TargetDifference low = compare(one, point, withCount(point, c.getId(), step, lh[0]), cancel);
          TargetDifference high = compare(one, point, withCount(point, c.getId(), step, lh[1]), cancel);
          reference = low;
          bars.add(bar(c.getId(), step, v, lh, low, high));
        }
      }
    } else {
      for (Cell c : model.cellsIn(target.getScope())) {
        int i = model.cells().indexOf(c);
        CellSpec cs = plan.projection().cells().get(i);
        for (TornadoStep step : List.of(TornadoStep.START_VALUE, TornadoStep.DRIFT_MEAN, TornadoStep.DRIFT_SD, TornadoStep.VOLATILITY)) {
          double v = switch (step) {
            case START_VALUE -> cs.isObserved() ? cs.observedValue() : cs.baseValue();
            case DRIFT_MEAN -> cs.driftMean();
            case DRIFT_SD -> cs.driftSd();
            default -> cs.volatility();
          };
          if (v == 0 && step != TornadoStep.DRIFT_MEAN) {
            continue;
          }
          double[] lh = step.around(v);
          if (step == TornadoStep.START_VALUE) {
            lh[1] = Math.min(lh[1], largestStart(plan, cs, v));
          }
          TargetDifference low = compare(one, point, withCell(point, cs, step, lh[0]), cancel);
          TargetDifference high = compare(one, point, withCell(point, cs, step, lh[1]), cancel);
          reference = low;
          bars.add(bar(c.getId(), step, v, lh, low, high));
        }
      }
    }
    bars.sort(Comparator.comparingDouble(TornadoBar::getSwing).reversed());

    SensitivityReport.Builder report =
        SensitivityReport.newBuilder()
            .setTargetId(target.getId())
            .setName(target.getName())
            .addAllTornado(bars)
            .setImportance(importance(plan, target, seed, (int) Math.min(paths, MAX_IMPORTANCE_PATHS), cancel))
            .setRun(
                chaincast.v1.RunInfo.newBuilder()
                    .setPaths(paths)
                    .setSeed(seed)
                    .setHorizonYear(plan.projection().horizonYear())
                    .setShockDistribution(plan.distribution())
                    .setStopReason(chaincast.v1.StopReason.STOP_REASON_PATHS_DONE)
                    .setBlockSize(MonteCarloEngine.BLOCK_SIZE));
    if (reference != null) {
      report.setPHit(reference.getPHitBaseline());
    }
    return report.build();
  }

  /**
   * The most heap {@link #analyse} of this validated request holds. The tornado's paired runs
   * go one after the other, so the larger of one paired run (with the count laws of a moved rate
   * beside the point's) and the variance importance's sampler with its per-path inputs.
   *
   * @throws chaincast.run.PlanningException when the overrides do not fit the model
   */
  public MemoryFootprint footprint(SimulationSpec spec, ScenarioOverrides point, Target target) {
    point = withRequestOverrides(point, spec.getOverridesList());
    long paths = spec.getPaths() > 0 ? spec.getPaths() : DEFAULT_PATHS;
    SimulationSpec one =
        spec.toBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds(target.getId()))
            .clearJoint()
            .clearFans()
            .setPaths(paths)
            .clearScenario()
            .clearOverrides()
            .build();
    MemoryFootprint paired = runner.footprintOfComparison(one, point, point);
    paired = paired.plus(new MemoryFootprint(0, 0, paired.countLaws(), 0, 0));
    PlannedRun plan = planner.plan(one, point, 0);
    int sampled = (int) Math.min(paths, MAX_IMPORTANCE_PATHS);
    int inputs = ShapleyEffects.MAX_INPUTS;
    long importanceArrays =
        8L * (16 + sampled) + (long) sampled * (16 + 8L * inputs) + 8L * (16 + sampled) + (1L << inputs) * 16;
    MemoryFootprint importance =
        RunSizer.sampler(plan.projection()).plusWorkspace(importanceArrays + SimulationRunner.PLAN_BYTES);
    long bars = 4L * (model.cells().size() + model.countCells().size()) * 1024;
    return MemoryFootprint.larger(paired, importance).plus(new MemoryFootprint(0, 0, 0, 0, bars));
  }

  /**
   * The largest start a step may give a cell that starts from its share of an observed group
   * total: halfway from its share to what the group's cells not observed on their own hold
   * together ({@code value / share}), so the total still leaves something for the others. A cell
   * holding nearly the whole total barely moves up: once the total is known, it cannot exceed it.
   */
  private static double largestStart(PlannedRun plan, CellSpec cell, double value) {
    for (var o : plan.observations()) {
      if (o.getSplit() && o.getCellId().equals(cell.id()) && o.getYear() == cell.observedYear() && o.getShare() > 0) {
        return value + (value / o.getShare() - value) / 2;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static ScenarioOverrides withRequestOverrides(ScenarioOverrides point, List<CellOverride> overrides) {
    ScenarioOverrides.Builder b = point.toBuilder();
    for (CellOverride o : overrides) {
      int at = -1;
      for (int i = 0; i < b.getCellsCount(); i++) {
        if (b.getCells(i).getCellId().equals(o.getCellId())) {
          at = i;
        }
      }
      if (at >= 0) {
        b.setCells(at, b.getCells(at).toBuilder().mergeFrom(o));
      } else {
        b.addCells(o);
      }
    }
    return b.build();
  }

  private TargetDifference compare(SimulationSpec spec, ScenarioOverrides point, ScenarioOverrides moved, CancellationSignal cancel) {
    ScenarioComparison c = runner.compare(spec, point, moved, cancel);
    return c.getTargets(0);
  }

  private static TornadoBar bar(String cellId, TornadoStep step, double v, double[] lh, TargetDifference low, TargetDifference high) {
    return TornadoBar.newBuilder()
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
        .setSwing(Math.abs(high.getPHitAlternative().getEstimate() - low.getPHitAlternative().getEstimate()))
        .build();
  }

  /** The point's overrides with one cell parameter moved (merged into its existing override). */
  private static ScenarioOverrides withCell(ScenarioOverrides point, CellSpec cell, TornadoStep step, double value) {
    ScenarioOverrides.Builder b = point.toBuilder();
    if (step == TornadoStep.START_VALUE && cell.isObserved()) {
      // The cell starts from an observation: move that (a direct observation beats a group share).
      b.addObservations(
          Observation.newBuilder()
              .setId("tornado-" + cell.id())
              .setCellId(cell.id())
              .setYear(cell.observedYear())
              .setValue(value)
              .setSource("sensitivity step"));
      return b.build();
    }
    CellOverride.Builder o = CellOverride.newBuilder().setCellId(cell.id());
    int at = -1;
    for (int i = 0; i < b.getCellsCount(); i++) {
      if (b.getCells(i).getCellId().equals(cell.id())) {
        o = b.getCells(i).toBuilder();
        at = i;
      }
    }
    switch (step) {
      case START_VALUE -> o.setBaseValue(value);
      case DRIFT_MEAN -> o.setDriftMean(value);
      case DRIFT_SD -> o.setDriftSd(value);
      default -> o.setVolatility(value);
    }
    if (at >= 0) {
      b.setCells(at, o);
    } else {
      b.addCells(o);
    }
    return b.build();
  }

  private static ScenarioOverrides withCount(ScenarioOverrides point, String id, TornadoStep step, double value) {
    ScenarioOverrides.Builder b = point.toBuilder();
    CountOverride.Builder o = CountOverride.newBuilder().setCountCellId(id);
    int at = -1;
    for (int i = 0; i < b.getCountsCount(); i++) {
      if (b.getCounts(i).getCountCellId().equals(id)) {
        o = b.getCounts(i).toBuilder();
        at = i;
      }
    }
    switch (step) {
      case BASE_COUNT -> o.setBaseCount(value);
      case YEARLY_RATE -> o.setYearlyRate(value);
      default -> o.setRateShape(value);
    }
    if (at >= 0) {
      b.setCounts(at, o);
    } else {
      b.addCounts(o);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ variance importance

  private VarianceImportance importance(PlannedRun plan, Target target, long seed, int paths, CancellationSignal cancel) {
    int year = target.getYear();
    boolean counts = target.getKind() == TargetKind.TARGET_KIND_COUNT;
    List<String> ids = new ArrayList<>();
    int[] index;
    if (counts) {
      List<CountCell> cc = model.countCellsFor(target);
      index = cc.stream().mapToInt(c -> model.countCells().indexOf(c)).toArray();
      cc.forEach(c -> ids.add(c.getId()));
    } else {
      List<Cell> cells = model.cellsIn(target.getScope());
      index = cells.stream().mapToInt(c -> model.cells().indexOf(c)).toArray();
      cells.forEach(c -> ids.add(c.getId()));
    }
    boolean single = !counts && index.length == 1;
    int k = single ? 2 : index.length;
    VarianceImportance.Builder out = VarianceImportance.newBuilder().setPaths(paths);
    String unit = counts ? "count" : "亿元";
    String what =
        target.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE
            ? "total output of its chains in " + year + " (亿元)"
            : "value in " + year + " (" + unit + ")";
    out.setOutput(single ? "ln value in " + year + " (ln 亿元)" : what);
    if (k > ShapleyEffects.MAX_INPUTS) {
      return out.setNote(
              "the target has " + k + " inputs; Shapley effects are computed for at most "
                  + ShapleyEffects.MAX_INPUTS)
          .build();
    }
    double[][] x = new double[paths][k];
    double[] y = new double[paths];
    PathSampler sampler = new PathSampler(plan.projection());
    int first = sampler.firstYear();
    int years = sampler.yearCount();
    CellSpec cell = single ? plan.projection().cells().get(index[0]) : null;
    int startYear = single ? (cell.isObserved() ? cell.observedYear() : cell.baseYear()) : 0;
    double logStart = single ? Math.log(cell.isObserved() ? cell.observedValue() : cell.baseValue()) : 0;
    long blocks = (paths - 1) / MonteCarloEngine.BLOCK_SIZE + 1;
    for (long b = 0; b < blocks; b++) {
      if (cancel.isCancelled()) {
        throw new RunCancelledException(b * MonteCarloEngine.BLOCK_SIZE);
      }
      int n = (int) Math.min(MonteCarloEngine.BLOCK_SIZE, paths - b * MonteCarloEngine.BLOCK_SIZE);
      sampler.sampleBlock(
          seed,
          b,
          n,
          new PathSampler.PathVisitor() {
            @Override
            public void visitDrift(long path, double[] drift) {
              if (single) {
                x[(int) path][0] = (year - startYear) * drift[index[0]];
              }
            }

            @Override
            public void visitCounts(long path, int[] c) {
              if (counts) {
                double sum = 0;
                for (int j = 0; j < index.length; j++) {
                  double v = c[index[j] * years + year - first];
                  x[(int) path][j] = v;
                  sum += v;
                }
                y[(int) path] = sum;
              }
            }

            @Override
            public void visit(long path, int calendarYear, double[] cells, double[] groups) {
              if (counts || calendarYear != year) {
                return;
              }
              int p = (int) path;
              if (single) {
                double logValue = Math.log(cells[index[0]]);
                x[p][1] = logValue - logStart - x[p][0];
                y[p] = logValue;
              } else {
                double sum = 0;
                for (int j = 0; j < index.length; j++) {
                  x[p][j] = cells[index[j]];
                  sum += cells[index[j]];
                }
                y[p] = sum;
              }
            }
          });
    }
    if (single) {
      ids.set(0, ids.get(0) + "/drift");
      ids.add(ids.get(0).replace("/drift", "/shocks"));
    }
    // Two-pass covariances.
    double[] mean = new double[k];
    double meanY = 0;
    for (int p = 0; p < paths; p++) {
      for (int j = 0; j < k; j++) {
        mean[j] += x[p][j];
      }
      meanY += y[p];
    }
    for (int j = 0; j < k; j++) {
      mean[j] /= paths;
    }
    meanY /= paths;
    double[][] cov = new double[k][k];
    double[] cxy = new double[k];
    double varY = 0;
    for (int p = 0; p < paths; p++) {
      double dy = y[p] - meanY;
      varY += dy * dy;
      for (int a = 0; a < k; a++) {
        double da = x[p][a] - mean[a];
        cxy[a] += da * dy;
        for (int c = 0; c <= a; c++) {
          cov[a][c] += da * (x[p][c] - mean[c]);
        }
      }
    }
    for (int a = 0; a < k; a++) {
      cxy[a] /= paths - 1;
      for (int c = 0; c <= a; c++) {
        cov[a][c] /= paths - 1;
        cov[c][a] = cov[a][c];
      }
    }
    varY /= paths - 1;
    ShapleyEffects.Result r = ShapleyEffects.of(cov, cxy, varY);
    List<ImportanceInput> inputs = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      double corr = cov[j][j] > 0 && varY > 0 ? cxy[j] / Math.sqrt(cov[j][j] * varY) : 0;
      inputs.add(
          ImportanceInput.newBuilder().setInputId(ids.get(j)).setShapleyShare(r.effects()[j]).setCorrelation(corr).build());
    }
    inputs.sort(Comparator.comparingDouble(ImportanceInput::getShapleyShare).reversed());
    return out.setVariance(varY).setExplainedShare(r.explained()).addAllInputs(inputs).build();
  }
}
