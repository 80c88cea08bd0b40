package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CompareRequest;
import chaincast.v1.MacroShock;
import chaincast.v1.Precision;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioComparison;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetDifference;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import chaincast.v1.Unit;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Compare RPC through the real server wiring, in process. */
class CompareServiceTest {
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

  static final SimulationSpec SPEC =
      SimulationSpec.newBuilder()
          .setTargets(TargetSelection.newBuilder().setPlanId("lzbf-2023-53").setYear(2025))
          .setPaths(100_000)
          .setSeed(2025)
          .build();

  static final ScenarioChoice SEEDED = ScenarioChoice.newBuilder().setSeeded(true).build();

  static ScenarioChoice cityDip(double change) {
    return ScenarioChoice.newBuilder()
        .setInlineOverrides(
            ScenarioOverrides.newBuilder()
                .addMacroShocks(
                    MacroShock.newBuilder()
                        .setId("dip-2024")
                        .setCity(true)
                        .setYear(2024)
                        .setChange(change)))
        .build();
  }

  @Test
  void theBaselineAgainstItselfDiffersByExactlyZero() {
    ScenarioComparison c =
        stub.compare(
                CompareRequest.newBuilder()
                    .setSpec(SPEC)
                    .setBaseline(SEEDED)
                    .setAlternative(SEEDED)
                    .build())
            .getComparison();
    assertEquals(72, c.getTargetsCount(), "8 output and 64 count targets of the pharma plan");
    long counts =
        c.getTargetsList().stream()
            .filter(t -> t.getKind() == TargetKind.TARGET_KIND_COUNT)
            .count();
    assertEquals(64, counts, "each row says what kind of target it is");
    for (TargetDifference t : c.getTargetsList()) {
      assertEquals(2025, t.getYear(), t.getTargetId());
      assertTrue(t.getTargetValue() >= 0 && t.getUnit() != Unit.UNIT_UNSPECIFIED, t.getTargetId());
      assertEquals(0.0, t.getDifference(), t.getTargetId());
      assertEquals(0.0, t.getStandardError(), t.getTargetId());
      assertEquals(0, t.getBaselineOnly() + t.getAlternativeOnly());
    }
  }

  @Test
  void aCityWideDipLowersOutputOddsOnlyWithAPairedErrorFarBelowIndependentRuns() {
    ScenarioComparison c =
        stub.compare(
                CompareRequest.newBuilder()
                    .setSpec(SPEC)
                    .setBaseline(SEEDED)
                    .setAlternative(cityDip(-0.05))
                    .build())
            .getComparison();
    int outputs = 0;
    for (TargetDifference t : c.getTargetsList()) {
      if (t.getTargetId().startsWith("pharma-output")) {
        outputs++;
        assertTrue(t.getDifference() < 0, t.toString());
        assertEquals(0, t.getAlternativeOnly(), "a cut never turns a miss into a hit");
        assertTrue(t.getStandardError() < 0.5 * t.getIndependentStandardError(), t.toString());
      } else {
        // Counts do not depend on output: exactly the same paths.
        assertEquals(0.0, t.getDifference(), t.getTargetId());
      }
    }
    assertEquals(8, outputs);
  }

  @Test
  void aPassedDeadlineStopsTheComparisonAndTheSensitivityOnTheServer() throws Exception {
    for (int call = 0; call < 2; call++) {
      long cancelledBefore = fixture.server.runStats().cancelled();
      SimulationSpec big = SPEC.toBuilder().setPaths(40_000_000).build();
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              call == 0
                  ? () ->
                      stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                          .compare(
                              CompareRequest.newBuilder()
                                  .setSpec(big)
                                  .setBaseline(SEEDED)
                                  .setAlternative(cityDip(-0.05))
                                  .build())
                  : () ->
                      stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                          .sensitivity(
                              SensitivityRequest.newBuilder()
                                  .setTargetId("lzf62-steel-2025")
                                  .setSpec(
                                      SimulationSpec.newBuilder().setPaths(2_000_000).setSeed(1))
                                  .build()));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (fixture.server.runStats().cancelled() == cancelledBefore
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(
          cancelledBefore + 1, fixture.server.runStats().cancelled(), "the server stopped the run");
      assertTrue(fixture.server.runStats().lastCancelledAfterPaths() < 40_000_000);
    }
  }

  @Test
  void badComparisonsNameTheField() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.compare(
                    CompareRequest.newBuilder()
                        .setSpec(
                            SPEC.toBuilder()
                                .setPrecision(Precision.newBuilder().setHalfWidth(0.01)))
                        .setBaseline(SEEDED)
                        .build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    var bad = ModelServiceTest.detail(e, BadRequest.class);
    assertTrue(
        bad.getFieldViolationsList().stream().anyMatch(v -> v.getField().equals("spec.precision")),
        bad.toString());
    assertTrue(
        bad.getFieldViolationsList().stream().anyMatch(v -> v.getField().equals("alternative")),
        bad.toString());
    StatusRuntimeException nf =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.compare(
                    CompareRequest.newBuilder()
                        .setSpec(SPEC)
                        .setBaseline(SEEDED)
                        .setAlternative(ScenarioChoice.newBuilder().setScenarioId("nope"))
                        .build()));
    assertEquals(Status.Code.NOT_FOUND, nf.getStatus().getCode());
  }
}
