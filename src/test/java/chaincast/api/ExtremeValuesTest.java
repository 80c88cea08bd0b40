package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.engine.ParameterDomain;
import chaincast.v1.CellOverride;
import chaincast.v1.CompareRequest;
import chaincast.v1.CountOverride;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.FanRequest;
import chaincast.v1.LocalizedName;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.Precision;
import chaincast.v1.ProjectEvent;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.Scope;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The values that used to pass validation and fail in the engine (5e-324 as a base value gave
 * INTERNAL on every simulation RPC), and every other subnormal, tiny, huge and non-finite value in
 * every numeric field, are refused with INVALID_ARGUMENT naming the field; the edges of every
 * domain, and combinations of them, run.
 */
class ExtremeValuesTest {
  /** Values outside every double field's domain. */
  static final double[] EXTREME = {
    5e-324,
    -5e-324,
    Double.MIN_NORMAL,
    1e-300,
    -1e-300,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    -Double.MAX_VALUE
  };

  static ServerFixture fixture;
  static SimulationServiceGrpc.SimulationServiceBlockingStub simulation;
  static ScenarioServiceGrpc.ScenarioServiceBlockingStub scenarios;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    simulation = SimulationServiceGrpc.newBlockingStub(fixture.channel);
    scenarios = ScenarioServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  static SimulationSpec.Builder small() {
    return SimulationSpec.newBuilder()
        .setTargets(
            TargetSelection.newBuilder()
                .addTargetIds("pharma-output-2025")
                .addTargetIds("pharma-output-2025-etdz"))
        .setPaths(200)
        .setSeed(7);
  }

