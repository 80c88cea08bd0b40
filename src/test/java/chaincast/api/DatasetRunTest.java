package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ServerConfig;
import chaincast.v1.AssumptionInUse;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that names a dataset: its cells with series are estimated (provenance ESTIMATED, drawn
 * per path from the posterior) and start from their last value; its other points weigh the paths as
 * observations. The synthetic example file of the calibration section is the dataset.
 */
class DatasetRunTest {
  @TempDir Path dataDir;

  @Test
  void aScenarioNamingADatasetIsCalibratedFromIt() throws Exception {
    try (ServerFixture f =
        new ServerFixture(
            ServerConfig.defaults().withPort(0).withThreads(2).withDataDir(dataDir))) {
      byte[] csv = Files.readAllBytes(Path.of("clients/examples/synthetic-actuals.csv"));
      DatasetServiceGrpc.newBlockingStub(f.channel)
          .createDataset(
              DatasetServiceTest.csv("synthetic", new String(csv, StandardCharsets.UTF_8)));
      var sim = SimulationServiceGrpc.newBlockingStub(f.channel);
      SimulationSpec.Builder spec =
          SimulationSpec.newBuilder()
              .setTargets(
                  TargetSelection.newBuilder()
                      .addTargetIds("pharma-output-2025-etdz")
                      .addTargetIds("lzf62-steel-2025"))
              .setPaths(20_000)
              .setSeed(5);
      SimulationReport seeded =
          sim.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
      SimulationReport calibrated =
          sim.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(
                          spec.setInlineOverrides(
                              ScenarioOverrides.newBuilder().setDatasetId("synthetic")))
                      .build())
              .getReport();
      List<AssumptionInUse> estimated =
          calibrated.getAssumptionsList().stream()
              .filter(a -> a.getProvenance().getKind() == ProvenanceKind.PROVENANCE_KIND_ESTIMATED)
              .toList();
      assertFalse(estimated.isEmpty(), "the series' cells are estimated");
      for (AssumptionInUse a : estimated) {
        assertEquals("synthetic", a.getProvenance().getDatasetId());
        assertFalse(a.getProvenance().getMethod().isEmpty());
      }
      assertTrue(
          estimated.stream().anyMatch(a -> a.getCellId().equals("pharma@etdz")),
          estimated.toString());
      // The estimated cells start from their series' last year, so the odds move.
      assertEquals(2024, calibrated.getOdds(0).getBaseYear());
      assertNotEquals(
          seeded.getOdds(0).getPHit().getEstimate(), calibrated.getOdds(0).getPHit().getEstimate());
      // Same seed, same report.
      SimulationReport again =
          sim.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
      assertEquals(
          calibrated.getOdds(0).getPHit().getEstimate(), again.getOdds(0).getPHit().getEstimate());
    }
  }
}
