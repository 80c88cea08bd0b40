package chaincast.sensitivity;

import chaincast.engine.CancellationSignal;
import chaincast.engine.CellSpec;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.PathSampler;
import chaincast.engine.RunCancelledException;
import chaincast.model.Model;
import chaincast.run.PlannedRun;
import chaincast.v1.Cell;
import chaincast.v1.CountCell;
import chaincast.v1.ImportanceInput;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.VarianceImportance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The variance importance of one target: {@link ShapleyEffects} of its value over per-path inputs
 * sampled from the point's paths. For a target over several cells the inputs are each cell's value
 * in the target year (the value is their sum; the cells are correlated through the city and chain
 * shocks); for a target on one cell, the two parts of its log growth from its start, drift ({@code
 * years × mu}) and shocks with events (the rest), with the output the log value; for counts, each
 * count cell's count.
 */
final class ImportanceAnalysis {
  private final PlannedRun plan;
  private final Target target;
  private final int year;
  private final boolean counts;
  private final boolean single;
  private final int[] index;
  private final List<String> ids = new ArrayList<>();

  ImportanceAnalysis(Model model, PlannedRun plan, Target target) {
    this.plan = plan;
    this.target = target;
    this.year = target.getYear();
    this.counts = target.getKind() == TargetKind.TARGET_KIND_COUNT;
    if (counts) {
      List<CountCell> cc = model.countCellsFor(target);
      index = cc.stream().mapToInt(c -> model.countCells().indexOf(c)).toArray();
      cc.forEach(c -> ids.add(c.getId()));
    } else {
      List<Cell> cells = model.cellsIn(target.getScope());
      index = cells.stream().mapToInt(c -> model.cells().indexOf(c)).toArray();
      cells.forEach(c -> ids.add(c.getId()));
    }
    this.single = !counts && index.length == 1;
    if (single) {
      String cell = ids.get(0);
      ids.set(0, cell + "/drift");
      ids.add(cell + "/shocks");
    }
  }

