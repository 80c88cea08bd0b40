package chaincast.run;

import chaincast.calibration.CellPosterior;
import chaincast.calibration.DriftVolatilityEstimator;
import chaincast.calibration.Estimate;
import chaincast.calibration.proto.ModelCalibration;
import chaincast.engine.ParameterPosterior;
import chaincast.model.Model;
import chaincast.v1.ActualPoint;
import chaincast.v1.AssumptionInUse;
import chaincast.v1.Cell;
import chaincast.v1.Dataset;
import chaincast.v1.Observation;
import chaincast.v1.Provenance;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stage that brings a dataset of actuals into a run (a scenario's {@code dataset_id}).
 *
 * <p>A cell whose full-year series gives at least one growth rate is <b>estimated</b>: its drift
 * and volatility come from {@link DriftVolatilityEstimator} (a Normal–Inverse-Gamma posterior,
 * drawn per path) unless the scenario overrides one of them (an override wins: the cell keeps the
 * parameters in effect), and the path starts from the series' last value, in its year, with the
 * point's measurement error as the base's prior spread. Starting there, not weighing the path by
 * the series, keeps the data from counting twice: the growth rates already shaped the posterior.
 * Every other point is an observation weighed as evidence: a cell with a single value, group totals
 * ({@code chain@*}, {@code *@region}, {@code *@*}), part-year figures, and counts (exact).
 */
final class DatasetStage {

  /** How an estimated cell starts and draws. */
  record Estimated(
      int baseYear, double baseValue, double baseSpread, ParameterPosterior posterior) {}

  private final Map<Integer, Estimated> estimated = new HashMap<>();
  private final List<Observation> observations = new ArrayList<>();
  private final List<AssumptionInUse> provenance = new ArrayList<>();
  private final String datasetId;

  private DatasetStage(String datasetId) {
    this.datasetId = datasetId;
  }

  /** No dataset: nothing estimated, nothing observed. */
  static DatasetStage none() {
    return new DatasetStage("");
  }

  /**
   * Estimates and observes from a dataset.
   *
   * @param defaultError the model's default measurement error, for a start with none given
   */
  static DatasetStage of(
      Model model,
      ModelIndex index,
      Dataset dataset,
      EffectiveParameters params,
      double defaultError) {
    DatasetStage out = new DatasetStage(dataset.getId());
    Estimate estimate = ModelCalibration.estimate(model, dataset.getPointsList());
    Map<String, CellPosterior> byCell = new HashMap<>();
    for (CellPosterior p : estimate.posteriors()) {
      byCell.put(p.cellId(), p);
    }
    for (CellPosterior p : byCell.values()) {
      int i = index.cell(p.cellId());
      EffectiveParameters.CellValues v = params.cell(i);
      if (v.driftMean().overridden() || v.driftSd().overridden() || v.volatility().overridden()) {
        continue; // the scenario's own parameters win
      }
      ActualPoint last = lastFullYear(dataset, p.cellId(), p.lastYear());
      double error = last.getRelativeError() > 0 ? last.getRelativeError() : defaultError;
      out.estimated.put(
          i,
          new Estimated(
              p.lastYear(),
              last.getValue(),
              error,
              new ParameterPosterior(p.driftMean(), p.kappa(), p.shape(), p.scale())));
      out.addProvenance(p);
    }
    for (int k = 0; k < dataset.getPointsCount(); k++) {
      ActualPoint a = dataset.getPoints(k);
      boolean startOfEstimated =
          byCell.containsKey(a.getSubjectId())
              && out.estimated.containsKey(index.cell(a.getSubjectId()));
      if (!startOfEstimated) {
        out.observation(model, a, k).ifPresent(out.observations::add);
      }
    }
    return out;
  }

  private static ActualPoint lastFullYear(Dataset d, String cellId, int year) {
    return d.getPointsList().stream()
        .filter(a -> a.getSubjectId().equals(cellId) && a.getYear() == year && !a.hasPeriod())
        .findFirst()
        .orElseThrow();
  }

  private void addProvenance(CellPosterior p) {
    Provenance prov =
        Provenance.newBuilder()
            .setKind(ProvenanceKind.PROVENANCE_KIND_ESTIMATED)
            .setDatasetId(datasetId)
            .setMethod(DriftVolatilityEstimator.METHOD)
            .setFormula(
                String.format(
                    Locale.ROOT,
                    "posterior from %d growth rates (%d-%d): drift 80%% in [%.4f, %.4f],"
                        + " volatility 80%% in [%.4f, %.4f]",
                    p.observations(),
                    p.firstYear(),
                    p.lastYear(),
                    p.summary().driftP10(),
                    p.summary().driftP90(),
                    p.summary().volatilityP10(),
                    p.summary().volatilityP90()))
            .build();
    provenance.add(
        AssumptionInUse.newBuilder()
            .setCellId(p.cellId())
            .setParameter("drift_mean")
            .setValue(p.driftMean())
            .setProvenance(prov)
            .build());
    provenance.add(
        AssumptionInUse.newBuilder()
            .setCellId(p.cellId())
            .setParameter("volatility")
            .setValue(p.summary().volatilityMean())
            .setProvenance(prov)
            .build());
  }

  /** A point as an observation of the run, or empty when it names nothing the run models. */
  private Optional<Observation> observation(Model model, ActualPoint a, int k) {
    Observation.Builder b =
        Observation.newBuilder()
            .setId(datasetId + "#" + (k + 1))
            .setYear(a.getYear())
            .setValue(a.getValue())
            .setRelativeError(a.getRelativeError())
            .setSource(a.getSource())
            .setProvenance(
                Provenance.newBuilder()
                    .setKind(ProvenanceKind.PROVENANCE_KIND_ACTUAL)
                    .setDatasetId(datasetId)
                    .setReason("point " + (k + 1) + " of dataset " + datasetId));
    if (a.hasPeriod()) {
      b.setPeriod(a.getPeriod());
    }
    String subject = a.getSubjectId();
    if (model.cell(subject).isPresent()) {
      return Optional.of(b.setCellId(subject).build());
    }
    if (model.countCell(subject).isPresent()) {
      return Optional.of(b.setCountCellId(subject).build());
    }
    Optional<Scope> scope = scopeOf(model, subject);
    return scope.map(s -> b.setGroup(s).build());
  }

  /** "chain@*", "*@region" or "*@*" as the scope of cells it sums. */
  static Optional<Scope> scopeOf(Model model, String subject) {
    int at = subject.indexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    String chain = subject.substring(0, at);
    String region = subject.substring(at + 1);
    Scope.Builder s = Scope.newBuilder();
    List<Cell> cells = model.cells();
    cells.stream()
        .filter(c -> chain.equals("*") || c.getChainId().equals(chain))
        .filter(c -> region.equals("*") || c.getRegionId().equals(region))
        .map(Cell::getChainId)
        .distinct()
        .forEach(s::addChainIds);
    if (!region.equals("*")) {
      s.addRegionIds(region);
    }
    return s.getChainIdsCount() == 0 ? Optional.empty() : Optional.of(s.build());
  }

  /** How estimated cell {@code i} (model index) starts and draws, or null. */
  Estimated estimated(int i) {
    return estimated.get(i);
  }

  /** The dataset's points that are observations of the run, in dataset order. */
  List<Observation> observations() {
    return List.copyOf(observations);
  }

  /** The estimated parameters, as the report's assumptions list shows them. */
  List<AssumptionInUse> provenance() {
    return List.copyOf(provenance);
  }
}
