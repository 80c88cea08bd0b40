package chaincast.fuzz;

import chaincast.v1.ActualPoint;
import chaincast.v1.BacktestRequest;
import chaincast.v1.CellOverride;
import chaincast.v1.CompareRequest;
import chaincast.v1.CountOverride;
import chaincast.v1.CreateDatasetRequest;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.Dataset;
import chaincast.v1.DeleteDatasetRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.EstimateParametersRequest;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.FanRequest;
import chaincast.v1.GetAuditRequest;
import chaincast.v1.GetDatasetRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.JointRequest;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListDatasetsRequest;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.Period;
import chaincast.v1.Precision;
import chaincast.v1.ProjectEvent;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.Scope;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import chaincast.v1.UpdateScenarioRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A valid request for every RPC, rich enough that mutations reach every kind of field: specs with
 * fans, joint sets, per-cell overrides and inline scenarios holding every kind of change. Runs are
 * kept small (a few dozen paths) so the fuzz spends its time on validation, not on Monte Carlo.
 */
final class BaseRequests {
  /** Paths of a fuzzed run: enough to exercise every estimator, cheap enough for thousands. */
  static final long PATHS = 32;

  private final ScenarioPool pool;
  private final ScenarioPool datasets;
  private final String countTarget;

  /**
   * @param datasets the datasets the fuzz has stored (ids and etags)
   * @param countTarget a simulated count target of the ETDZ, for count sensitivities
   */
  BaseRequests(ScenarioPool pool, ScenarioPool datasets, String countTarget) {
    this.pool = pool;
    this.datasets = datasets;
    this.countTarget = countTarget;
  }

  /**
   * The valid request of the method named {@code fullMethodName} (e.g.
   * chaincast.v1.ModelService/ListPlans).
   */
  Message forMethod(String fullMethodName, int worker, SplittableRandom r) {
    String method = fullMethodName.substring(fullMethodName.indexOf('/') + 1);
    return switch (method) {
      case "ListRegions" -> ListRegionsRequest.getDefaultInstance();
      case "ListChains" -> ListChainsRequest.getDefaultInstance();
      case "ListPlans" -> ListPlansRequest.getDefaultInstance();
      case "ListTargets" ->
          ListTargetsRequest.newBuilder()
              .setPlanId("lzbf-2023-53")
              .setYear(2025)
              .setChainId("pharma")
              .setRegionId("etdz")
              .setKind(TargetKind.TARGET_KIND_OUTPUT)
              .setSimulatedOnly(true)
              .build();
      case "ListActuals" -> ListActualsRequest.newBuilder().setPlanId("lzbf-2023-53").build();
      case "ListCells" ->
          ListCellsRequest.newBuilder().setChainId("pharma").setRegionId("etdz").build();
      case "GetAudit" -> GetAuditRequest.newBuilder().setMismatchesOnly(true).build();
      case "Simulate" -> SimulateRequest.newBuilder().setSpec(spec(r)).build();
      case "SimulateStream" -> SimulateStreamRequest.newBuilder().setSpec(spec(r)).build();
      case "Compare" -> compare(r);
      case "Sensitivity" -> sensitivity(r);
      case "CreateScenario" ->
          CreateScenarioRequest.newBuilder()
              .setScenario(scenario(pool.freshId(worker), ""))
              .build();
      case "GetScenario" -> GetScenarioRequest.newBuilder().setScenarioId(stored(r)[0]).build();
      case "ListScenarios" ->
          ListScenariosRequest.newBuilder().setPageSize(3).setPageToken(pool.pageToken()).build();
      case "UpdateScenario" -> {
        String[] s = stored(r);
        yield UpdateScenarioRequest.newBuilder().setScenario(scenario(s[0], s[1])).build();
      }
      case "DeleteScenario" -> {
        String[] s = stored(r);
        yield DeleteScenarioRequest.newBuilder().setScenarioId(s[0]).setEtag(s[1]).build();
      }
      case "CreateDataset" -> dataset(datasets.freshId(worker), r);
      case "GetDataset" -> GetDatasetRequest.newBuilder().setDatasetId(storedDataset(r)[0]).build();
      case "ListDatasets" ->
          ListDatasetsRequest.newBuilder()
              .setPageSize(3)
              .setPageToken(datasets.pageToken())
              .build();
      case "DeleteDataset" -> {
        String[] d = storedDataset(r);
        yield DeleteDatasetRequest.newBuilder().setDatasetId(d[0]).setEtag(d[1]).build();
      }
      case "EstimateParameters" ->
          EstimateParametersRequest.newBuilder()
              .addAllPoints(actuals())
              .addCellIds("pharma@etdz")
              .build();
      case "Backtest" ->
          BacktestRequest.newBuilder()
              .addAllPoints(actuals())
              .setHorizon(2)
              .setMinHistory(4)
              .addCellIds("pharma@haizhou")
              .build();
      default -> throw new IllegalArgumentException("no base request for " + fullMethodName);
    };
  }

