package chaincast.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.engine.EventSpec;
import chaincast.engine.Evidence;
import chaincast.model.Model;
import chaincast.v1.CellOverride;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.EventRemoval;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
import chaincast.v1.ObservationInUse;
import chaincast.v1.ObservationRole;
import chaincast.v1.Period;
import chaincast.v1.ProjectEvent;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stages of resolving a scenario: events, observation pins, and the resolver over both. */
class ScenarioStagesTest {
  private final Model model = Seeded.model();
  private final ModelIndex index = new ModelIndex(model);

  private static ProjectEvent event(String id, int first, int last) {
    return ProjectEvent.newBuilder()
        .setId(id)
        .setFirstYear(first)
        .setLastYear(last)
        .setYearlyProbability(0.5)
        .setJumpLogMean(0.1)
        .setJumpLogSd(0.05)
        .build();
  }

  @Test
  void eventsAreAddedThenRemovedThenDelayed() {
    ScenarioOverrides s =
        ScenarioOverrides.newBuilder()
            .addAddedEvents(
                EventAddition.newBuilder()
                    .setCellId("pharma@etdz")
                    .setEvent(event("a", 2022, 2023)))
            .addAddedEvents(
                EventAddition.newBuilder()
                    .setCellId("pharma@etdz")
                    .setEvent(event("b", 2022, 2022)))
            .addRemovedEvents(EventRemoval.newBuilder().setCellId("pharma@etdz").setEventId("b"))
            .addDelayedEvents(
                EventDelay.newBuilder().setCellId("pharma@etdz").setEventId("a").setYears(2))
            .build();
    EventEdits edits = EventEdits.apply(model, s);
    List<EventSpec> specs = edits.specs("pharma@etdz");
    assertEquals(1, specs.size());
    assertEquals(new EventSpec("a", 2024, 2025, 0.5, 0.1, 0.05), specs.get(0));
    assertEquals("added_events[0].event.jump_log_mean", edits.fieldOf("pharma@etdz", "a", "x"));
    assertEquals("x", edits.fieldOf("pharma@haizhou", "a", "x"));
    assertTrue(edits.specs("pharma@haizhou").isEmpty());
  }

  @Test
  void eventChangesThatDoNotFitNameTheirField() {
    ScenarioOverrides twice =
        ScenarioOverrides.newBuilder()
            .addAddedEvents(
                EventAddition.newBuilder()
                    .setCellId("pharma@etdz")
                    .setEvent(event("a", 2022, 2023)))
            .addAddedEvents(
                EventAddition.newBuilder()
                    .setCellId("pharma@etdz")
                    .setEvent(event("a", 2022, 2023)))
            .build();
    assertEquals(
        "added_events[1].event.id",
        assertThrows(PlanningException.class, () -> EventEdits.apply(model, twice)).field());
    ScenarioOverrides missing =
        ScenarioOverrides.newBuilder()
            .addDelayedEvents(
                EventDelay.newBuilder().setCellId("pharma@etdz").setEventId("none").setYears(1))
            .build();
    PlanningException e =
        assertThrows(PlanningException.class, () -> EventEdits.apply(model, missing));
    assertEquals("delayed_events[0].event_id", e.field());
    assertTrue(e.description().contains("has no event 'none'"), e.description());
  }

  private ObservationEvidence evidence(ScenarioOverrides s, boolean ignoreSeeded, int horizon) {
    return ObservationEvidence.of(
        model,
        index,
        s,
        ignoreSeeded,
        horizon,
        i -> false,
        i -> model.cells().get(i).getParameters().getBaseYear());
  }

  @Test
  void aGroupTotalIsEvidenceOnEveryCellOfTheGroupAndSaysWhichCellsItTies() {
    Scope pharma = Scope.newBuilder().addChainIds("pharma").build();
    ScenarioOverrides s =
        ScenarioOverrides.newBuilder()
            .addObservations(
                Observation.newBuilder()
                    .setId("g")
                    .setGroup(pharma)
                    .setYear(2023)
                    .setValue(900)
                    .setRelativeError(0.04))
            .addObservations(
                Observation.newBuilder()
                    .setId("d")
                    .setCellId("pharma@etdz")
                    .setYear(2023)
                    .setValue(500))
            .build();
    ObservationEvidence e = evidence(s, true, 2025);
    assertEquals(2, e.evidence().size());
    Evidence group = e.evidence().get(0);
    assertEquals(model.cellsIn(pharma).size(), group.cells().length);
    assertEquals(900, group.value());
    assertEquals(0.04, group.logSd());
    Evidence direct = e.evidence().get(1);
    assertArrayEquals(new int[] {Seeded.cellIndex("pharma@etdz")}, direct.cells());
    assertEquals(
        model.shocks().getObservationError().getValue(),
        direct.logSd(),
        "no error given: the model's default");
    ObservationInUse tie = e.inUse().get(0);
    assertEquals(ObservationRole.OBSERVATION_ROLE_WEIGHTS_PATHS, tie.getRole());
    assertEquals(model.cellsIn(pharma).size(), tie.getTiedCellIdsCount());
    assertTrue(tie.getNote().contains("moves the others' posterior"), tie.getNote());
  }

