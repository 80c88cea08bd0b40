package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.admission.AdmissionSettings;
import chaincast.run.Limits;
import chaincast.server.ServerConfig;
import chaincast.v1.CellOverride;
import chaincast.v1.FanRequest;
import chaincast.v1.JointOdds;
import chaincast.v1.JointRequest;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ObservationRole;
import chaincast.v1.PercentileValue;
import chaincast.v1.Period;
import chaincast.v1.Precision;
import chaincast.v1.Probability;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.RunInfo;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.StopReason;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import chaincast.v1.Unit;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SimulationService through the real server wiring, in process: every RPC, streaming, cancellation,
 * deadlines, bad input.
 */
class SimulationServiceTest {
  static ServerFixture fixture;
  static SimulationServiceGrpc.SimulationServiceBlockingStub stub;
  static List<Target> targets;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    stub = SimulationServiceGrpc.newBlockingStub(fixture.channel);
    targets =
        ModelServiceGrpc.newBlockingStub(fixture.channel)
            .listTargets(ListTargetsRequest.getDefaultInstance())
            .getTargetsList();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  /** The 2023 pharma plan's figure for the ETDZ (附件1 row 1). */
  static Target etdzPharma2025() {
    return targets.stream()
        .filter(
            t ->
                t.getPlanId().equals("lzbf-2023-53")
                    && t.getKind() == TargetKind.TARGET_KIND_OUTPUT
                    && t.getScope().getChainIdsList().equals(List.of("pharma"))
                    && t.getScope().getRegionIdsList().equals(List.of("etdz")))
        .findFirst()
        .orElseThrow();
  }

  /** A count target with no counting process seeded (not simulated). */
  static Target aCountTarget() {
    return targets.stream()
        .filter(
            t ->
                t.getKind() == TargetKind.TARGET_KIND_COUNT && !t.getNotSimulatedReason().isEmpty())
        .findFirst()
        .orElseThrow();
  }

  static SimulationReport simulate(SimulationSpec spec) {
    return stub.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
  }

  /** The report without the fields that legitimately vary between runs. */
  static SimulationReport comparable(SimulationReport r) {
    return r.toBuilder().setRun(r.getRun().toBuilder().clearElapsedMillis()).build();
  }

  @Test
  void defaultRunCoversEverySimulated2025TargetWithItsError() {
    SimulationReport r = simulate(SimulationSpec.newBuilder().setPaths(20_000).setSeed(7).build());
    long expected =
        targets.stream()
            .filter(t -> t.getYear() == 2025 && t.getNotSimulatedReason().isEmpty())
            .count();
    assertEquals(expected, r.getOddsCount());
    assertTrue(r.getSkippedCount() > 0, "count targets of 2025 are listed as skipped");
    assertEquals(20_000, r.getRun().getPaths());
    assertEquals(7, r.getRun().getSeed());
    assertEquals(StopReason.STOP_REASON_PATHS_DONE, r.getRun().getStopReason());
    // The seeded January-July 2021 figure weighs the paths: every estimate is weighted.
    assertTrue(r.getRun().getWeighted());
    assertTrue(
        r.getRun().getEffectivePaths() > 0.2 * r.getRun().getPaths(),
        "the seeded evidence is loose: " + r.getRun().getEffectivePaths() + " effective paths");
    for (TargetOdds o : r.getOddsList()) {
      Probability p = o.getPHit();
      double pq = p.getEstimate() * (1 - p.getEstimate());
      if (pq > 0) {
        // Each probability's effective paths are those that would give its error unweighted.
        assertEquals(
            Math.sqrt(pq / p.getEffectivePaths()), p.getStandardError(), 1e-12, o.getTargetId());
      }
      assertTrue(
          p.getCiLow() <= p.getEstimate() && p.getEstimate() <= p.getCiHigh(), o.getTargetId());
      double prev = Double.NEGATIVE_INFINITY;
      for (PercentileValue v : o.getPercentilesList()) {
        assertTrue(v.getValue() >= prev, o.getTargetId() + " percentiles rise");
        prev = v.getValue();
      }
    }
    assertFalse(r.getJointList().isEmpty(), "seeded joint sets apply");
    for (JointOdds j : r.getJointList()) {
      assertTrue(j.getPAllHit().getEstimate() <= j.getMinMarginal() + 1e-15, j.getId());
    }
    assertFalse(r.getAssumptionsList().isEmpty(), "assumption-flagged parameters are reported");
  }

