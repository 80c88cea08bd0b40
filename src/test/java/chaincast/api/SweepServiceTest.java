package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CellOverride;
import chaincast.v1.Comparison;
import chaincast.v1.GetSweepRequest;
import chaincast.v1.GoalSeekRequest;
import chaincast.v1.GoalSeekResponse;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.SweepAxis;
import chaincast.v1.SweepGrid;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepPointResult;
import chaincast.v1.SweepQuantity;
import chaincast.v1.SweepRequest;
import chaincast.v1.SweepResponse;
import chaincast.v1.SweepResult;
import chaincast.v1.SweepServiceGrpc;
import chaincast.v1.SweepState;
import chaincast.v1.TargetSelection;
import chaincast.v1.Threshold;
import chaincast.v1.VarianceReduction;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sweeps and goal seek through the real server: goal seek against a closed form, common random
 * numbers across points, agreement with Simulate, resume by id, and every bad field.
 */
class SweepServiceTest {
  static ServerFixture fixture;
  static SweepServiceGrpc.SweepServiceBlockingStub sweeps;
  static SimulationServiceGrpc.SimulationServiceBlockingStub simulation;

  static final String CELL = ThresholdServiceTest.CELL; // pharma@lianyun
  static final String TARGET = "pharma-output-2025-lianyun";

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    sweeps = SweepServiceGrpc.newBlockingStub(fixture.channel);
    simulation = SimulationServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  static SweepParameter cell(String id, SweepQuantity q) {
    return SweepParameter.newBuilder().setCellId(id).setQuantity(q).build();
  }

  static SweepAxis axis(SweepParameter p, double... values) {
    SweepAxis.Builder a = SweepAxis.newBuilder().setParameter(p);
    for (double v : values) {
      a.addValues(v);
    }
    return a.build();
  }

  /** The lognormal cell of ThresholdServiceTest, with fewer paths. */
  static SimulationSpec lognormal(int paths) {
    return ThresholdServiceTest.lognormalCell(VarianceReduction.VARIANCE_REDUCTION_UNSPECIFIED)
        .setPaths(paths)
        .build();
  }

  static SweepResult sweep(SweepRequest r) {
    Iterator<SweepResponse> it = sweeps.sweep(r);
    SweepResult result = null;
    int progress = 0;
    while (it.hasNext()) {
      SweepResponse m = it.next();
      if (m.hasProgress()) {
        progress++;
        assertEquals(progress, m.getProgress().getPointsDone());
      } else {
        result = m.getResult();
      }
    }
    assertTrue(result != null, "no result");
    assertEquals(result.getPointsTotal(), progress);
    return result;
  }

