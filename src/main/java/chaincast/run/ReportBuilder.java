package chaincast.run;

import chaincast.engine.BinomialEstimate;
import chaincast.engine.RunResult;
import chaincast.engine.RunStopReason;
import chaincast.v1.EstimationMethod;
import chaincast.v1.Fan;
import chaincast.v1.FanYear;
import chaincast.v1.JointOdds;
import chaincast.v1.PercentileValue;
import chaincast.v1.Probability;
import chaincast.v1.SimulationReport;
import chaincast.v1.StopReason;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import chaincast.v1.Unit;
import java.util.List;

/** Maps the engine's numbers back onto targets, names and units. */
public final class ReportBuilder {
  private ReportBuilder() {}

  /**
   * The report of a finished run.
   *
   * @return the report
   * @param plan the run as planned
   * @param result what the engine returned
   * @param context the run conventions (threads, block size) the run info states
   */
  public static SimulationReport report(PlannedRun plan, RunResult result, RunContext context) {
    double[] pct = plan.settings().percentiles();
    SimulationReport.Builder report = SimulationReport.newBuilder();
    report.setRun(
        context
            .runInfo(plan, result.paths(), result.elapsedNanos())
            .setStopReason(stopReason(result.stopReason()))
            .setMaxHalfWidth(result.maxHalfWidth())
            .setWantedHalfWidth(plan.settings().wantedHalfWidth())
            .setWeighted(result.weights().weighted())
            .setEffectivePaths(result.weights().effectivePaths())
            .setClampedPaths(result.weights().clampedPaths()));

    List<String> partOf = TargetParts.partOf(plan.targets(), plan.projection());
    for (int i = 0; i < plan.targets().size(); i++) {
      report.addOdds(
          odds(plan.targets().get(i), plan.bases().get(i), result.targets().get(i), pct).toBuilder()
              .setPartOf(partOf.get(i)));
    }
    for (int j = 0; j < plan.joints().size(); j++) {
      PlannedRun.JointMeta meta = plan.joints().get(j);
      double minMarginal = 1;
      for (String id : meta.targetIds()) {
        int pos = indexOf(plan.targets(), id);
        minMarginal = Math.min(minMarginal, result.targets().get(pos).hit().estimate());
      }
      report.addJoint(
          JointOdds.newBuilder()
              .setId(meta.id())
              .setName(meta.name())
              .addAllTargetIds(meta.targetIds())
              .setPAllHit(probability(result.joints().get(j).allHit()))
              .setMinMarginal(minMarginal));
    }
    for (PlannedRun.FanMeta meta : plan.fans()) {
      report.addFans(
          meta.count() == null
              ? outputFan(meta, result.fans().get(meta.engineFan()), pct)
              : countFan(meta, result, pct));
    }
    for (PlannedRun.ThresholdMeta meta : plan.thresholds()) {
      report.addThresholds(ThresholdOddsBuilder.odds(meta, result, pct));
    }
    report.addAllSkipped(plan.skipped());
    report.addAllAssumptions(plan.assumptions());
    report.addAllObservations(plan.observations());
    return report.build();
  }

  private static Fan outputFan(PlannedRun.FanMeta meta, RunResult.FanResult fan, double[] pct) {
    Fan.Builder b =
        Fan.newBuilder().setSubject(meta.subject()).setName(meta.name()).setUnit(Unit.UNIT_YI_YUAN);
    for (int y = 0; y < fan.years().length; y++) {
      FanYear.Builder year = FanYear.newBuilder().setYear(fan.years()[y]);
      for (int k = 0; k < pct.length; k++) {
        year.addPercentiles(percentile(pct[k], fan.percentiles()[y][k]));
      }
      b.addYears(year);
    }
    return b.build();
  }

  /**
   * A count fan from its per-year targets, base year included (an assumed base count is itself
   * uncertain): each year's discrete quantiles. Pseudo-random runs give the exact quantile of the
   * simulated counts; quasi-random runs average it over their randomisations, so it is rounded to
   * the nearest count.
   */
  private static Fan countFan(PlannedRun.FanMeta meta, RunResult result, double[] pct) {
    PlannedRun.CountFan c = meta.count();
    Fan.Builder b =
        Fan.newBuilder().setSubject(meta.subject()).setName(meta.name()).setUnit(Unit.UNIT_COUNT);
    for (int y = 0; y < c.years(); y++) {
      RunResult.TargetResult r = result.targets().get(c.firstTarget() + y);
      FanYear.Builder year = FanYear.newBuilder().setYear(c.baseYear() + y);
      for (int k = 0; k < pct.length; k++) {
        year.addPercentiles(percentile(pct[k], Math.rint(r.percentiles()[k])));
      }
      b.addYears(year);
    }
    return b.build();
  }

  /** One target's odds. */
  static TargetOdds odds(
      Target t, PlannedRun.TargetBase base, RunResult.TargetResult r, double[] pct) {
    TargetOdds.Builder b =
        TargetOdds.newBuilder()
            .setTargetId(t.getId())
            .setName(t.getName())
            .setPlanId(t.getPlanId())
            .setYear(t.getYear())
            .setTargetValue(t.getValue())
            .setUnit(t.getUnit())
            .setComparison(t.getComparison())
            .setKind(t.getKind())
            .setRegionId(SubjectResolver.only(t, false))
            .setChainId(SubjectResolver.only(t, true))
            .setPHit(probability(r.hit()))
            // the API's methods are the engine's, prefixed (checked by a test)
            .setMethod(EstimationMethod.valueOf("ESTIMATION_METHOD_" + r.method().name()))
            .setVarianceReduction(r.varianceReduction())
            .setPlainPHit(probability(r.plainHit()))
            .setMedian(r.median())
            .setMean(r.mean())
            .setBaseValue(base.value())
            .setBaseYear(base.year())
            .setExpectedShortfall(r.expectedShortfall());
    for (int k = 0; k < pct.length; k++) {
      b.addPercentiles(percentile(pct[k], r.percentiles()[k]));
    }
    int years = t.getYear() - base.year();
    if (t.getKind() != TargetKind.TARGET_KIND_CHAINS_ABOVE && years > 0 && base.value() > 0) {
      b.setRequiredGrowth(Math.pow(t.getValue() / base.value(), 1.0 / years) - 1);
      b.setMedianGrowth(Math.pow(r.median() / base.value(), 1.0 / years) - 1);
    }
    return b.build();
  }

  /**
   * An engine estimate as the API's probability.
   *
   * @param e the engine's estimate
   * @return the estimate as the API reports it
   */
  public static Probability probability(BinomialEstimate e) {
    return Probability.newBuilder()
        .setEstimate(e.estimate())
        .setStandardError(e.standardError())
        .setCiLow(e.low())
        .setCiHigh(e.high())
        .setHits(e.hits())
        .setPaths(e.paths())
        .setEffectivePaths(e.effectivePaths())
        .build();
  }

  static PercentileValue percentile(double p, double v) {
    return PercentileValue.newBuilder().setPercentile(p).setValue(v).build();
  }

  private static StopReason stopReason(RunStopReason r) {
    return switch (r) {
      case PATHS_DONE -> StopReason.STOP_REASON_PATHS_DONE;
      case PRECISION_REACHED -> StopReason.STOP_REASON_PRECISION_REACHED;
      case PATH_CAP -> StopReason.STOP_REASON_PATH_CAP;
    };
  }

  private static int indexOf(List<Target> targets, String id) {
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i).getId().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("joint set names unplanned target " + id);
  }
}
