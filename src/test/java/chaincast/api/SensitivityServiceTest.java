package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CellOverride;
import chaincast.v1.ImportanceInput;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SensitivityReport;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import chaincast.v1.TornadoBar;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Sensitivity RPC: a deliberately dominant input must come first, in both measures. */
class SensitivityServiceTest {
  static ServerFixture fixture;
  static SimulationServiceGrpc.SimulationServiceBlockingStub stub;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    stub = SimulationServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  static SensitivityReport analyse(String target, ScenarioOverrides point) {
    return analyse(target, point, false);
  }

  static SensitivityReport analyse(
      String target, ScenarioOverrides point, boolean ignoreObservations) {
    return stub.sensitivity(
            SensitivityRequest.newBuilder()
                .setTargetId(target)
                .setSpec(
                    SimulationSpec.newBuilder()
                        .setPaths(20_000)
                        .setSeed(11)
                        .setInlineOverrides(point)
                        .setIgnoreSeededObservations(ignoreObservations))
                .build())
        .getReport();
  }

  /** The effective paths of a plain run of one target with the analyses' paths and seed. */
  static double effectivePaths(String target) {
    return stub.simulate(
            SimulateRequest.newBuilder()
                .setSpec(
                    SimulationSpec.newBuilder()
                        .setTargets(TargetSelection.newBuilder().addTargetIds(target))
                        .setPaths(20_000)
                        .setSeed(11))
                .build())
        .getReport()
        .getRun()
        .getEffectivePaths();
  }

  @Test
  void aDeliberatelyDominantCellRanksFirst() {
    // Haizhou and the ETDZ swap places: Haizhou now holds the ETDZ's size and growth (and is
    // made more uncertain), so it should decide the headline in both measures.
    ScenarioOverrides point =
        ScenarioOverrides.newBuilder()
            .addCells(
                CellOverride.newBuilder()
                    .setCellId("pharma@haizhou")
                    .setBaseValue(442.02)
                    .setDriftMean(0.0743)
                    .setDriftSd(0.05)
                    .setVolatility(0.15))
            .addCells(
                CellOverride.newBuilder()
                    .setCellId("pharma@etdz")
                    .setBaseValue(176.99)
                    .setDriftMean(0.0153))
            .build();
    SensitivityReport r = analyse("pharma-output-2025", point, true);
    assertTrue(
        r.getPHit().getEstimate() > 0.05 && r.getPHit().getEstimate() < 0.95,
        r.getPHit().toString());
    assertEquals(7 * 4, r.getTornadoCount(), "four parameters of each of the seven county cells");
    TornadoBar top = r.getTornado(0);
    assertEquals("pharma@haizhou", top.getCellId(), r.getTornadoList().subList(0, 3).toString());
    for (int i = 1; i < r.getTornadoCount(); i++) {
      assertTrue(r.getTornado(i - 1).getSwing() >= r.getTornado(i).getSwing(), "longest bar first");
    }
    ImportanceInput first = r.getImportance().getInputs(0);
    assertEquals("pharma@haizhou", first.getInputId(), r.getImportance().toString());
    double sum =
        r.getImportance().getInputsList().stream()
            .mapToDouble(ImportanceInput::getShapleyShare)
            .sum();
    assertEquals(
        r.getImportance().getExplainedShare(),
        sum,
        1e-9,
        "Shapley shares add up to the explained share");
    assertEquals(
        1.0, r.getImportance().getExplainedShare(), 1e-6, "the headline is the sum of its cells");
    assertTrue(first.getShapleyShare() > 0.5, first.toString());
  }

  @Test
  void withoutTheOverrideTheEtdzDominatesThePharmaHeadline() {
    SensitivityReport r = analyse("pharma-output-2025", ScenarioOverrides.getDefaultInstance());
    assertEquals("pharma@etdz", r.getImportance().getInputs(0).getInputId());
    assertEquals("pharma@etdz", r.getTornado(0).getCellId());
    // Every bar's ends are measured against the point on common random numbers: at most half the
    // error of two independent runs with the paths the seeded evidence leaves effective.
    double effective = effectivePaths("pharma-output-2025");
    for (TornadoBar b : r.getTornadoList()) {
      assertTrue(
          b.getStandardErrorHigh() <= 0.5 * Math.sqrt(2 * 0.25 / effective) + 1e-12, b.toString());
    }
  }

  @Test
  void countTargetsAndSingleCellsDecompose() {
    SensitivityReport counts =
        analyse("supporting-firms-2025", ScenarioOverrides.getDefaultInstance());
    assertEquals("supporting_firms@etdz", counts.getImportance().getInputs(0).getInputId());
    assertTrue(counts.getTornadoCount() > 0);
    SensitivityReport single = analyse("lzf62-steel-2025", ScenarioOverrides.getDefaultInstance());
    assertEquals(2, single.getImportance().getInputsCount(), "drift and shocks of the one cell");
    assertEquals(
        1.0,
        single.getImportance().getExplainedShare(),
        1e-6,
        "ln value = start + drift + shocks exactly");
  }

  @Test
  void perRequestOverridesAreThePointNotAMaskOverTheSteps() {
    SensitivityReport r =
        stub.sensitivity(
                SensitivityRequest.newBuilder()
                    .setTargetId("pharma-output-2025-etdz")
                    .setSpec(
                        SimulationSpec.newBuilder()
                            .setPaths(20_000)
                            .setSeed(3)
                            .addOverrides(
                                CellOverride.newBuilder()
                                    .setCellId("pharma@etdz")
                                    .setDriftMean(0.05)))
                    .build())
            .getReport();
    TornadoBar drift =
        r.getTornadoList().stream()
            .filter(b -> b.getInputId().equals("pharma@etdz.drift_mean"))
            .findFirst()
            .orElseThrow();
    assertEquals(0.05, drift.getValue(), 1e-12);
    assertEquals(0.04, drift.getLowValue(), 1e-12);
    assertTrue(drift.getSwing() > 0.05, drift.toString());
  }

  @Test
  void badRequestsNameTheField() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub.sensitivity(SensitivityRequest.newBuilder().setTargetId("nope").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    StatusRuntimeException e2 =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub.sensitivity(SensitivityRequest.newBuilder().build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e2.getStatus().getCode());
    assertTrue(e2.getStatus().getDescription().contains("target_id"));
  }
}