  private String[] storedDataset(SplittableRandom r) {
    String[] d = datasets.any(r);
    return d == null ? new String[] {"fz-none", "v1"} : d;
  }

  /**
   * A valid import: as points (a cell, a part-year figure, a group total, a count) or, one time in
   * three, the same as a CSV file, whose bytes the mutator then garbles.
   */
  static CreateDatasetRequest dataset(String id, SplittableRandom r) {
    Dataset.Builder d =
        Dataset.newBuilder()
            .setId(id.replace("fz-", "fd-"))
            .setName(LocalizedName.newBuilder().setZh("合成").setEn("Synthetic"))
            .setDescription("SYNTHETIC fuzz figures");
    if (r.nextInt(3) == 0) {
      String csv =
          """
          subject_id,year,value,unit,period,source,relative_error
          pharma@etdz,2021,700,亿元,,synthetic,0.02
          pharma@etdz,2021,400,亿元,1-7,"synthetic, part-year",
          pharma@*,2022,1500,yi_yuan,,,
          incubators@etdz,2022,3,count,,,
          """;
      return CreateDatasetRequest.newBuilder()
          .setDataset(d)
          .setCsv(ByteString.copyFromUtf8(csv))
          .build();
    }
    d.addPoints(point("pharma@etdz", 2021, 700, "亿元").setRelativeError(0.02))
        .addPoints(
            point("pharma@etdz", 2021, 400, "亿元")
                .setPeriod(Period.newBuilder().setFirstMonth(1).setLastMonth(7)))
        .addPoints(point("pharma@*", 2022, 1500, "亿元"))
        .addPoints(point("incubators@etdz", 2022, 3, "count"));
    return CreateDatasetRequest.newBuilder().setDataset(d).build();
  }

  private static ActualPoint.Builder point(String subject, int year, double value, String unit) {
    return ActualPoint.newBuilder()
        .setSubjectId(subject)
        .setYear(year)
        .setValue(value)
        .setUnit(unit)
        .setSource("synthetic");
  }

  /** Seven years of two pharma cells and one group total: enough to estimate and backtest. */
  private static List<ActualPoint> actuals() {
    List<ActualPoint> out = new ArrayList<>();
    double[] etdz = {442.0, 480.5, 530.1, 561.0, 610.2, 655.9, 700.3};
    double[] haizhou = {177.0, 181.2, 190.4, 188.9, 196.0, 203.3, 207.1};
    for (int i = 0; i < etdz.length; i++) {
      out.add(actual("pharma@etdz", 2018 + i, etdz[i]));
      out.add(actual("pharma@haizhou", 2018 + i, haizhou[i]));
    }
    out.add(actual("pharma@*", 2021, 900));
    return out;
  }

  private static ActualPoint actual(String subject, int year, double value) {
    return ActualPoint.newBuilder()
        .setSubjectId(subject)
        .setYear(year)
        .setValue(value)
        .setUnit("亿元")
        .setSource("fuzz base series")
        .setRelativeError(0.02)
        .build();
  }

  private String[] stored(SplittableRandom r) {
    String[] s = pool.any(r);
    return s == null ? new String[] {"fz-none", "v1"} : s;
  }