  @Test
  void chainAndRegionFiltersSelectTheTargetsWhoseScopeCoversThem() {
    SimulationReport r =
        simulate(
            SimulationSpec.newBuilder()
                .setTargets(
                    TargetSelection.newBuilder()
                        .setChainId("pharma")
                        .setRegionId("haizhou")
                        .setYear(2025))
                .setPaths(5_000)
                .setSeed(1)
                .build());
    List<String> expected =
        targets.stream()
            .filter(t -> t.getYear() == 2025 && t.getNotSimulatedReason().isEmpty())
            .filter(t -> t.getScope().getChainIdsList().contains("pharma"))
            .filter(
                t ->
                    t.getScope().getRegionIdsList().isEmpty()
                        || t.getScope().getRegionIdsList().contains("haizhou"))
            .map(Target::getId)
            .toList();
    assertEquals(expected, r.getOddsList().stream().map(TargetOdds::getTargetId).toList());
    assertTrue(expected.contains("pharma-output-2025-haizhou"), expected.toString());
    assertTrue(expected.contains("pharma-output-2025"), "the city headline covers Haizhou too");
    assertFalse(expected.contains("pharma-output-2025-etdz"), expected.toString());
  }

  @Test
  void countTargetsAreSimulatedAndJoinOutputTargets() {
    SimulationReport r =
        simulate(
            SimulationSpec.newBuilder()
                .setTargets(
                    TargetSelection.newBuilder()
                        .addTargetIds("pharma-firms-above-size-2025-etdz")
                        .addTargetIds("incubators-2025-guannan")
                        .addTargetIds("pharma-output-2025"))
                .addJoint(
                    JointRequest.newBuilder()
                        .setId("firms-and-output")
                        .addTargetIds("pharma-firms-above-size-2025-etdz")
                        .addTargetIds("pharma-output-2025"))
                .setPaths(50_000)
                .setSeed(3)
                .build());
    TargetOdds firms = r.getOdds(0);
    assertEquals("pharma-firms-above-size-2025-etdz", firms.getTargetId());
    assertEquals(Unit.UNIT_COUNT, firms.getUnit());
    assertTrue(
        firms.getPHit().getEstimate() > 0 && firms.getPHit().getEstimate() < 1, firms.toString());
    assertTrue(firms.getPHit().getStandardError() > 0);
    assertEquals(2022, firms.getBaseYear());
    // Guannan's incubator target is 0: always reached.
    assertEquals(1.0, r.getOdds(1).getPHit().getEstimate());
    JointOdds joint = r.getJoint(0);
    assertEquals("firms-and-output", joint.getId());
    assertTrue(
        joint.getPAllHit().getEstimate()
            <= Math.min(firms.getPHit().getEstimate(), r.getOdds(2).getPHit().getEstimate()));
  }