  @Test
  void aPartYearFigureStandsForItsShareOfTheYearWithTheShareErrorAdded() {
    Scope pharma = Scope.newBuilder().addChainIds("pharma").build();
    Observation partYear =
        Observation.newBuilder()
            .setId("jan-jul")
            .setGroup(pharma)
            .setYear(2022)
            .setValue(420)
            .setRelativeError(0.03)
            .setPeriod(Period.newBuilder().setFirstMonth(1).setLastMonth(7).setFractionError(0.04))
            .build();
    Evidence e =
        evidence(ScenarioOverrides.newBuilder().addObservations(partYear).build(), true, 2025)
            .evidence()
            .get(0);
    assertEquals(420 / (7 / 12.0), e.value(), 1e-9, "the documented fraction: 7 of 12 months");
    assertEquals(0.05, e.logSd(), 1e-12, "sqrt(0.03² + 0.04²)");
    Observation stated =
        partYear.toBuilder()
            .setPeriod(partYear.getPeriod().toBuilder().setFraction(0.6).setFractionError(0))
            .build();
    Evidence f =
        evidence(ScenarioOverrides.newBuilder().addObservations(stated).build(), true, 2025)
            .evidence()
            .get(0);
    assertEquals(700, f.value(), 1e-9, "a stated fraction wins");
    assertEquals(0.03, f.logSd(), 1e-12);
  }

  @Test
  void observationsAfterTheHorizonAndIgnoredSeedsWeighNothing() {
    ScenarioOverrides late =
        ScenarioOverrides.newBuilder()
            .addObservations(
                Observation.newBuilder()
                    .setId("d")
                    .setCellId("pharma@etdz")
                    .setYear(2024)
                    .setValue(500))
            .build();
    assertEquals(0, evidence(late, true, 2023).evidence().size());
    assertEquals(1, evidence(late, true, 2024).evidence().size());
    // The seeds observe the ten city chains together in January-July 2021.
    ObservationEvidence seeded = evidence(ScenarioOverrides.getDefaultInstance(), false, 2025);
    assertTrue(
        seeded.evidence().stream().anyMatch(e -> e.id().equals("city-chains-2021")),
        "the seeded city total is evidence");
    assertEquals(0, evidence(ScenarioOverrides.getDefaultInstance(), true, 2025).evidence().size());
  }

  @Test
  void theResolverBuildsEveryCellFromParametersEventsAndPriors() {
    ScenarioOverrides s =
        ScenarioOverrides.newBuilder()
            .addCells(CellOverride.newBuilder().setCellId("pharma@haizhou").setVolatility(0.3))
            .addObservations(
                Observation.newBuilder()
                    .setId("base")
                    .setCellId("pharma@haizhou")
                    .setYear(2020)
                    .setValue(150))
            .addMacroShocks(
                MacroShock.newBuilder().setRegionId("etdz").setYear(2024).setChange(-0.2))
            .build();
    ScenarioResolver.Resolved r =
        new ScenarioResolver(model, index)
            .resolve(EffectiveParameters.of(model, s, List.of()), true, 2025);
    assertEquals(model.cells().size(), r.cells().size());
    var haizhou = r.cells().get(Seeded.cellIndex("pharma@haizhou"));
    // The base stays; the observation in its base year updates the base's prior if it has one.
    assertEquals(
        model.cell("pharma@haizhou").orElseThrow().getParameters().getBaseValue().getValue(),
        haizhou.baseValue());
    assertEquals(0.3, haizhou.volatility());
    assertEquals(1, r.observations().size());
    assertEquals(1, r.evidence().size());
    assertEquals("macro-shock-1", r.shifts().get(0).id());
    assertEquals(Math.log1p(-0.2), r.shifts().get(0).logFactor());
    assertEquals(model.countCells().size(), r.counts().size());
  }

  @Test
  void aMedianPathOutOfRangeBlamesTheMacroShock() {
    ScenarioOverrides.Builder b = ScenarioOverrides.newBuilder();
    for (int i = 0; i < 40; i++) {
      b.addMacroShocks(
          MacroShock.newBuilder().setCellId("pharma@guannan").setYear(2022).setChange(-0.999));
    }
    PlanningException e =
        assertThrows(
            PlanningException.class,
            () ->
                new ScenarioResolver(model, index)
                    .resolve(EffectiveParameters.of(model, b.build(), List.of()), true, 2025));
    assertTrue(e.field().startsWith("macro_shocks["), e.field());
  }
}
