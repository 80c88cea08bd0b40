package chaincast.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.engine.EventSpec;
import chaincast.model.Model;
import chaincast.v1.Cell;
import chaincast.v1.CellOverride;
import chaincast.v1.EventAddition;
import chaincast.v1.EventDelay;
import chaincast.v1.EventRemoval;
import chaincast.v1.MacroShock;
import chaincast.v1.Observation;
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

  private ObservationPins pins(ScenarioOverrides s, boolean ignoreSeeded, int horizon) {
    return ObservationPins.of(
        model, index, s, ignoreSeeded, horizon, EffectiveParameters.of(model, s, List.of()));
  }

  @Test
  void aGroupTotalIsSplitByMedianPathsAroundCellsObservedOnTheirOwn() {
    Scope pharma = Scope.newBuilder().addChainIds("pharma").build();
    ScenarioOverrides s =
        ScenarioOverrides.newBuilder()
            .addCells(CellOverride.newBuilder().setCellId("pharma@guannan").setDriftMean(0.2))
            .addObservations(
                Observation.newBuilder().setId("g").setGroup(pharma).setYear(2023).setValue(900))
            .addObservations(
                Observation.newBuilder()
                    .setId("d")
                    .setCellId("pharma@etdz")
                    .setYear(2023)
                    .setValue(500))
            .build();
    ObservationPins pins = pins(s, true, 2025);
    ObservationPins.Pin etdz = pins.pin(Seeded.cellIndex("pharma@etdz"));
    assertEquals(500, etdz.value());
    assertEquals("observations[1].value", etdz.field());
    double rest = 400;
    double total = 0;
    double[] weight = new double[model.cells().size()];
    for (Cell c : model.cellsIn(pharma)) {
      if (!c.getId().equals("pharma@etdz")) {
        double mu =
            c.getId().equals("pharma@guannan") ? 0.2 : c.getParameters().getDriftMean().getValue();
        int i = Seeded.cellIndex(c.getId());
        weight[i] = c.getParameters().getBaseValue().getValue() * Math.exp(mu * 3);
        total += weight[i];
      }
    }
    double sum = 0;
    for (Cell c : model.cellsIn(pharma)) {
      int i = Seeded.cellIndex(c.getId());
      ObservationPins.Pin pin = pins.pin(i);
      if (!c.getId().equals("pharma@etdz")) {
        assertTrue(pin.split());
        assertEquals(weight[i] / total, pin.share(), 1e-15);
        assertEquals(rest * weight[i] / total, pin.value(), 1e-9);
        assertEquals(900, pin.groupValue());
        assertEquals("observations[0].value", pin.field());
      }
      sum += pin.value();
    }
    assertEquals(900, sum, 1e-9);
    assertNull(pins.pin(Seeded.cellIndex("steel@unallocated")), "the seeded city total is ignored");
  }

  @Test
  void aGroupTotalBelowItsObservedCellsBlamesTheField() {
    Scope pharma = Scope.newBuilder().addChainIds("pharma").build();
    ScenarioOverrides s =
        ScenarioOverrides.newBuilder()
            .addObservations(
                Observation.newBuilder()
                    .setId("d")
                    .setCellId("pharma@etdz")
                    .setYear(2023)
                    .setValue(500))
            .addObservations(
                Observation.newBuilder().setId("g").setGroup(pharma).setYear(2023).setValue(450))
            .build();
    PlanningException e = assertThrows(PlanningException.class, () -> pins(s, true, 2025));
    assertEquals("observations[1].value", e.field());
  }

  @Test
  void observationsAfterTheHorizonAndIgnoredSeedsPinNothing() {
    ScenarioOverrides late =
        ScenarioOverrides.newBuilder()
            .addObservations(
                Observation.newBuilder()
                    .setId("d")
                    .setCellId("pharma@etdz")
                    .setYear(2024)
                    .setValue(500))
            .build();
    assertNull(pins(late, true, 2023).pin(Seeded.cellIndex("pharma@etdz")));
    assertNotNull(pins(late, true, 2024).pin(Seeded.cellIndex("pharma@etdz")));
    // The seeds observe the ten city chains together in 2021: every city cell is pinned by a split.
    ObservationPins seeded = pins(ScenarioOverrides.getDefaultInstance(), false, 2025);
    assertTrue(seeded.pin(Seeded.cellIndex("steel@unallocated")).split());
    assertNull(
        pins(ScenarioOverrides.getDefaultInstance(), true, 2025)
            .pin(Seeded.cellIndex("steel@unallocated")));
  }

  @Test
  void theResolverBuildsEveryCellFromParametersEventsAndPins() {
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
    assertEquals(
        150, haizhou.baseValue(), "an observation in the base year replaces the base value");
    assertEquals(0, haizhou.observedYear());
    assertEquals(0.3, haizhou.volatility());
    assertEquals(1, r.observations().size());
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