  @Test
  void seededObservationsAreEvidenceAndSayWhichCellsTheyTie() {
    SimulationSpec base =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds("ten-chains-output-2025"))
            .setPaths(20_000)
            .setSeed(9)
            .build();
    SimulationReport r = simulate(base);
    ObservationInUse chains =
        r.getObservationsList().stream()
            .filter(o -> o.getObservationId().equals("city-chains-2021"))
            .findFirst()
            .orElseThrow();
    assertEquals(ObservationRole.OBSERVATION_ROLE_WEIGHTS_PATHS, chains.getRole());
    assertEquals(16, chains.getTiedCellIdsCount(), "the total ties every city cell");
    assertEquals(7, chains.getPeriod().getLastMonth());
    assertEquals(chains.getValue() * 12 / 7, chains.getAnnualValue(), 1e-9);
    assertEquals(Math.hypot(0.15, 0.05), chains.getRelativeError(), 1e-12);
    assertTrue(chains.getNote().contains("moves the others' posterior"), chains.getNote());
    ObservationInUse etdz =
        r.getObservationsList().stream()
            .filter(o -> o.getObservationId().equals("etdz-pharma-2020"))
            .findFirst()
            .orElseThrow();
    assertEquals(ObservationRole.OBSERVATION_ROLE_CONFIRMS_FIXED_BASE, etdz.getRole());
    assertEquals(2020, r.getOdds(0).getBaseYear(), "observations are evidence, not a new start");
    assertTrue(r.getRun().getWeighted());