  private SimulationSpec spec(SplittableRandom r) {
    SimulationSpec.Builder b =
        SimulationSpec.newBuilder()
            .setTargets(
                TargetSelection.newBuilder()
                    .addTargetIds("pharma-output-2025")
                    .addTargetIds("pharma-output-2025-etdz"))
            .setSeed(r.nextLong())
            .setHorizonYear(2026)
            .addPercentiles(5)
            .addPercentiles(50)
            .addPercentiles(95)
            .addFans(
                FanRequest.newBuilder().setSubject(Subject.newBuilder().setCellId("pharma@etdz")))
            .addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setChainId("pharma")))
            .addOverrides(
                CellOverride.newBuilder()
                    .setCellId("pharma@haizhou")
                    .setBaseValue(200)
                    .setDriftMean(0.01)
                    .setDriftSd(0.02)
                    .setVolatility(0.2))
            .addJoint(
                JointRequest.newBuilder()
                    .setId("both")
                    .addTargetIds("pharma-output-2025")
                    .addTargetIds("pharma-output-2025-etdz"))
            .setShockDistribution(
                r.nextBoolean()
                    ? ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T
                    : ShockDistribution.SHOCK_DISTRIBUTION_NORMAL);
    if (r.nextInt(4) == 0) {
      b.setPrecision(Precision.newBuilder().setHalfWidth(0.1).setMaxPaths(200));
    } else {
      b.setPaths(PATHS);
    }
    String[] stored = pool.any(r);
    if (stored != null && r.nextInt(4) == 0) {
      b.setScenarioId(stored[0]);
    } else {
      b.setInlineOverrides(overrides());
    }
    return b.build();
  }

  /** Every kind of change a scenario can hold, each valid and consistent with the seeded model. */
  static ScenarioOverrides overrides() {
    return ScenarioOverrides.newBuilder()
        .addCells(
            CellOverride.newBuilder()
                .setCellId("pharma@guannan")
                .setBaseValue(6)
                .setDriftMean(0.02))
        .addCounts(
            CountOverride.newBuilder()
                .setCountCellId("incubators@etdz")
                .setBaseCount(1)
                .setYearlyRate(1)
                .setRateShape(2))
        .addAddedEvents(
            EventAddition.newBuilder()
                .setCellId("pharma@etdz")
                .setEvent(
                    ProjectEvent.newBuilder()
                        .setId("plant")
                        .setFirstYear(2023)
                        .setLastYear(2024)
                        .setYearlyProbability(0.3)
                        .setJumpLogMean(0.2)
                        .setJumpLogSd(0.05)))
        .addDelayedEvents(
            EventDelay.newBuilder().setCellId("pharma@etdz").setEventId("plant").setYears(1))
        .addMacroShocks(
            MacroShock.newBuilder().setId("dip").setCity(true).setYear(2024).setChange(-0.05))
        .addMacroShocks(
            MacroShock.newBuilder()
                .setId("boom")
                .setChainId("pharma")
                .setYear(2025)
                .setChange(0.03))
        .addObservations(
            Observation.newBuilder()
                .setId("etdz-2022")
                .setCellId("pharma@etdz")
                .setYear(2022)
                .setValue(650))
        .addObservations(
            Observation.newBuilder()
                .setId("haizhou-2022")
                .setGroup(Scope.newBuilder().addChainIds("pharma").addRegionIds("haizhou"))
                .setYear(2022)
                .setValue(230))
        .addObservations(
            Observation.newBuilder()
                .setId("incubators-2023")
                .setCountCellId("incubators@etdz")
                .setYear(2023)
                .setValue(1))
        .build();
  }

  private CompareRequest compare(SplittableRandom r) {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(
                TargetSelection.newBuilder()
                    .addTargetIds("pharma-output-2025")
                    .addTargetIds("pharma-output-2025-etdz"))
            .setPaths(PATHS)
            .setSeed(r.nextLong())
            .build();
    String[] stored = pool.any(r);
    ScenarioChoice baseline =
        stored != null && r.nextBoolean()
            ? ScenarioChoice.newBuilder().setScenarioId(stored[0]).build()
            : ScenarioChoice.newBuilder().setSeeded(true).build();
    return CompareRequest.newBuilder()
        .setSpec(spec)
        .setBaseline(baseline)
        .setAlternative(ScenarioChoice.newBuilder().setInlineOverrides(overrides()))
        .build();
  }

  private SensitivityRequest sensitivity(SplittableRandom r) {
    boolean counts = r.nextInt(3) == 0;
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setPaths(16)
            .setSeed(r.nextLong())
            .addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setVolatility(0.12))
            .setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addMacroShocks(
                        MacroShock.newBuilder()
                            .setId("dip")
                            .setCity(true)
                            .setYear(2024)
                            .setChange(-0.05))
                    .addCounts(
                        CountOverride.newBuilder()
                            .setCountCellId("incubators@etdz")
                            .setYearlyRate(1.5)))
            .build();
    return SensitivityRequest.newBuilder()
        .setSpec(spec)
        .setTargetId(counts ? countTarget : "pharma-output-2025-etdz")
        .build();
  }

  private static Scenario scenario(String id, String etag) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setZh("模糊测试").setEn("fuzz"))
        .setDescription("made by the API fuzz")
        .setOverrides(overrides())
        .setEtag(etag)
        .build();
  }
}
