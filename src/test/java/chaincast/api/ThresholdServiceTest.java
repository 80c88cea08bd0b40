package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CellOverride;
import chaincast.v1.Comparison;
import chaincast.v1.FanRequest;
import chaincast.v1.Probability;
import chaincast.v1.RegionMatch;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import chaincast.v1.Threshold;
import chaincast.v1.ThresholdOdds;
import chaincast.v1.Unit;
import chaincast.v1.VarianceReduction;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thresholds (certainty at any level) through the real server: closed forms on one cell, equality
 * with a seeded target at its own level, counts in counts, and every bad field.
 */
class ThresholdServiceTest {
  static ServerFixture fixture;
  static SimulationServiceGrpc.SimulationServiceBlockingStub stub;

  /** One cell made lognormal: fixed base, fixed drift, no observations. */
  static final String CELL = "pharma@lianyun";

  static final double BASE = 10;
  static final double DRIFT = 0.05;
  static final double VOL = 0.2;
  static final int YEARS = 5; // base year 2020 to 2025
  static final int PATHS = 200_000;

  /** A count target the seeds carry but cannot simulate (no counting process). */
  static final String NOT_SIMULATED = "lzf62-firms-sales-100yi-2023";

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    stub = SimulationServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  static SimulationReport simulate(SimulationSpec spec) {
    return stub.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
  }

  static Threshold threshold(Subject s, Comparison c, double value, double upper) {
    return Threshold.newBuilder()
        .setSubject(s)
        .setYear(2025)
        .setComparison(c)
        .setValue(value)
        .setUpperValue(upper)
        .build();
  }

  static Subject any(String id) {
    return Subject.newBuilder().setAnyId(id).build();
  }

  /** ln V(2025) ~ N(ln BASE + 5 DRIFT, VOL² 5) once the cell's base, drift and shocks are fixed. */
  static SimulationSpec.Builder lognormalCell(VarianceReduction how) {
    return SimulationSpec.newBuilder()
        .setPaths(PATHS)
        .setSeed(7)
        .setIgnoreSeededObservations(true)
        .setVarianceReduction(how)
        .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025-lianyun"))
        .setInlineOverrides(
            ScenarioOverrides.newBuilder()
                .addCells(
                    CellOverride.newBuilder()
                        .setCellId(CELL)
                        .setBaseValue(BASE)
                        .setDriftMean(DRIFT)
                        .setDriftSd(0)
                        .setVolatility(VOL)));
  }

  @ParameterizedTest
  @EnumSource(
      value = VarianceReduction.class,
      names = {"VARIANCE_REDUCTION_PLAIN", "VARIANCE_REDUCTION_AUTO"})
  void matchesTheLognormalClosedFormWithinThreeStandardErrors(VarianceReduction how) {
    NormalDistribution z = new NormalDistribution();
    double mu = Math.log(BASE) + YEARS * DRIFT;
    double sd = VOL * Math.sqrt(YEARS);
    double q10 = Math.exp(mu + sd * z.inverseCumulativeProbability(0.10));
    double q50 = Math.exp(mu);
    double q97 = Math.exp(mu + sd * z.inverseCumulativeProbability(0.97));
    Subject cell = Subject.newBuilder().setCellId(CELL).build();
    SimulationReport r =
        simulate(
            lognormalCell(how)
                .addThresholds(threshold(cell, Comparison.COMPARISON_AT_LEAST, q10, 0))
                .addThresholds(threshold(cell, Comparison.COMPARISON_GREATER_THAN, q50, 0))
                .addThresholds(threshold(cell, Comparison.COMPARISON_AT_MOST, q97, 0))
                .addThresholds(threshold(cell, Comparison.COMPARISON_LESS_THAN, q10, 0))
                .addThresholds(threshold(cell, Comparison.COMPARISON_BETWEEN, q10, q97))
                .build());
    double[] expected = {0.90, 0.50, 0.97, 0.10, 0.87};
    assertEquals(expected.length, r.getThresholdsCount());
    for (int i = 0; i < expected.length; i++) {
      ThresholdOdds t = r.getThresholds(i);
      Probability p = t.getProbability();
      double binomialSe = Math.sqrt(expected[i] * (1 - expected[i]) / PATHS);
      assertTrue(
          Math.abs(p.getEstimate() - expected[i]) <= 3 * Math.max(p.getStandardError(), 1e-4),
          t.getId() + ": " + p.getEstimate() + " vs " + expected[i] + " ± " + p.getStandardError());
      assertTrue(p.getStandardError() <= 1.5 * binomialSe + 1e-12, t.getId() + " se " + p);
      assertTrue(p.getCiLow() <= p.getEstimate() && p.getEstimate() <= p.getCiHigh(), t.getId());
      assertEquals(Unit.UNIT_YI_YUAN, t.getUnit());
      assertEquals(TargetKind.TARGET_KIND_OUTPUT, t.getKind());
      assertEquals("lianyun", t.getRegionId());
      assertEquals("pharma", t.getChainId());
    }
    assertEquals(q50, r.getThresholds(1).getMedian(), q50 * 0.01, "median of the cell");
    assertEquals("pharma@lianyun@2025>=" + trim(q10), r.getThresholds(0).getId());
  }