  static void assertInvalid(String field, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call, field);
    assertEquals(
        Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), field + ": " + e.getStatus());
    BadRequest bad = ModelServiceTest.detail(e, BadRequest.class);
    assertTrue(
        bad.getFieldViolationsList().stream().anyMatch(v -> v.getField().equals(field)),
        "expected a violation of " + field + " in " + bad);
  }

  @Test
  void theSubnormalBaseValueIsRefusedByEveryRpcThatTakesIt() {
    CellOverride tiny =
        CellOverride.newBuilder().setCellId("pharma@etdz").setBaseValue(5e-324).build();
    SimulationSpec spec = small().addOverrides(tiny).build();
    assertInvalid(
        "spec.overrides[0].base_value",
        () -> simulation.simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
    assertInvalid(
        "spec.overrides[0].base_value",
        () ->
            simulation
                .simulateStream(SimulateStreamRequest.newBuilder().setSpec(spec).build())
                .forEachRemaining(r -> {}));
    assertInvalid(
        "spec.overrides[0].base_value",
        () ->
            simulation.sensitivity(
                SensitivityRequest.newBuilder()
                    .setSpec(spec.toBuilder().clearTargets())
                    .setTargetId("pharma-output-2025-etdz")
                    .build()));
    ScenarioOverrides inline = ScenarioOverrides.newBuilder().addCells(tiny).build();
    assertInvalid(
        "alternative.inline_overrides.cells[0].base_value",
        () ->
            simulation.compare(
                CompareRequest.newBuilder()
                    .setSpec(small())
                    .setBaseline(ScenarioChoice.newBuilder().setSeeded(true))
                    .setAlternative(ScenarioChoice.newBuilder().setInlineOverrides(inline))
                    .build()));
    assertInvalid(
        "spec.inline_overrides.cells[0].base_value",
        () ->
            simulation.simulate(
                SimulateRequest.newBuilder().setSpec(small().setInlineOverrides(inline)).build()));
    // A stored scenario cannot hold it, so no stored scenario fails forever.
    assertInvalid(
        "scenario.overrides.cells[0].base_value",
        () ->
            scenarios.createScenario(
                CreateScenarioRequest.newBuilder()
                    .setScenario(scenario("tiny-base", inline))
                    .build()));
  }

  static Scenario scenario(String id, ScenarioOverrides overrides) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setEn(id))
        .setOverrides(overrides)
        .build();
  }

  /** One numeric field of a request: its path and how to set it. */
  record Field(String path, Function<Double, SimulationSpec> spec) {}

  static List<Field> doubleFields() {
    List<Field> out = new ArrayList<>();
    out.add(
        new Field(
            "spec.overrides[0].base_value",
            v -> small().addOverrides(cell().setBaseValue(v)).build()));
    out.add(
        new Field(
            "spec.overrides[0].drift_mean",
            v -> small().addOverrides(cell().setDriftMean(v)).build()));
    out.add(
        new Field(
            "spec.overrides[0].drift_sd", v -> small().addOverrides(cell().setDriftSd(v)).build()));
    out.add(
        new Field(
            "spec.overrides[0].volatility",
            v -> small().addOverrides(cell().setVolatility(v)).build()));
    String in = "spec.inline_overrides.";
    out.add(
        new Field(
            in + "cells[0].volatility", v -> inline(o -> o.addCells(cell().setVolatility(v)))));
    out.add(
        new Field(
            in + "counts[0].base_count", v -> inline(o -> o.addCounts(count().setBaseCount(v)))));
    out.add(
        new Field(
            in + "counts[0].yearly_rate", v -> inline(o -> o.addCounts(count().setYearlyRate(v)))));
    out.add(
        new Field(
            in + "counts[0].rate_shape", v -> inline(o -> o.addCounts(count().setRateShape(v)))));
    out.add(
        new Field(
            in + "added_events[0].event.yearly_probability",
            v -> inline(o -> o.addAddedEvents(event(e -> e.setYearlyProbability(v))))));
    out.add(
        new Field(
            in + "added_events[0].event.jump_log_mean",
            v -> inline(o -> o.addAddedEvents(event(e -> e.setJumpLogMean(v))))));
    out.add(
        new Field(
            in + "added_events[0].event.jump_log_sd",
            v -> inline(o -> o.addAddedEvents(event(e -> e.setJumpLogSd(v))))));
    out.add(
        new Field(
            in + "macro_shocks[0].change",
            v ->
                inline(
                    o ->
                        o.addMacroShocks(
                            MacroShock.newBuilder().setCity(true).setYear(2024).setChange(v)))));
    out.add(
        new Field(
            in + "observations[0].value",
            v ->
                inline(
                    o ->
                        o.addObservations(
                            Observation.newBuilder()
                                .setCellId("pharma@etdz")
                                .setYear(2022)
                                .setValue(v)))));
    out.add(
        new Field(
            in + "observations[0].value",
            v ->
                inline(
                    o ->
                        o.addObservations(
                            Observation.newBuilder()
                                .setGroup(Scope.newBuilder().addChainIds("pharma"))
                                .setYear(2022)
                                .setValue(v)))));
    out.add(
        new Field(
            in + "observations[0].value",
            v ->
                inline(
                    o ->
                        o.addObservations(
                            Observation.newBuilder()
                                .setCountCellId("incubators@etdz")
                                .setYear(2023)
                                .setValue(v)))));
    out.add(new Field("spec.percentiles[0]", v -> small().addPercentiles(v).build()));
    out.add(
        new Field(
            "spec.precision.half_width",
            v ->
                small()
                    .setPrecision(Precision.newBuilder().setHalfWidth(v).setMaxPaths(1000))
                    .build()));
    return out;
  }

  static CellOverride.Builder cell() {
    return CellOverride.newBuilder().setCellId("pharma@etdz");
  }

  static CountOverride.Builder count() {
    return CountOverride.newBuilder().setCountCellId("incubators@etdz");
  }

  static EventAddition.Builder event(Function<ProjectEvent.Builder, ProjectEvent.Builder> edit) {
    ProjectEvent.Builder e =
        ProjectEvent.newBuilder()
            .setId("plant")
            .setFirstYear(2023)
            .setLastYear(2024)
            .setYearlyProbability(0.5)
            .setJumpLogMean(0.1)
            .setJumpLogSd(0.05);
    return EventAddition.newBuilder().setCellId("pharma@etdz").setEvent(edit.apply(e));
  }

  static SimulationSpec inline(
      Function<ScenarioOverrides.Builder, ScenarioOverrides.Builder> edit) {
    return small().setInlineOverrides(edit.apply(ScenarioOverrides.newBuilder())).build();
  }

  @Test
  void everySubnormalTinyHugeAndNonFiniteValueOfEveryNumberIsRefusedNamingItsField() {
    int checked = 0;
    for (Field f : doubleFields()) {
      for (double v : EXTREME) {
        SimulationSpec spec = f.spec().apply(v);
        assertInvalid(
            f.path(),
            () -> simulation.simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
        checked++;
      }
    }
    assertEquals(17 * EXTREME.length, checked);
  }

  @Test
  void integerFieldsAtTheirExtremesAreRefused() {
    for (int v : new int[] {Integer.MIN_VALUE, -1, 0, 1999, 2101, Integer.MAX_VALUE}) {
      assertInvalid(
          "spec.horizon_year",
          () ->
              simulation.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(small().setHorizonYear(v == 0 ? -2 : v))
                      .build()));
      assertInvalid(
          "spec.inline_overrides.macro_shocks[0].year",
          () ->
              simulation.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(
                          inline(
                              o ->
                                  o.addMacroShocks(
                                      MacroShock.newBuilder()
                                          .setCity(true)
                                          .setYear(v)
                                          .setChange(0.1))))
                      .build()));
      assertInvalid(
          "spec.inline_overrides.added_events[0].event.first_year",
          () ->
              simulation.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(inline(o -> o.addAddedEvents(event(e -> e.setFirstYear(v)))))
                      .build()));
    }
    for (long v : new long[] {Long.MIN_VALUE, -1, 0, 50_000_001L, Long.MAX_VALUE}) {
      assertInvalid(
          "spec.paths",
          () ->
              simulation.simulate(
                  SimulateRequest.newBuilder().setSpec(small().setPaths(v)).build()));
    }
    for (int years : new int[] {Integer.MIN_VALUE, -21, 0, 21, Integer.MAX_VALUE}) {
      assertInvalid(
          "spec.inline_overrides.delayed_events[0].years",
          () ->
              simulation.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(
                          inline(
                              o ->
                                  o.addAddedEvents(event(e -> e))
                                      .addDelayedEvents(
                                          EventDelay.newBuilder()
                                              .setCellId("pharma@etdz")
                                              .setEventId("plant")
                                              .setYears(years))))
                      .build()));
    }
  }

  /** The edges of every domain a request can set, at once, on the seeded model: each runs. */
  @Test
  void theEdgesOfEveryDomainRun() {
    double[][] corners = {
      {
        ParameterDomain.OUTPUT.high(),
        ParameterDomain.DRIFT_MEAN.high(),
        ParameterDomain.DRIFT_SD.high(),
        ParameterDomain.VOLATILITY.high()
      },
      {
        ParameterDomain.OUTPUT.low(),
        ParameterDomain.DRIFT_MEAN.low(),
        ParameterDomain.DRIFT_SD.high(),
        ParameterDomain.VOLATILITY.high()
      },
      {
        ParameterDomain.OUTPUT.low(),
        ParameterDomain.DRIFT_MEAN.smallest(),
        ParameterDomain.DRIFT_SD.smallest(),
        ParameterDomain.VOLATILITY.smallest()
      },
      {ParameterDomain.OUTPUT.high(), -ParameterDomain.DRIFT_MEAN.smallest(), 0, 0},
    };
    for (double[] c : corners) {
      SimulationSpec.Builder spec =
          SimulationSpec.newBuilder()
              .setTargets(TargetSelection.newBuilder().setYear(2025))
              .setHorizonYear(2035)
              .setPaths(2000)
              .setSeed(11)
              .setShockDistribution(ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T)
              .addPercentiles(ParameterDomain.PERCENTILE.low())
              .addPercentiles(ParameterDomain.PERCENTILE.high())
              .addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setCity(true)))
              .setInlineOverrides(edgeOverrides());
      for (String cellId :
          List.of("pharma@etdz", "pharma@haizhou", "petrochem@unallocated", "steel@unallocated")) {
        spec.addOverrides(
            CellOverride.newBuilder()
                .setCellId(cellId)
                .setBaseValue(c[0])
                .setDriftMean(c[1])
                .setDriftSd(c[2])
                .setVolatility(c[3]));
      }
      SimulationReport r =
          simulation.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
      assertFalse(r.getOddsList().isEmpty());
      for (TargetOdds o : r.getOddsList()) {
        double p = o.getPHit().getEstimate();
        assertTrue(p >= 0 && p <= 1, o.getTargetId() + " P(hit) " + p);
      }
    }
  }

  /**
   * Count, event, macro shock and observation values at their edges, inside the median-path range.
   */
  static ScenarioOverrides edgeOverrides() {
    return ScenarioOverrides.newBuilder()
        .addCounts(
            CountOverride.newBuilder()
                .setCountCellId("incubators@etdz")
                .setBaseCount(ParameterDomain.COUNT.high())
                .setYearlyRate(ParameterDomain.YEARLY_RATE.high())
                .setRateShape(ParameterDomain.RATE_SHAPE.smallest()))
        .addCounts(
            CountOverride.newBuilder()
                .setCountCellId("incubators@haizhou")
                .setBaseCount(0)
                .setYearlyRate(ParameterDomain.YEARLY_RATE.smallest())
                .setRateShape(ParameterDomain.RATE_SHAPE.high()))
        .addAddedEvents(
            EventAddition.newBuilder()
                .setCellId("pharma@guannan")
                .setEvent(
                    ProjectEvent.newBuilder()
                        .setId("up")
                        .setFirstYear(2021)
                        .setLastYear(2035)
                        .setYearlyProbability(1)
                        .setJumpLogMean(ParameterDomain.JUMP_LOG_MEAN.high())
                        .setJumpLogSd(ParameterDomain.JUMP_LOG_SD.high())))
        .addAddedEvents(
            EventAddition.newBuilder()
                .setCellId("pharma@guannan")
                .setEvent(
                    ProjectEvent.newBuilder()
                        .setId("down")
                        .setFirstYear(2030)
                        .setLastYear(2030)
                        .setYearlyProbability(ParameterDomain.EVENT_PROBABILITY.low())
                        .setJumpLogMean(ParameterDomain.JUMP_LOG_MEAN.low())
                        .setJumpLogSd(0)))
        .addMacroShocks(
            MacroShock.newBuilder()
                .setId("boom")
                .setChainId("pharma")
                .setYear(2024)
                .setChange(ParameterDomain.CHANGE.high()))
        .addMacroShocks(
            MacroShock.newBuilder()
                .setId("bust")
                .setRegionId("ganyu")
                .setYear(2026)
                .setChange(Math.nextUp(-1.0)))
        .addObservations(
            Observation.newBuilder()
                .setCellId("pharma@lianyun")
                .setYear(2022)
                .setValue(ParameterDomain.OUTPUT.low()))
        .addObservations(
            Observation.newBuilder()
                .setCellId("pharma@donghai")
                .setYear(2023)
                .setValue(ParameterDomain.OUTPUT.high()))
        .build();
  }

  @Test
  void combinationsThatLeaveTheMedianPathRangeAreRefusedNamingTheFieldThatCrossed() {
    // One 1000% rise is fine; enough of them take the median path past 1e30 亿元.
    ScenarioOverrides.Builder booms = ScenarioOverrides.newBuilder();
    for (int i = 0; i < 40; i++) {
      booms.addMacroShocks(
          MacroShock.newBuilder()
              .setId("boom" + i)
              .setCellId("pharma@etdz")
              .setYear(2022 + i % 4)
              .setChange(10));
    }
    SimulationSpec spec = small().setInlineOverrides(booms).build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> simulation.simulate(SimulateRequest.newBuilder().setSpec(spec).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    BadRequest bad = ModelServiceTest.detail(e, BadRequest.class);
    String field = bad.getFieldViolations(0).getField();
    assertTrue(field.matches("spec\\.inline_overrides\\.macro_shocks\\[\\d+]\\.change"), field);
    assertTrue(bad.getFieldViolations(0).getDescription().contains("1e30"), bad.toString());

    // Jumps of the largest mean, added to one cell, the same way.
    ScenarioOverrides.Builder jumps = ScenarioOverrides.newBuilder();
    for (int i = 0; i < 20; i++) {
      jumps.addAddedEvents(
          EventAddition.newBuilder()
              .setCellId("pharma@etdz")
              .setEvent(
                  ProjectEvent.newBuilder()
                      .setId("e" + i)
                      .setFirstYear(2022)
                      .setLastYear(2025)
                      .setYearlyProbability(0.5)
                      .setJumpLogMean(5)
                      .setJumpLogSd(0)));
    }
    e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                simulation.simulate(
                    SimulateRequest.newBuilder()
                        .setSpec(small().setInlineOverrides(jumps))
                        .build()));
    bad = ModelServiceTest.detail(e, BadRequest.class);
    assertTrue(
        bad.getFieldViolations(0)
            .getField()
            .matches("spec\\.inline_overrides\\.added_events\\[\\d+]\\.event\\.jump_log_mean"),
        bad.toString());

    // And the same scenario cannot be stored.
    assertInvalid(
        bad.getFieldViolations(0).getField().replace("spec.inline_overrides", "scenario.overrides"),
        () ->
            scenarios.createScenario(
                CreateScenarioRequest.newBuilder()
                    .setScenario(scenario("many-jumps", jumps.build()))
                    .build()));
  }

  @Test
  void sensitivityAtTheEdgesStepsInsideTheDomain() {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setPaths(500)
            .setSeed(3)
            .addOverrides(
                cell()
                    .setBaseValue(ParameterDomain.OUTPUT.high())
                    .setDriftMean(1)
                    .setDriftSd(1)
                    .setVolatility(2))
            .build();
    var report =
        simulation
            .sensitivity(
                SensitivityRequest.newBuilder()
                    .setSpec(spec)
                    .setTargetId("pharma-output-2025-etdz")
                    .build())
            .getReport();
    for (var bar : report.getTornadoList()) {
      ParameterDomain domain =
          switch (bar.getParameter()) {
            case "start_value" -> ParameterDomain.OUTPUT;
            case "drift_mean" -> ParameterDomain.DRIFT_MEAN;
            case "drift_sd" -> ParameterDomain.DRIFT_SD;
            default -> ParameterDomain.VOLATILITY;
          };
      assertTrue(
          domain.contains(bar.getLowValue()) && domain.contains(bar.getHighValue()),
          bar.toString());
    }
  }
}