  /**
   * Samples {@code paths} paths of the point with {@code seed} and decomposes the target's
   * variance.
   *
   * @throws RunCancelledException when {@code cancel} fires
   */
  VarianceImportance run(long seed, int paths, CancellationSignal cancel) {
    int k = single ? 2 : index.length;
    VarianceImportance.Builder out =
        VarianceImportance.newBuilder().setPaths(paths).setOutput(output());
    if (k > ShapleyEffects.MAX_INPUTS) {
      return out.setNote(
              "the target has "
                  + k
                  + " inputs; Shapley effects are computed for at most "
                  + ShapleyEffects.MAX_INPUTS)
          .build();
    }
    double[][] x = new double[paths][k];
    double[] y = new double[paths];
    double[] logWeight = new double[paths];
    sample(seed, paths, x, y, logWeight, cancel);
    Moments m = Moments.of(x, y, relativeWeights(logWeight));
    ShapleyEffects.Result r = ShapleyEffects.of(m.cov, m.cxy, m.varY);
    List<ImportanceInput> inputs = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      double corr = m.cov[j][j] > 0 && m.varY > 0 ? m.cxy[j] / Math.sqrt(m.cov[j][j] * m.varY) : 0;
      inputs.add(
          ImportanceInput.newBuilder()
              .setInputId(ids.get(j))
              .setShapleyShare(r.effects()[j])
              .setCorrelation(corr)
              .build());
    }
    inputs.sort(Comparator.comparingDouble(ImportanceInput::getShapleyShare).reversed());
    return out.setVariance(m.varY).setExplainedShare(r.explained()).addAllInputs(inputs).build();
  }

  /** What the decomposed output is, with its unit. */
  private String output() {
    if (single) {
      return "ln value in " + year + " (ln 亿元)";
    }
    return target.getKind() == TargetKind.TARGET_KIND_CHAINS_ABOVE
        ? "total output of its chains in " + year + " (亿元)"
        : "value in " + year + " (" + (counts ? "count" : "亿元") + ")";
  }

  /** Fills row p of {@code x} with path p's inputs and {@code y[p]} with its output. */
  private void sample(
      long seed,
      int paths,
      double[][] x,
      double[] y,
      double[] logWeight,
      CancellationSignal cancel) {
    PathSampler sampler = new PathSampler(plan.projection());
    PathSampler.PathVisitor visitor = visitor(sampler, x, y, logWeight);
    long blocks = (paths - 1L) / MonteCarloEngine.BLOCK_SIZE + 1;
    for (long b = 0; b < blocks; b++) {
      if (cancel.isCancelled()) {
        throw new RunCancelledException(b * MonteCarloEngine.BLOCK_SIZE);
      }
      int n = (int) Math.min(MonteCarloEngine.BLOCK_SIZE, paths - b * MonteCarloEngine.BLOCK_SIZE);
      sampler.sampleBlock(seed, b, n, visitor);
    }
  }

  /**
   * Each path's weight relative to the heaviest, {@code exp(logWeight - max)}: observations weight
   * the paths (all 1 without them), and the moments are those of the weighted paths.
   */
  private static double[] relativeWeights(double[] logWeight) {
    double max = Double.NEGATIVE_INFINITY;
    for (double lw : logWeight) {
      max = Math.max(max, lw);
    }
    double[] w = new double[logWeight.length];
    for (int p = 0; p < w.length; p++) {
      w[p] = Double.isFinite(max) ? Math.exp(logWeight[p] - max) : 1.0;
    }
    return w;
  }

  private PathSampler.PathVisitor visitor(
      PathSampler sampler, double[][] x, double[] y, double[] logWeight) {
    int first = sampler.firstYear();
    int years = sampler.yearCount();
    CellSpec cell = single ? plan.projection().cells().get(index[0]) : null;
    int startYear = single ? cell.baseYear() : 0;
    double logStart = single ? Math.log(cell.baseValue()) : 0;
    return new PathSampler.PathVisitor() {
      @Override
      public void visitWeight(long path, double lw) {
        logWeight[(int) path] = lw;
      }

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
    };
  }

  /**
   * Weighted covariances of the inputs, of the inputs with the output, and the output's variance
   * (two passes; with equal weights, the sample moments with the n - 1 divisor; with unequal
   * weights, the reliability-weighted divisor {@code Σw - Σw² / Σw}).
   */
  record Moments(double[][] cov, double[] cxy, double varY) {
    static Moments of(double[][] x, double[] y, double[] w) {
      int paths = y.length;
      int k = x.length == 0 ? 0 : x[0].length;
      double[] mean = new double[k];
      double meanY = 0;
      double sw = 0;
      double sw2 = 0;
      for (int p = 0; p < paths; p++) {
        for (int j = 0; j < k; j++) {
          mean[j] += w[p] * x[p][j];
        }
        meanY += w[p] * y[p];
        sw += w[p];
        sw2 += w[p] * w[p];
      }
      for (int j = 0; j < k; j++) {
        mean[j] /= sw;
      }
      meanY /= sw;
      double[][] cov = new double[k][k];
      double[] cxy = new double[k];
      double varY = 0;
      for (int p = 0; p < paths; p++) {
        double dy = y[p] - meanY;
        varY += w[p] * dy * dy;
        for (int a = 0; a < k; a++) {
          double da = w[p] * (x[p][a] - mean[a]);
          cxy[a] += da * dy;
          for (int c = 0; c <= a; c++) {
            cov[a][c] += da * (x[p][c] - mean[c]);
          }
        }
      }
      double divisor = sw - sw2 / sw;
      for (int a = 0; a < k; a++) {
        cxy[a] /= divisor;
        for (int c = 0; c <= a; c++) {
          cov[a][c] /= divisor;
          cov[c][a] = cov[a][c];
        }
      }
      return new Moments(cov, cxy, varY / divisor);
    }
  }
}
