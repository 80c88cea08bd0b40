package chaincast.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.engine.ChainsAboveTarget;
import chaincast.engine.CountTarget;
import chaincast.engine.ShockSpec;
import chaincast.engine.ValueTarget;
import chaincast.model.Model;
import chaincast.v1.CellOverride;
import chaincast.v1.FanRequest;
import chaincast.v1.JointRequest;
import chaincast.v1.Observation;
import chaincast.v1.Precision;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stages of planning after the scenario: targets, fans, joints, settings and assumptions. */
class PlanStagesTest {
  private final Model model = Seeded.model();
  private final ModelIndex index = new ModelIndex(model);

  private static SimulationSpec.Builder spec(String... targetIds) {
    return SimulationSpec.newBuilder()
        .setTargets(TargetSelection.newBuilder().addAllTargetIds(List.of(targetIds)));
  }

  private ScenarioResolver.Resolved seeded() {
    return new ScenarioResolver(model, index)
        .resolve(
            EffectiveParameters.of(model, ScenarioOverrides.getDefaultInstance(), List.of()),
            false,
            2025);
  }

  @Test
  void anEmptySelectionMeansTheDefaultHorizonsTargets() {
    List<Target> all = TargetChoice.select(model, TargetSelection.getDefaultInstance());
    assertTrue(
        !all.isEmpty() && all.stream().allMatch(t -> t.getYear() == Limits.DEFAULT_HORIZON_YEAR));
    assertEquals(
        model.targets().stream().filter(t -> t.getYear() == Limits.DEFAULT_HORIZON_YEAR).count(),
        all.size());
  }

  @Test
  void unsimulatedTargetsAreSkippedAndJointTargetsAdded() {
    Target other =
        model.targets().stream()
            .filter(t -> t.getKind() == TargetKind.TARGET_KIND_OTHER)
            .findFirst()
            .orElseThrow();
    SimulationSpec s =
        spec("pharma-output-2025", other.getId(), "pharma-output-2025")
            .addJoint(
                JointRequest.newBuilder()
                    .addTargetIds("pharma-output-2025")
                    .addTargetIds("pharma-output-2025-etdz"))
            .build();
    TargetChoice choice = TargetChoice.of(model, s);
    assertEquals(
        List.of("pharma-output-2025", "pharma-output-2025-etdz"),
        choice.simulated().stream().map(Target::getId).toList());
    assertEquals(other.getId(), choice.skipped().get(0).getTargetId());
    assertEquals(other.getNotSimulatedReason(), choice.skipped().get(0).getReason());
  }

  @Test
  void targetsOnOneScopeShareAGroupAndEachKindGetsItsSpec() {
    List<Target> targets =
        List.of("pharma-output-2025", "pharma-firms-above-size-2025", "chains-above-1000-2025")
            .stream()
            .map(id -> model.target(id).orElseThrow())
            .toList();
    ScenarioResolver.Resolved r = seeded();
    GroupTable groups = new GroupTable();
    TargetStage stage = TargetStage.of(model, index, targets, r.cells(), r.counts(), groups);
    ValueTarget value = (ValueTarget) stage.specs().get(0);
    assertArrayEquals(
        index.sorted(model.cellsIn(targets.get(0).getScope())),
        groups.specs().get(value.group()).cells());
    assertTrue(stage.specs().get(1) instanceof CountTarget);
    ChainsAboveTarget above = (ChainsAboveTarget) stage.specs().get(2);
    assertEquals(
        model.cellsIn(targets.get(2).getScope()).stream()
            .map(c -> c.getChainId())
            .distinct()
            .count(),
        above.groups().length);
    // The pharma chain's group is the pharma target's group: one sum, two readers.
    assertTrue(Arrays.stream(above.groups()).anyMatch(g -> g == value.group()));
    assertEquals(model.countCellsFor(targets.get(1)).size(), groups.usedCounts().size());
    // Observations weigh the paths but are not a new start: required growth is measured from the
    // scope's base values, observed or not.
    double bases = 0;
    for (var c : model.cellsIn(targets.get(0).getScope())) {
      bases += r.cells().get(Seeded.cellIndex(c.getId())).baseValue();
    }
    assertEquals(bases, stage.bases().get(0).value(), 1e-9);
    // Without observations the base is the scope's base values in the base year.
    ScenarioResolver.Resolved unobserved =
        new ScenarioResolver(model, index)
            .resolve(
                EffectiveParameters.of(model, ScenarioOverrides.getDefaultInstance(), List.of()),
                true,
                2025);
    TargetStage plain =
        TargetStage.of(
            model,
            index,
            targets.subList(0, 1),
            unobserved.cells(),
            unobserved.counts(),
            new GroupTable());
    double base = 0;
    for (var c : model.cellsIn(targets.get(0).getScope())) {
      base += c.getParameters().getBaseValue().getValue();
    }
    assertEquals(base, plain.bases().get(0).value(), 1e-9);
    assertEquals(2020, plain.bases().get(0).year());
  }

