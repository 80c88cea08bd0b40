package chaincast.calibration.proto;

import chaincast.calibration.CellPrior;
import chaincast.calibration.DriftVolatilityEstimator;
import chaincast.calibration.Estimate;
import chaincast.calibration.Skipped;
import chaincast.model.Model;
import chaincast.v1.ActualPoint;
import chaincast.v1.Cell;
import chaincast.v1.CellParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calibrates the seeded model from actual points: the entry point a run uses to get {@link
 * chaincast.calibration.CellPosterior}s from a dataset.
 */
public final class ModelCalibration {
  /**
   * Smallest drift spread and volatility a prior takes: a seeded 0 would make the prior a point
   * mass that no data could move, and the inverse-gamma scale 0.
   */
  static final double MIN_SPREAD = 1e-4;

  private ModelCalibration() {}

  /**
   * Estimates every cell of {@code model} that has at least two consecutive full-year values.
   *
   * @param model the seeded model (its cell parameters are the priors)
   * @param points a dataset's points
   * @return the posteriors and every subject skipped, with the reason
   */
  public static Estimate estimate(Model model, List<ActualPoint> points) {
    SeriesSet s = series(model, points);
    Estimate e = new DriftVolatilityEstimator().estimate(priors(model.cells()), s.cells());
    List<Skipped> skipped = new ArrayList<>(s.skipped());
    skipped.addAll(e.skipped());
    return new Estimate(e.posteriors(), skipped);
  }

  /** The prior of each cell, from its (seeded or overridden) parameters, in the given order. */
  public static List<CellPrior> priors(List<Cell> cells) {
    return cells.stream().map(ModelCalibration::prior).toList();
  }

  /** One cell's prior: its drift_mean, drift_sd and volatility (floored at {@link #MIN_SPREAD}). */
  public static CellPrior prior(Cell cell) {
    CellParameters p = cell.getParameters();
    return new CellPrior(
        cell.getId(),
        cell.getChainId(),
        p.getDriftMean().getValue(),
        Math.max(MIN_SPREAD, p.getDriftSd().getValue()),
        Math.max(MIN_SPREAD, p.getVolatility().getValue()));
  }

  /**
   * The full-year series of single output cells in {@code points}; group totals, part-year figures,
   * count cells and unknown subjects are skipped (once per subject), with the reason. Duplicate
   * (cell, year) full-year points keep the last one; validation refuses them earlier.
   */
  public static SeriesSet series(Model model, List<ActualPoint> points) {
    Map<String, NavigableMap<Integer, Double>> cells = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (ActualPoint p : points) {
      String id = p.getSubjectId();
      String reason = skipReason(model, p);
      if (reason != null) {
        skipped.putIfAbsent(id + (p.hasPeriod() ? " (part-year)" : ""), reason);
      } else {
        cells.computeIfAbsent(id, k -> new TreeMap<>()).put(p.getYear(), p.getValue());
      }
    }
    List<Skipped> out = new ArrayList<>();
    skipped.forEach((id, reason) -> out.add(new Skipped(id, reason)));
    return new SeriesSet(cells, out);
  }

  private static String skipReason(Model model, ActualPoint p) {
    String id = p.getSubjectId();
    if (id.contains("*")) {
      return "a group total: the estimator uses single cells' series; group totals enter runs as"
          + " observations";
    }
    if (model.countCell(id).isPresent()) {
      return "a count cell: the estimator estimates output drift and volatility only";
    }
    if (model.cell(id).isEmpty()) {
      return "not a cell of the model";
    }
    if (p.hasPeriod()) {
      return "a part-year figure: the estimator uses full-year values; part-year figures enter"
          + " runs as observations of a fraction of the year";
    }
    return null;
  }

  /** The ids of the cells {@code points} has full-year values for, in first-seen order. */
  public static Set<String> cellsWithData(Model model, List<ActualPoint> points) {
    return new LinkedHashSet<>(series(model, points).cells().keySet());
  }
}