  @Test
  void goalSeekReturnsTheClosedFormDriftWithinItsReportedError() {
    double level = 14;
    double wanted = 0.8;
    // P(V2025 >= L) = Φ((ln B + 5 d − ln L) / (σ √5)) = wanted  ⇔  d = (ln L − ln B + σ √5 z) / 5
    double z = new NormalDistribution().inverseCumulativeProbability(wanted);
    double expected =
        (Math.log(level)
                - Math.log(ThresholdServiceTest.BASE)
                + ThresholdServiceTest.VOL * Math.sqrt(ThresholdServiceTest.YEARS) * z)
            / ThresholdServiceTest.YEARS;
    GoalSeekResponse r =
        sweeps.goalSeek(
            GoalSeekRequest.newBuilder()
                .setSpec(lognormal(50_000))
                .setThreshold(
                    Threshold.newBuilder()
                        .setSubject(Subject.newBuilder().setCellId(CELL))
                        .setYear(2025)
                        .setComparison(Comparison.COMPARISON_AT_LEAST)
                        .setValue(level))
                .setParameter(cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN))
                .setLow(-0.1)
                .setHigh(0.4)
                .setProbability(wanted)
                .build());
    double se = r.getStandardError();
    assertTrue(se > 0 && se < 0.01, "standard error " + se);
    assertTrue(
        Math.abs(r.getValue() - expected) <= 3 * se,
        "drift " + r.getValue() + " vs closed form " + expected + " ± " + se);
    assertEquals(wanted, r.getPHit().getEstimate(), 1e-4);
    assertTrue(r.getPLow().getEstimate() < wanted && r.getPHigh().getEstimate() > wanted);
    assertTrue(r.getSlope() > 0);
    assertTrue(r.getEvaluations() >= 5, "evaluations " + r.getEvaluations());
  }

  @Test
  void goalSeekOnATargetReachesTheWantedProbability() {
    GoalSeekResponse r =
        sweeps.goalSeek(
            GoalSeekRequest.newBuilder()
                .setSpec(lognormal(20_000))
                .setTargetId(TARGET)
                .setParameter(cell(CELL, SweepQuantity.SWEEP_QUANTITY_BASE_VALUE))
                .setLow(0.01)
                .setHigh(200)
                .setProbability(0.5)
                .build());
    assertEquals(0.5, r.getPHit().getEstimate(), 1e-4);
    assertTrue(r.getValue() > 0.01 && r.getValue() < 200);
  }

  @Test
  void aGoalWithNoRootNamesTheRangeAndThePAtBothEnds() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                sweeps.goalSeek(
                    GoalSeekRequest.newBuilder()
                        .setSpec(lognormal(5_000))
                        .setTargetId(TARGET)
                        .setParameter(cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN))
                        .setLow(0.5)
                        .setHigh(0.6)
                        .setProbability(0.01)
                        .build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    String m = e.getStatus().getDescription();
    assertTrue(m.contains("[0.5, 0.6]") && m.contains("at 0.5") && m.contains("at 0.6"), m);
  }

  @Test
  void pointsShareTheirRandomNumbers() {
    // pharma@etdz is outside the target's scope: every point must give exactly the same P.
    SweepResult r =
        sweep(
            SweepRequest.newBuilder()
                .setSpec(lognormal(8_000))
                .setGrid(
                    SweepGrid.newBuilder()
                        .addAxes(
                            axis(
                                cell("pharma@etdz", SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN),
                                -0.05,
                                0.05,
                                0.2)))
                .build());
    assertEquals(3, r.getPointsCount());
    for (SweepPointResult p : r.getPointsList()) {
      assertEquals(r.getPoints(0).getTargets(0).getPHit(), p.getTargets(0).getPHit());
      assertFalse(p.getResumed());
    }
  }

  @Test
  void aPointEqualsSimulateWithTheSameOverridesAndSeed() {
    SimulationSpec spec = lognormal(8_000);
    SweepResult r =
        sweep(
            SweepRequest.newBuilder()
                .setSpec(spec)
                .setGrid(
                    SweepGrid.newBuilder()
                        .addAxes(
                            axis(cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN), 0.0, 0.1))
                        .addAxes(
                            axis(cell(CELL, SweepQuantity.SWEEP_QUANTITY_VOLATILITY), 0.1, 0.3)))
                .build());
    assertEquals(4, r.getPointsCount());
    // Grid order: the last axis fastest. Point 1 is drift 0.0, volatility 0.3.
    SweepPointResult p = r.getPoints(1);
    assertEquals(0.0, p.getValues(0).getValue());
    assertEquals(0.3, p.getValues(1).getValue());
    ScenarioOverrides inline =
        spec.getInlineOverrides().toBuilder()
            .setCells(
                0,
                spec.getInlineOverrides().getCells(0).toBuilder()
                    .setDriftMean(0.0)
                    .setVolatility(0.3))
            .build();
    SimulationReport direct =
        simulation
            .simulate(
                SimulateRequest.newBuilder()
                    .setSpec(spec.toBuilder().setInlineOverrides(inline))
                    .build())
            .getReport();
    assertEquals(direct.getOdds(0).getPHit(), p.getTargets(0).getPHit());
    // More drift, a higher median on the same paths.
    assertTrue(r.getPoints(2).getTargets(0).getMedian() > r.getPoints(0).getTargets(0).getMedian());
  }

  @Test
  void aStoredSweepResumesAndIsReadBack() {
    SweepRequest request =
        SweepRequest.newBuilder()
            .setSweepId("resume-in-process")
            .setSpec(lognormal(4_000).toBuilder().clearSeed())
            .setGrid(
                SweepGrid.newBuilder()
                    .addAxes(
                        axis(cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN), 0.0, 0.05, 0.1)))
            .build();
    SweepResult first = sweep(request);
    assertEquals(3, first.getPointsComputed());
    // Same request, no seed given: the stored seed is reused and nothing is recomputed.
    SweepResult again = sweep(request);
    assertEquals(3, again.getPointsResumed());
    assertEquals(0, again.getPointsComputed());
    assertEquals(first.getSeed(), again.getSeed());
    assertEquals(strip(first.getPointsList()), strip(again.getPointsList()));
    SweepResult stored =
        sweeps
            .getSweep(GetSweepRequest.newBuilder().setSweepId("resume-in-process").build())
            .getSweep();
    assertEquals(SweepState.SWEEP_STATE_DONE, stored.getState());
    assertEquals(strip(first.getPointsList()), strip(stored.getPointsList()));

    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                sweep(
                    request.toBuilder()
                        .setSpec(request.getSpec().toBuilder().setPaths(5_000))
                        .build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("resume-in-process"));
  }

  static List<SweepPointResult> strip(List<SweepPointResult> points) {
    return points.stream()
        .map(p -> p.toBuilder().clearResumed().build())
        .collect(Collectors.toList());
  }

  @Test
  void aDeadlineStopsTheSweepAndKeepsWhatFinished() {
    double[] values = new double[50];
    for (int i = 0; i < values.length; i++) {
      values[i] = 5 + i;
    }
    // 50 points of 400 000 paths cannot finish in 300 ms on any machine this runs on.
    SweepRequest request =
        grid(lognormal(400_000), axis(cell(CELL, SweepQuantity.SWEEP_QUANTITY_BASE_VALUE), values))
            .toBuilder()
            .setSweepId("deadline-sweep")
            .build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> {
              Iterator<SweepResponse> it =
                  sweeps.withDeadlineAfter(300, TimeUnit.MILLISECONDS).sweep(request);
              while (it.hasNext()) {
                it.next();
              }
            });
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    SweepResult stored =
        sweeps
            .getSweep(GetSweepRequest.newBuilder().setSweepId("deadline-sweep").build())
            .getSweep();
    assertEquals(SweepState.SWEEP_STATE_INCOMPLETE, stored.getState());
    assertTrue(stored.getPointsCount() < 50, "stored " + stored.getPointsCount());
  }

  @Test
  void anUnknownSweepIsNotFound() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> sweeps.getSweep(GetSweepRequest.newBuilder().setSweepId("no-such").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  // ------------------------------------------------------------------ bad input

  static void assertInvalid(String field, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getMessage());
    List<String> fields = new ArrayList<>();
    for (BadRequest.FieldViolation v :
        ModelServiceTest.detail(e, BadRequest.class).getFieldViolationsList()) {
      fields.add(v.getField());
    }
    assertTrue(fields.contains(field), field + " not in " + fields);
  }

  static SweepRequest grid(SimulationSpec spec, SweepAxis... axes) {
    SweepGrid.Builder g = SweepGrid.newBuilder();
    for (SweepAxis a : axes) {
      g.addAxes(a);
    }
    return SweepRequest.newBuilder().setSpec(spec).setGrid(g).build();
  }

  @Test
  void aGridTooLargeIsInvalidNamingTheField() {
    double[] thirty = new double[30];
    for (int i = 0; i < 30; i++) {
      thirty[i] = i / 100.0;
    }
    SweepParameter a = cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN);
    SweepParameter b = cell(CELL, SweepQuantity.SWEEP_QUANTITY_VOLATILITY);
    SweepParameter c = cell("pharma@etdz", SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN);
    assertInvalid(
        "grid.axes",
        () -> sweep(grid(lognormal(1_000), axis(a, thirty), axis(b, thirty), axis(c, thirty))));
    assertInvalid("spec.paths", () -> sweep(grid(lognormal(40_000_000), axis(a, thirty))));
  }

  @Test
  void anEmptyAxisOrNoPointsIsInvalid() {
    SweepParameter a = cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN);
    assertInvalid("grid.axes[0].values", () -> sweep(grid(lognormal(1_000), axis(a))));
    assertInvalid("grid.axes", () -> sweep(grid(lognormal(1_000))));
    assertInvalid("grid", () -> sweep(SweepRequest.newBuilder().setSpec(lognormal(1_000)).build()));
    assertInvalid("grid.axes[0].values[1]", () -> sweep(grid(lognormal(1_000), axis(a, 0.1, 7.0))));
    assertInvalid(
        "grid.axes[0].parameter.quantity",
        () ->
            sweep(
                grid(
                    lognormal(1_000),
                    axis(cell(CELL, SweepQuantity.SWEEP_QUANTITY_YEARLY_RATE), 1.0))));
    assertInvalid(
        "sweep_id",
        () -> sweep(grid(lognormal(1_000), axis(a, 0.1)).toBuilder().setSweepId("Bad Id").build()));
  }

  @Test
  void anUnknownCellIsNotFoundNamingTheField() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                sweep(
                    grid(
                        lognormal(1_000),
                        axis(
                            cell("pharma@nowhere", SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN),
                            0.1))));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertTrue(
        e.getStatus().getDescription().contains("grid.axes[0].parameter.cell_id"), e.getMessage());
  }

  static GoalSeekRequest.Builder goal() {
    return GoalSeekRequest.newBuilder()
        .setSpec(lognormal(1_000))
        .setTargetId(TARGET)
        .setParameter(cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN))
        .setLow(0)
        .setHigh(0.2)
        .setProbability(0.5);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, Double.NaN, -0.5, 1.5})
  void aProbabilityOutsideTheOpenUnitIntervalIsInvalid(double p) {
    assertInvalid("probability", () -> sweeps.goalSeek(goal().setProbability(p).build()));
  }

  @Test
  void aRangeThatIsEmptyOrOutOfDomainIsInvalid() {
    assertInvalid("high", () -> sweeps.goalSeek(goal().setLow(0.2).setHigh(0.2).build()));
    assertInvalid("high", () -> sweeps.goalSeek(goal().setLow(0.3).setHigh(0.1).build()));
    assertInvalid("low", () -> sweeps.goalSeek(goal().setLow(-5).build()));
    assertInvalid("target_id", () -> sweeps.goalSeek(goal().clearTargetId().build()));
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> sweeps.goalSeek(goal().setTargetId("no-such-target").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void aCellOverrideAndAnAxisOnTheSameCellCombineFieldByField() {
    // The spec's own overrides stay in force for the fields the axis does not move.
    SimulationSpec spec =
        lognormal(2_000).toBuilder()
            .addOverrides(CellOverride.newBuilder().setCellId(CELL).setVolatility(0.25))
            .setTargets(TargetSelection.newBuilder().addTargetIds(TARGET))
            .build();
    SweepResult r =
        sweep(grid(spec, axis(cell(CELL, SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN), 0.05)));
    CellOverride merged = r.getRequest().getSpec().getInlineOverrides().getCells(0);
    assertEquals(0.25, merged.getVolatility());
    assertEquals(0, r.getRequest().getSpec().getOverridesCount());
  }
}