  private static String trim(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  @ParameterizedTest
  @EnumSource(
      value = VarianceReduction.class,
      names = {"VARIANCE_REDUCTION_PLAIN", "VARIANCE_REDUCTION_AUTO"})
  void aThresholdAtASeededTargetsLevelGivesThatTargetsNumbers(VarianceReduction how) {
    String[] ids = {
      "pharma-output-2025",
      "pharma-output-2025-haizhou",
      "pharma-firms-above-size-2025-etdz",
      "chains-above-1000-2025"
    };
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder().setPaths(50_000).setSeed(2025).setVarianceReduction(how);
    TargetSelection.Builder sel = TargetSelection.newBuilder();
    for (String id : ids) {
      sel.addTargetIds(id);
    }
    spec.setTargets(sel);
    SimulationReport seeded = simulate(spec.build());
    for (TargetOdds o : seeded.getOddsList()) {
      spec.addThresholds(threshold(any(o.getTargetId()), o.getComparison(), o.getTargetValue(), 0));
    }
    SimulationReport both = simulate(spec.build());
    assertEquals(seeded.getOddsList(), both.getOddsList(), "thresholds change no target");
    for (int i = 0; i < ids.length; i++) {
      TargetOdds o = both.getOdds(i);
      ThresholdOdds t = both.getThresholds(i);
      assertEquals(o.getPHit(), t.getProbability(), o.getTargetId());
      assertEquals(o.getMedian(), t.getMedian(), o.getTargetId());
      assertEquals(o.getUnit(), t.getUnit(), o.getTargetId());
      assertEquals(o.getKind(), t.getKind(), o.getTargetId());
      assertEquals(o.getTargetId(), t.getThreshold().getSubject().getTargetId(), "any_id typed");
    }
  }

  @Test
  void countSubjectsCompareCountsAndTheComplementMirrorsTheInterval() {
    Subject cell = Subject.newBuilder().setCountCellId("pharma_firms_above_size@etdz").build();
    SimulationReport r =
        simulate(
            SimulationSpec.newBuilder()
                .setPaths(20_000)
                .setSeed(3)
                .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
                .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025"))
                .addThresholds(threshold(cell, Comparison.COMPARISON_AT_LEAST, 30, 0))
                .addThresholds(threshold(cell, Comparison.COMPARISON_LESS_THAN, 30, 0))
                .build());
    ThresholdOdds atLeast = r.getThresholds(0);
    ThresholdOdds below = r.getThresholds(1);
    assertEquals(Unit.UNIT_COUNT, atLeast.getUnit());
    assertEquals(TargetKind.TARGET_KIND_COUNT, atLeast.getKind());
    assertEquals(Math.rint(atLeast.getMedian()), atLeast.getMedian(), "counts are whole");
    Probability a = atLeast.getProbability();
    Probability b = below.getProbability();
    assertEquals(1.0, a.getEstimate() + b.getEstimate(), 1e-12);
    assertEquals(a.getPaths(), a.getHits() + b.getHits());
    assertEquals(1 - a.getCiHigh(), b.getCiLow(), 1e-12);
    assertEquals(a.getStandardError(), b.getStandardError(), 0);
  }

  @Test
  void regionMatchOwnSelectsOnlyTheRegionsOwnTargets() {
    SimulationReport r =
        simulate(
            SimulationSpec.newBuilder()
                .setPaths(2_000)
                .setTargets(
                    TargetSelection.newBuilder()
                        .setRegionId("haizhou")
                        .setYear(2025)
                        .setRegionMatch(RegionMatch.REGION_MATCH_OWN))
                .build());
    assertTrue(r.getOddsCount() > 0);
    for (TargetOdds o : r.getOddsList()) {
      assertEquals("haizhou", o.getRegionId(), o.getTargetId());
      assertEquals(2025, o.getYear());
    }
  }

  static void assertInvalid(String field, UnaryOperator<SimulationSpec.Builder> mutate) {
    SimulationServiceTest.assertInvalid(stub, field, mutate);
  }

  @Test
  void badThresholdsNameTheirField() {
    assertInvalid(
        "spec.targets.region_match",
        s ->
            s.setTargets(
                TargetSelection.newBuilder().setRegionId("haizhou").setRegionMatchValue(9)));
    Subject cell = Subject.newBuilder().setCellId(CELL).build();
    assertInvalid(
        "spec.thresholds[0].upper_value",
        s -> s.addThresholds(threshold(cell, Comparison.COMPARISON_BETWEEN, 5, 4)));
    assertInvalid(
        "spec.thresholds[0].upper_value",
        s -> s.addThresholds(threshold(cell, Comparison.COMPARISON_AT_LEAST, 5, 4)));
    assertInvalid(
        "spec.thresholds[0].comparison",
        s -> s.addThresholds(threshold(cell, Comparison.COMPARISON_UNSPECIFIED, 5, 0)));
    assertInvalid(
        "spec.thresholds[0].value",
        s -> s.addThresholds(threshold(cell, Comparison.COMPARISON_AT_LEAST, Double.NaN, 0)));
    assertInvalid(
        "spec.thresholds[0].year",
        s ->
            s.addThresholds(
                threshold(cell, Comparison.COMPARISON_AT_LEAST, 5, 0).toBuilder().setYear(2030)));
    assertInvalid(
        "spec.thresholds[0].year",
        s ->
            s.addThresholds(
                threshold(cell, Comparison.COMPARISON_AT_LEAST, 5, 0).toBuilder().setYear(2020)));
    assertInvalid(
        "spec.thresholds[1].id",
        s ->
            s.addThresholds(threshold(cell, Comparison.COMPARISON_AT_LEAST, 5, 0))
                .addThresholds(threshold(any(CELL), Comparison.COMPARISON_AT_LEAST, 5, 0)));
    assertInvalid(
        "spec.thresholds[0].subject",
        s ->
            s.addThresholds(
                threshold(Subject.getDefaultInstance(), Comparison.COMPARISON_AT_LEAST, 5, 0)));
    assertInvalid(
        "spec.fans[0].subject.target_id",
        s ->
            s.addFans(
                FanRequest.newBuilder()
                    .setSubject(Subject.newBuilder().setTargetId(NOT_SIMULATED))));
    assertInvalid(
        "spec.thresholds[0].subject.target_id",
        s ->
            s.addThresholds(
                threshold(
                    Subject.newBuilder().setTargetId(NOT_SIMULATED).build(),
                    Comparison.COMPARISON_AT_LEAST,
                    1,
                    0)));
  }

  @Test
  void anUnknownSubjectIsNotFoundWithSuggestions() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                simulate(
                    SimulationSpec.newBuilder()
                        .setPaths(1000)
                        .addThresholds(
                            threshold(any("pharma@haizou"), Comparison.COMPARISON_AT_LEAST, 5, 0))
                        .build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertTrue(
        e.getStatus().getDescription().contains("did you mean 'pharma@haizhou'"),
        e.getStatus().getDescription());
  }
}