  @Test
  void aCountObservedAfterItsTargetYearIsRefused() {
    ScenarioOverrides late =
        ScenarioOverrides.newBuilder()
            .addObservations(
                Observation.newBuilder()
                    .setId("n")
                    .setCountCellId("pharma_firms_above_size@etdz")
                    .setYear(2027)
                    .setValue(40))
            .build();
    ScenarioResolver.Resolved r =
        new ScenarioResolver(model, index)
            .resolve(EffectiveParameters.of(model, late, List.of()), false, 2030);
    Target t = model.target("pharma-firms-above-size-2025-etdz").orElseThrow();
    PlanningException e =
        assertThrows(
            PlanningException.class,
            () ->
                TargetStage.of(model, index, List.of(t), r.cells(), r.counts(), new GroupTable()));
    assertEquals("observations", e.field());
  }

  @Test
  void aFanOnATargetsScopeReusesItsGroup() {
    GroupTable groups = new GroupTable();
    int group = groups.idOf(index.sorted(model.cellsOfChain("pharma")), "pharma-output-2025");
    FanStage fans =
        FanStage.of(
            model,
            index,
            List.of(
                FanRequest.newBuilder()
                    .setSubject(Subject.newBuilder().setChainId("pharma"))
                    .build(),
                FanRequest.newBuilder().setSubject(Subject.newBuilder().setCity(true)).build()),
            groups,
            List.of(),
            List.of(),
            2025,
            0);
    assertEquals(group, fans.specs().get(0).group());
    assertEquals("chain:pharma", fans.specs().get(0).id());
    assertEquals(SubjectNames.CITY, fans.metas().get(1).name());
    assertEquals(2, groups.specs().size());
  }

  @Test
  void seededJointSetsComeFirstAndRequestedOnesAreNumbered() {
    List<Target> simulated =
        model.jointSet("pharma-2025-breakdown").orElseThrow().getTargetIdsList().stream()
            .map(id -> model.target(id).orElseThrow())
            .toList();
    JointStage joints =
        JointStage.of(
            model,
            simulated,
            List.of(
                JointRequest.newBuilder()
                    .addTargetIds(simulated.get(2).getId())
                    .addTargetIds(simulated.get(0).getId())
                    .build()));
    assertEquals("pharma-2025-breakdown", joints.metas().get(0).id());
    assertEquals("joint-2", joints.specs().get(1).id());
    assertArrayEquals(new int[] {2, 0}, joints.specs().get(1).targets());
    assertEquals(JointStage.REQUESTED, joints.metas().get(1).name());
  }

  @Test
  void settingsFollowTheDocumentedDefaultsAndTheServersLimits() {
    Limits small = new Limits(50_000, 2035, 50, 20, 500, 50, 500, 4);
    SettingsStage d =
        SettingsStage.of(SimulationSpec.getDefaultInstance(), model.shocks(), small, 9);
    assertEquals(Limits.DEFAULT_HORIZON_YEAR, d.horizon());
    assertEquals(50_000, d.settings().paths(), "a server with a lower limit runs its limit");
    assertArrayEquals(new double[] {5, 25, 50, 75, 95}, d.settings().percentiles());
    assertEquals(9, d.settings().seed());
    assertEquals(model.shocks().getDistribution(), d.distribution());

    SimulationSpec precise =
        SimulationSpec.newBuilder()
            .setPrecision(Precision.newBuilder().setHalfWidth(0.01))
            .addPercentiles(90)
            .addPercentiles(10)
            .addPercentiles(90)
            .setShockDistribution(ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T)
            .setHorizonYear(2030)
            .build();
    SettingsStage p = SettingsStage.of(precise, model.shocks(), small, 1);
    assertEquals(0, p.settings().paths());
    assertEquals(
        50_000, p.settings().maxPaths(), "the cap of a precision run is the server's limit");
    assertArrayEquals(new double[] {10, 90}, p.settings().percentiles());
    assertEquals(ShockSpec.Distribution.STUDENT_T, p.shocks().distribution());
    assertEquals(2030, p.horizon());
  }

  @Test
  void assumptionsListOverridesAndSeededAssumptionsOfUsedCellsOnly() {
    ScenarioOverrides s =
        ScenarioOverrides.newBuilder()
            .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setVolatility(0.3))
            .addCells(CellOverride.newBuilder().setCellId("steel@unallocated").setVolatility(0.3))
            .build();
    EffectiveParameters params = EffectiveParameters.of(model, s, List.of());
    var out = AssumptionStage.of(params, Set.of(Seeded.cellIndex("pharma@etdz")), Set.of());
    assertTrue(out.stream().allMatch(a -> a.getCellId().equals("pharma@etdz")));
    var vol =
        out.stream().filter(a -> a.getParameter().equals("volatility")).findFirst().orElseThrow();
    assertEquals(0.3, vol.getValue());
    assertEquals(ProvenanceKind.PROVENANCE_KIND_OVERRIDE, vol.getProvenance().getKind());
    assertTrue(
        vol.getProvenance().getReason().contains("the seeded value is 0.1"),
        vol.getProvenance().getReason());
    // drift_mean of pharma@etdz is a seeded assumption (see the seeds): listed with its provenance.
    var drift =
        out.stream().filter(a -> a.getParameter().equals("drift_mean")).findFirst().orElseThrow();
    assertEquals(ProvenanceKind.PROVENANCE_KIND_ASSUMPTION, drift.getProvenance().getKind());
  }

  @Test
  void limitsDefaultPercentilesCannotBeChanged() {
    assertThrows(UnsupportedOperationException.class, () -> Limits.DEFAULT_PERCENTILES.set(0, 1.0));
  }
}
