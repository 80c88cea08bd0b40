package chaincast.api;

import chaincast.calibration.Backtest;
import chaincast.calibration.BacktestResult;
import chaincast.calibration.CellPosterior;
import chaincast.calibration.DriftVolatilityEstimator;
import chaincast.calibration.Estimate;
import chaincast.calibration.EstimatorSettings;
import chaincast.calibration.Skipped;
import chaincast.calibration.proto.ModelCalibration;
import chaincast.calibration.proto.SeriesSet;
import chaincast.model.Model;
import chaincast.run.ClientText;
import chaincast.v1.ActualPoint;
import chaincast.v1.BacktestRequest;
import chaincast.v1.BacktestResponse;
import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.Cell;
import chaincast.v1.CellEstimate;
import chaincast.v1.Dataset;
import chaincast.v1.EstimateParametersRequest;
import chaincast.v1.EstimateParametersResponse;
import chaincast.v1.Parameter;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.SkippedSeries;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * {@code chaincast.v1.CalibrationService}: the cells' drift and volatility estimated from actuals
 * ({@link DriftVolatilityEstimator}), and rolling-origin backtests ({@link Backtest}). Stores
 * nothing; a dataset named by id comes from the {@link DatasetSource} the server gives.
 */
public final class CalibrationServiceImpl
    extends CalibrationServiceGrpc.CalibrationServiceImplBase {
  /** Horizon a backtest takes when the request gives 0, years. */
  public static final int DEFAULT_HORIZON = 3;

  /** Longest backtest horizon, years. */
  public static final int MAX_HORIZON = 10;

  /** min_history a backtest takes when the request gives 0, years. */
  public static final int DEFAULT_MIN_HISTORY = Backtest.RANDOM_WALK_YEARS;

  /** Largest min_history, years. */
  public static final int MAX_MIN_HISTORY = 50;

  private final Model model;
  private final DatasetSource datasets;
  private final ActualPointsValidator pointsValidator;

  /**
   * A service over the seeded model.
   *
   * @param model the seeded model: its cells' parameters are the priors
   * @param datasets where {@code dataset_id} is looked up
   */
  public CalibrationServiceImpl(Model model, DatasetSource datasets) {
    this.model = model;
    this.datasets = datasets;
    this.pointsValidator = new ActualPointsValidator(model);
  }

  @Override
  public void estimateParameters(
      EstimateParametersRequest request, StreamObserver<EstimateParametersResponse> observer) {
    answer(
        observer,
        () -> {
          Violations v = new Violations();
          List<ActualPoint> points = points(request.getDatasetId(), request.getPointsList(), v);
          checkCellIds(request.getCellIdsList(), v);
          v.throwIfAny();
          Estimate e = ModelCalibration.estimate(model, points);
          requireEstimates(request, points, e);
          EstimateParametersResponse.Builder out =
              EstimateParametersResponse.newBuilder().setMethod(DriftVolatilityEstimator.METHOD);
          for (CellPosterior p : e.posteriors()) {
            if (request.getCellIdsCount() == 0 || request.getCellIdsList().contains(p.cellId())) {
              out.addEstimates(toProto(p, request.getDatasetId()));
            }
          }
          e.skipped().forEach(s -> out.addSkipped(toProto(s)));
          return out.build();
        });
  }

  @Override
  public void backtest(BacktestRequest request, StreamObserver<BacktestResponse> observer) {
    answer(
        observer,
        () -> {
          Violations v = new Violations();
          List<ActualPoint> points = points(request.getDatasetId(), request.getPointsList(), v);
          checkCellIds(request.getCellIdsList(), v);
          int horizon = request.getHorizon() == 0 ? DEFAULT_HORIZON : request.getHorizon();
          if (horizon < 1 || horizon > MAX_HORIZON) {
            v.invalid(
                "horizon", "must be 1 to " + MAX_HORIZON + " years (0 takes 3), got " + horizon);
          }
          int minHistory =
              request.getMinHistory() == 0 ? DEFAULT_MIN_HISTORY : request.getMinHistory();
          if (minHistory < Backtest.RANDOM_WALK_YEARS || minHistory > MAX_MIN_HISTORY) {
            v.invalid(
                "min_history",
                "must be "
                    + Backtest.RANDOM_WALK_YEARS
                    + " to "
                    + MAX_MIN_HISTORY
                    + " years (0 takes 4), got "
                    + minHistory);
          }
          v.throwIfAny();
          SeriesSet series = ModelCalibration.series(model, points);
          Context context = Context.current();
          BacktestResult r =
              new Backtest(EstimatorSettings.DEFAULT)
                  .run(
                      ModelCalibration.priors(model.cells()),
                      series.cells(),
                      horizon,
                      minHistory,
                      context::isCancelled);
          return BacktestResponses.build(request, series, r, horizon, minHistory);
        });
  }

  /** The request's points: inline, or the named dataset's. */
  private List<ActualPoint> points(String datasetId, List<ActualPoint> inline, Violations v) {
    if (!datasetId.isEmpty() && !inline.isEmpty()) {
      v.invalid("dataset_id", "set dataset_id or points, not both");
      return List.of();
    }
    if (datasetId.isEmpty()) {
      if (inline.isEmpty()) {
        v.invalid("points", "required: give a dataset_id or at least one point");
      }
      pointsValidator.check(inline, v);
      return inline;
    }
    return datasets
        .find(datasetId)
        .map(Dataset::getPointsList)
        .orElseGet(
            () -> {
              v.notFound("dataset", datasetId, "dataset_id");
              return List.of();
            });
  }

  private void checkCellIds(List<String> ids, Violations v) {
    for (int i = 0; i < ids.size(); i++) {
      if (model.cell(ids.get(i)).isEmpty()) {
        v.notFound("cell", ids.get(i), "cell_ids[" + i + "]", model);
      }
    }
  }

  /** A requested cell, or the whole request, with too little data is the caller's to fix. */
  private void requireEstimates(
      EstimateParametersRequest request, List<ActualPoint> points, Estimate e) {
    Violations v = new Violations();
    String source = request.getDatasetId().isEmpty() ? "points" : "dataset_id";
    if (e.posteriors().isEmpty()) {
      v.invalid(
          source,
          "no cell has full-year values in 2 consecutive years; estimation needs at least 2"
              + " consecutive full years of a cell (group totals, part-year figures and counts"
              + " are not used)");
    }
    NavigableMap<String, Integer> years = new TreeMap<>();
    ModelCalibration.series(model, points).cells().forEach((id, s) -> years.put(id, s.size()));
    for (int i = 0; i < request.getCellIdsCount(); i++) {
      String id = request.getCellIds(i);
      if (e.posteriors().stream().noneMatch(p -> p.cellId().equals(id))) {
        v.invalid(
            "cell_ids[" + i + "]",
            ClientText.quote(id)
                + " has "
                + years.getOrDefault(id, 0)
                + " full-year value(s) with no 2 consecutive years; estimation needs at least 2"
                + " consecutive full years");
      }
    }
    v.throwIfAny();
  }

  private CellEstimate toProto(CellPosterior p, String datasetId) {
    Cell cell = model.cell(p.cellId()).orElseThrow();
    CellPosterior.Summary s = p.summary();
    String years = p.firstYear() + "–" + p.lastYear();
    return CellEstimate.newBuilder()
        .setCellId(p.cellId())
        .setChainId(p.chainId())
        .setObservations(p.observations())
        .setFirstYear(p.firstYear())
        .setLastYear(p.lastYear())
        .setDriftMean(
            estimated(
                p.driftMean(),
                datasetId,
                String.format(
                    Locale.ROOT,
                    "posterior mean of the drift from %d yearly log growth rates %s, pooled prior"
                        + " N(%.4f, σ²/%.2f)",
                    p.observations(),
                    years,
                    p.priorDriftMean(),
                    p.priorKappa())))
        .setDriftSd(s.driftSd())
        .setDriftP10(s.driftP10())
        .setDriftP90(s.driftP90())
        .setVolatility(
            estimated(
                s.volatilityMean(),
                datasetId,
                String.format(
                    Locale.ROOT,
                    "posterior mean of σ, σ² ~ InvGamma(%.2f, %.6f), from %d yearly log growth"
                        + " rates %s",
                    p.shape(),
                    p.scale(),
                    p.observations(),
                    years)))
        .setVolatilitySd(Double.isNaN(s.volatilitySd()) ? 0 : s.volatilitySd())
        .setVolatilityP10(s.volatilityP10())
        .setVolatilityP90(s.volatilityP90())
        .setDriftLocation(p.driftMean())
        .setKappa(p.kappa())
        .setShape(p.shape())
        .setScale(p.scale())
        .setSeededDriftMean(cell.getParameters().getDriftMean().getValue())
        .setSeededVolatility(cell.getParameters().getVolatility().getValue())
        .setPriorDriftLocation(p.priorDriftMean())
        .build();
  }

  private static Parameter estimated(double value, String datasetId, String formula) {
    return Parameter.newBuilder()
        .setValue(value)
        .setProvenance(
            Provenance.newBuilder()
                .setKind(ProvenanceKind.PROVENANCE_KIND_ESTIMATED)
                .setDatasetId(datasetId)
                .setMethod(DriftVolatilityEstimator.METHOD)
                .setFormula(formula))
        .build();
  }

  static SkippedSeries toProto(Skipped s) {
    return SkippedSeries.newBuilder().setSubjectId(s.subjectId()).setReason(s.reason()).build();
  }

  private static <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
    try {
      observer.onNext(body.get());
      observer.onCompleted();
    } catch (ApiException e) {
      observer.onError(e.toStatusRuntimeException());
    } catch (CancellationException e) {
      observer.onError(Status.CANCELLED.withDescription(e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      observer.onError(InternalErrors.report("calibration", e));
    }
  }
}