    SimulationReport ignored = simulate(base.toBuilder().setIgnoreSeededObservations(true).build());
    assertTrue(ignored.getObservationsList().isEmpty());
    assertFalse(ignored.getRun().getWeighted());
    assertEquals((double) ignored.getRun().getPaths(), ignored.getRun().getEffectivePaths());
    assertTrue(
        r.getOdds(0).getPHit().getEstimate() > ignored.getOdds(0).getPHit().getEstimate(),
        "the 2021 surge raises the odds");
  }

  @Test
  void aCellsOwnObservationMovesItsPosteriorTowardsTheValue() {
    SimulationSpec base =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds("lzf62-steel-2025"))
            .setPaths(20_000)
            .setSeed(9)
            .setIgnoreSeededObservations(true)
            .build();
    SimulationReport free = simulate(base);
    SimulationReport observed =
        simulate(
            base.toBuilder()
                .setInlineOverrides(
                    ScenarioOverrides.newBuilder()
                        .addObservations(
                            Observation.newBuilder()
                                .setId("steel-2022")
                                .setCellId("steel@unallocated")
                                .setYear(2022)
                                .setValue(900)
                                .setRelativeError(0.02)
                                .setSource("test")))
                .build());
    var steel = observed.getObservations(0);
    assertEquals(ProvenanceKind.PROVENANCE_KIND_OVERRIDE, steel.getProvenance().getKind());
    assertEquals(List.of("steel@unallocated"), steel.getTiedCellIdsList());
    assertTrue(
        observed.getOdds(0).getPHit().getEstimate() > free.getOdds(0).getPHit().getEstimate() + 0.2,
        "a 2022 level well above the median path raises the 2025 odds");
  }

  @Test
  void anObservedCountIsWhereTheCountStarts() {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds("incubators-2025-etdz"))
            .setPaths(20_000)
            .setSeed(4)
            .build();
    SimulationReport before = simulate(spec);
    SimulationReport after =
        simulate(
            spec.toBuilder()
                .setInlineOverrides(
                    ScenarioOverrides.newBuilder()
                        .addObservations(
                            Observation.newBuilder()
                                .setId("etdz-incubators-2024")
                                .setCountCellId("incubators@etdz")
                                .setYear(2024)
                                .setValue(3)
                                .setSource("test")))
                .build());
    var used =
        after.getObservationsList().stream()
            .filter(o -> o.getCellId().equals("incubators@etdz"))
            .findFirst()
            .orElseThrow();
    assertEquals(3, used.getValue());
    assertEquals(2024, after.getOdds(0).getBaseYear());
    assertEquals(3, after.getOdds(0).getBaseValue());
    // 3 of 4 by 2024 with a year to go beats 0 of 4 with three years to go here.
    assertTrue(
        after.getOdds(0).getPHit().getEstimate() > before.getOdds(0).getPHit().getEstimate());
    // The 5th percentile of the count never falls below what was observed.
    assertTrue(after.getOdds(0).getPercentiles(0).getValue() >= 3);
  }

  @Test
  void badObservationsAreRejectedWithTheField() {
    assertInvalid(
        "spec.inline_overrides.observations[0].relative_error",
        b ->
            b.setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addObservations(
                        Observation.newBuilder()
                            .setCellId("steel@unallocated")
                            .setYear(2021)
                            .setValue(700)
                            .setRelativeError(-0.1))));
    assertInvalid(
        "spec.inline_overrides.observations[0].period.last_month",
        b ->
            b.setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addObservations(
                        Observation.newBuilder()
                            .setCellId("steel@unallocated")
                            .setYear(2021)
                            .setValue(400)
                            .setPeriod(Period.newBuilder().setFirstMonth(5).setLastMonth(3)))));
    assertInvalid(
        "spec.inline_overrides.observations[0].period",
        b ->
            b.setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addObservations(
                        Observation.newBuilder()
                            .setCountCellId("incubators@etdz")
                            .setYear(2023)
                            .setValue(2)
                            .setPeriod(Period.newBuilder().setFirstMonth(1).setLastMonth(6)))));
    assertInvalid(
        "spec.inline_overrides.observations[0].year",
        b ->
            b.setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addObservations(
                        Observation.newBuilder()
                            .setCellId("steel@unallocated")
                            .setYear(2019)
                            .setValue(10))));
    // A count observed after a selected count target's year cannot be simulated backwards.
    assertInvalid(
        "spec.inline_overrides.observations",
        b ->
            b.setTargets(TargetSelection.newBuilder().addTargetIds("incubators-2025-etdz"))
                .setHorizonYear(2030)
                .setInlineOverrides(
                    ScenarioOverrides.newBuilder()
                        .addObservations(
                            Observation.newBuilder()
                                .setCountCellId("incubators@etdz")
                                .setYear(2027)
                                .setValue(6))));
    // After the horizon it is simply not used.
    SimulationReport late =
        simulate(
            SimulationSpec.newBuilder()
                .setTargets(TargetSelection.newBuilder().addTargetIds("incubators-2025-etdz"))
                .setPaths(1000)
                .setInlineOverrides(
                    ScenarioOverrides.newBuilder()
                        .addObservations(
                            Observation.newBuilder()
                                .setCountCellId("incubators@etdz")
                                .setYear(2027)
                                .setValue(6)))
                .build());
    assertTrue(
        late.getObservationsList().stream()
            .noneMatch(o -> o.getCellId().equals("incubators@etdz")));
    assertNotFound(
        "ghost@nowhere",
        b ->
            b.setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addObservations(
                        Observation.newBuilder()
                            .setCellId("ghost@nowhere")
                            .setYear(2021)
                            .setValue(10))));
  }

  @Test
  void sameSeedSameReportDifferentSeedDifferent() {
    SimulationSpec spec = SimulationSpec.newBuilder().setPaths(30_000).setSeed(11).build();
    assertEquals(comparable(simulate(spec)), comparable(simulate(spec)));
    assertNotEquals(
        comparable(simulate(spec)).getOddsList(),
        comparable(simulate(spec.toBuilder().setSeed(12).build())).getOddsList());
  }

  @Test
  void unseededRunsReportTheSeedTheyDrewAndReplayWithIt() {
    SimulationReport first = simulate(SimulationSpec.newBuilder().setPaths(10_000).build());
    SimulationReport replay =
        simulate(
            SimulationSpec.newBuilder().setPaths(10_000).setSeed(first.getRun().getSeed()).build());
    assertEquals(comparable(first).getOddsList(), comparable(replay).getOddsList());
  }

  @Test
  void overridesMoveTheOddsAndAreReported() {
    Target t = etdzPharma2025();
    SimulationSpec base =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds(t.getId()))
            .setPaths(50_000)
            .setSeed(3)
            .build();
    double before = simulate(base).getOdds(0).getPHit().getEstimate();
    SimulationReport after =
        simulate(
            base.toBuilder()
                .addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(0.0))
                .build());
    assertTrue(
        after.getOdds(0).getPHit().getEstimate() < before, before + " -> " + after.getOdds(0));
    assertTrue(
        after.getAssumptionsList().stream()
            .anyMatch(
                a ->
                    a.getCellId().equals("pharma@etdz")
                        && a.getParameter().equals("drift_mean")
                        && a.getProvenance().getKind() == ProvenanceKind.PROVENANCE_KIND_OVERRIDE));
  }

  @Test
  void fansJointSetsAndStudentT() {
    Target t = etdzPharma2025();
    SimulationReport r =
        simulate(
            SimulationSpec.newBuilder()
                .setTargets(TargetSelection.newBuilder().setPlanId("lzbf-2023-53"))
                .setPaths(20_000)
                .setSeed(5)
                .addPercentiles(10)
                .addPercentiles(50)
                .addPercentiles(90)
                .addFans(
                    FanRequest.newBuilder().setSubject(Subject.newBuilder().setChainId("pharma")))
                .addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setCity(true)))
                .addJoint(
                    JointRequest.newBuilder()
                        .setId("mine")
                        .addTargetIds(t.getId())
                        .addTargetIds(r2025HeadlineId()))
                .setShockDistribution(ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T)
                .build());
    assertEquals(2, r.getFansCount());
    assertEquals(2020, r.getFans(0).getYears(0).getYear());
    assertEquals(2025, r.getFans(0).getYears(r.getFans(0).getYearsCount() - 1).getYear());
    assertEquals(3, r.getFans(0).getYears(1).getPercentilesCount());
    assertEquals(ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T, r.getRun().getShockDistribution());
    JointOdds mine =
        r.getJointList().stream().filter(j -> j.getId().equals("mine")).findFirst().orElseThrow();
    assertTrue(mine.getPAllHit().getEstimate() <= mine.getMinMarginal());
    // The city fan is above the pharma fan: pharma is one of the ten chains.
    double city = r.getFans(1).getYears(5).getPercentiles(1).getValue();
    double pharma = r.getFans(0).getYears(5).getPercentiles(1).getValue();
    assertTrue(city > pharma, city + " vs " + pharma);
  }

  static String r2025HeadlineId() {
    return targets.stream()
        .filter(
            t ->
                t.getPlanId().equals("lzbf-2023-53")
                    && t.getKind() == TargetKind.TARGET_KIND_OUTPUT
                    && t.getValue() == 1000)
        .findFirst()
        .orElseThrow()
        .getId();
  }

  @Test
  void precisionRunsReachTheHalfWidthOrSayTheyHitTheCap() {
    Target t = etdzPharma2025();
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds(t.getId()))
            .setPrecision(Precision.newBuilder().setHalfWidth(0.01))
            .setSeed(9)
            .build();
    RunInfo run = simulate(spec).getRun();
    assertEquals(StopReason.STOP_REASON_PRECISION_REACHED, run.getStopReason());
    assertTrue(run.getMaxHalfWidth() <= 0.01);
    RunInfo capped =
        simulate(
                spec.toBuilder()
                    .setPrecision(Precision.newBuilder().setHalfWidth(0.001).setMaxPaths(5000))
                    .build())
            .getRun();
    assertEquals(StopReason.STOP_REASON_PATH_CAP, capped.getStopReason());
    assertTrue(capped.getMaxHalfWidth() > 0.001);
  }

  @Test
  void streamSendsProgressThenTheSameReportAsUnary() {
    SimulationSpec spec = SimulationSpec.newBuilder().setPaths(400_000).setSeed(21).build();
    Iterator<SimulateStreamResponse> it =
        stub.simulateStream(SimulateStreamRequest.newBuilder().setSpec(spec).build());
    List<SimulateStreamResponse> events = new ArrayList<>();
    it.forEachRemaining(events::add);
    SimulateStreamResponse last = events.get(events.size() - 1);
    assertTrue(last.hasReport());
    assertTrue(events.size() >= 3, "progress before the report: " + events.size());
    long previous = 0;
    for (SimulateStreamResponse e : events.subList(0, events.size() - 1)) {
      assertTrue(e.hasProgress());
      assertTrue(e.getProgress().getPathsDone() > previous);
      assertEquals(400_000, e.getProgress().getPathsPlanned());
      assertEquals(last.getReport().getOddsCount(), e.getProgress().getEstimatesCount());
      previous = e.getProgress().getPathsDone();
    }
    assertEquals(comparable(simulate(spec)), comparable(last.getReport()));
  }

  @Test
  void cancellingTheStreamStopsTheServersWork() throws Exception {
    long cancelledBefore = fixture.server.runStats().cancelled();
    SimulationSpec spec = SimulationSpec.newBuilder().setPaths(40_000_000).setSeed(1).build();
    Context.CancellableContext context = Context.current().withCancellation();
    long planned;
    try {
      planned =
          context.call(
              () -> {
                Iterator<SimulateStreamResponse> it =
                    stub.simulateStream(SimulateStreamRequest.newBuilder().setSpec(spec).build());
                SimulateStreamResponse first = it.next();
                assertTrue(first.hasProgress());
                return first.getProgress().getPathsPlanned();
              });
    } finally {
      context.cancel(null);
    }
    assertEquals(40_000_000, planned);
    awaitCancelled(cancelledBefore);
    assertTrue(fixture.server.runStats().lastCancelledAfterPaths() < planned);
  }

  @Test
  void aPassedDeadlineStopsTheServersWork() throws Exception {
    long cancelledBefore = fixture.server.runStats().cancelled();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .simulate(
                        SimulateRequest.newBuilder()
                            .setSpec(SimulationSpec.newBuilder().setPaths(40_000_000).setSeed(1))
                            .build()));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    awaitCancelled(cancelledBefore);
    assertTrue(fixture.server.runStats().lastCancelledAfterPaths() < 40_000_000);
  }

  static void awaitCancelled(long before) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fixture.server.runStats().cancelled() == before && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(before + 1, fixture.server.runStats().cancelled(), "the server stopped the run");
  }

  @Test
  void aBusyServerWithNoQueueSaysResourceExhaustedWithRetryInfo() throws Exception {
    Limits one = new Limits(50_000_000L, 2035, 50, 20, 500, 50, 500, 1);
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withThreads(2)
            .withLimits(one)
            .withAdmission(AdmissionSettings.defaults().withQueue(0, 0))
            .withDataDir(Files.createTempDirectory("chaincast-test-data"));
    try (ServerFixture small = new ServerFixture(config)) {
      var s = SimulationServiceGrpc.newBlockingStub(small.channel);
      Context.CancellableContext context = Context.current().withCancellation();
      try {
        context.run(
            () -> {
              Iterator<SimulateStreamResponse> it =
                  s.simulateStream(
                      SimulateStreamRequest.newBuilder()
                          .setSpec(SimulationSpec.newBuilder().setPaths(40_000_000))
                          .build());
              assertTrue(it.next().hasProgress());
              StatusRuntimeException e =
                  assertThrows(
                      StatusRuntimeException.class,
                      () ->
                          s.simulate(
                              SimulateRequest.newBuilder()
                                  .setSpec(SimulationSpec.newBuilder().setPaths(1000))
                                  .build()));
              assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
              RetryInfo retry = ModelServiceTest.detail(e, RetryInfo.class);
              assertTrue(retry.getRetryDelay().getSeconds() >= 1, retry.toString());
              assertTrue(
                  e.getStatus().getDescription().contains("retry in"),
                  e.getStatus().getDescription());
            });
      } finally {
        context.cancel(null);
      }
    }
  }

  // ---- bad input: every field gives INVALID_ARGUMENT naming it, or NOT_FOUND naming the id ----

  static void assertInvalid(String field, UnaryOperator<SimulationSpec.Builder> mutate) {
    assertInvalid(stub, field, mutate);
  }

  /** As above, against the server behind {@code server}. */
  static void assertInvalid(
      SimulationServiceGrpc.SimulationServiceBlockingStub server,
      String field,
      UnaryOperator<SimulationSpec.Builder> mutate) {
    SimulationSpec spec = mutate.apply(SimulationSpec.newBuilder().setPaths(1000)).build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> server.simulate(SimulateRequest.newBuilder().setSpec(spec).build()),
            field);
    assertEquals(
        Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), field + ": " + e.getStatus());
    BadRequest bad = ModelServiceTest.detail(e, BadRequest.class);
    assertTrue(
        bad.getFieldViolationsList().stream().anyMatch(v -> v.getField().equals(field)),
        "expected a violation of " + field + " in " + bad);
    assertTrue(e.getStatus().getDescription().contains(field), e.getStatus().getDescription());
  }

  static void assertNotFound(String id, UnaryOperator<SimulationSpec.Builder> mutate) {
    SimulationSpec spec = mutate.apply(SimulationSpec.newBuilder().setPaths(1000)).build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> simulate(spec), id);
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), id);
    assertTrue(
        e.getStatus().getDescription().contains("'" + id + "'"), e.getStatus().getDescription());
  }

  @Test
  void badStoppingRules() {
    assertInvalid("spec.paths", b -> b.setPaths(-1));
    assertInvalid("spec.paths", b -> b.setPaths(Limits.defaults().maxPaths() + 1));
    assertInvalid(
        "spec.precision.half_width", b -> b.setPrecision(Precision.newBuilder().setHalfWidth(0)));
    assertInvalid(
        "spec.precision.half_width", b -> b.setPrecision(Precision.newBuilder().setHalfWidth(0.7)));
    assertInvalid(
        "spec.precision.half_width",
        b -> b.setPrecision(Precision.newBuilder().setHalfWidth(Double.NaN)));
    assertInvalid(
        "spec.precision.max_paths",
        b -> b.setPrecision(Precision.newBuilder().setHalfWidth(0.01).setMaxPaths(-5)));
  }

  @Test
  void badHorizonAndPercentiles() {
    assertInvalid("spec.horizon_year", b -> b.setHorizonYear(2019));
    assertInvalid("spec.horizon_year", b -> b.setHorizonYear(2036));
    assertInvalid(
        "spec.horizon_year", b -> b.setHorizonYear(2023)); // the default targets are for 2025
    assertInvalid("spec.percentiles[0]", b -> b.addPercentiles(0));
    assertInvalid("spec.percentiles[1]", b -> b.addPercentiles(50).addPercentiles(100));
    assertInvalid("spec.percentiles[0]", b -> b.addPercentiles(Double.NaN));
    assertInvalid(
        "spec.percentiles",
        b -> {
          for (int i = 1; i <= 21; i++) {
            b.addPercentiles(i);
          }
          return b;
        });
  }

  @Test
  void badTargets() {
    assertNotFound(
        "no-such-target",
        b -> b.setTargets(TargetSelection.newBuilder().addTargetIds("no-such-target")));
    assertNotFound(
        "no-such-plan", b -> b.setTargets(TargetSelection.newBuilder().setPlanId("no-such-plan")));
    assertNotFound(
        "no-chain", b -> b.setTargets(TargetSelection.newBuilder().setChainId("no-chain")));
    assertNotFound(
        "atlantis", b -> b.setTargets(TargetSelection.newBuilder().setRegionId("atlantis")));
    assertInvalid(
        "spec.targets.year", b -> b.setTargets(TargetSelection.newBuilder().setYear(1800)));
    assertInvalid(
        "spec.targets",
        b -> b.setTargets(TargetSelection.newBuilder().addTargetIds(aCountTarget().getId())));
    assertInvalid("spec.shock_distribution", b -> b.setShockDistributionValue(99));
  }

  @Test
  void badFans() {
    assertInvalid("spec.fans[0].subject", b -> b.addFans(FanRequest.getDefaultInstance()));
    assertInvalid(
        "spec.fans[0].subject.city",
        b -> b.addFans(FanRequest.newBuilder().setSubject(Subject.newBuilder().setCity(false))));
    assertNotFound(
        "nowhere@etdz",
        b ->
            b.addFans(
                FanRequest.newBuilder()
                    .setSubject(Subject.newBuilder().setCellId("nowhere@etdz"))));
    assertNotFound(
        "no-chain",
        b ->
            b.addFans(
                FanRequest.newBuilder().setSubject(Subject.newBuilder().setChainId("no-chain"))));
    assertNotFound(
        "atlantis",
        b ->
            b.addFans(
                FanRequest.newBuilder().setSubject(Subject.newBuilder().setRegionId("atlantis"))));
    assertNotFound(
        "no-target",
        b ->
            b.addFans(
                FanRequest.newBuilder().setSubject(Subject.newBuilder().setTargetId("no-target"))));
  }

  @Test
  void badOverrides() {
    assertInvalid(
        "spec.overrides[0].cell_id",
        b -> b.addOverrides(CellOverride.newBuilder().setVolatility(0.1)));
    assertNotFound(
        "pharma@mars",
        b -> b.addOverrides(CellOverride.newBuilder().setCellId("pharma@mars").setVolatility(0.1)));
    assertInvalid(
        "spec.overrides[0].base_value",
        b -> b.addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setBaseValue(-1)));
    assertInvalid(
        "spec.overrides[0].base_value",
        b ->
            b.addOverrides(
                CellOverride.newBuilder()
                    .setCellId("pharma@etdz")
                    .setBaseValue(Double.POSITIVE_INFINITY)));
    assertInvalid(
        "spec.overrides[0].drift_mean",
        b -> b.addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(5)));
    assertInvalid(
        "spec.overrides[0].drift_sd",
        b -> b.addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftSd(-0.1)));
    assertInvalid(
        "spec.overrides[0].volatility",
        b -> b.addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setVolatility(3)));
    assertInvalid(
        "spec.overrides[0]",
        b -> b.addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz")));
    assertInvalid(
        "spec.overrides[1].cell_id",
        b ->
            b.addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setVolatility(0.1))
                .addOverrides(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftSd(0.1)));
  }

  @Test
  void badJointSets() {
    String a = etdzPharma2025().getId();
    String b2 = r2025HeadlineId();
    assertInvalid(
        "spec.joint[0].target_ids", b -> b.addJoint(JointRequest.newBuilder().addTargetIds(a)));
    assertInvalid(
        "spec.joint[0].target_ids[1]",
        b ->
            b.addJoint(
                JointRequest.newBuilder().addTargetIds(a).addTargetIds(aCountTarget().getId())));
    assertInvalid(
        "spec.joint[0].target_ids[1]",
        b -> b.addJoint(JointRequest.newBuilder().addTargetIds(a).addTargetIds(a)));
    assertNotFound(
        "ghost", b -> b.addJoint(JointRequest.newBuilder().addTargetIds(b2).addTargetIds("ghost")));
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    SimulationSpec spec =
        SimulationSpec.newBuilder().setPaths(-1).setHorizonYear(1990).addPercentiles(200).build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> simulate(spec));
    assertEquals(3, ModelServiceTest.detail(e, BadRequest.class).getFieldViolationsCount());
  }
}
