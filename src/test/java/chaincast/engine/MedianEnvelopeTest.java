package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The combination check: single parameters at the edges of their domains never leave the median
 * path range, and events and shifts that do are found, with what moved it last.
 */
class MedianEnvelopeTest {
  static CellSpec cell(double base, double drift, List<EventSpec> events) {
    return new CellSpec("c", 0, 2020, base, drift, 1, 2, events);
  }

  @Test
  void theEdgesOfEverySingleDomainStayInside() {
    for (double base : new double[] {ParameterDomain.OUTPUT.low(), ParameterDomain.OUTPUT.high()}) {
      for (double drift : new double[] {-1, 1}) {
        assertTrue(
            MedianEnvelope.find(List.of(cell(base, drift, List.of())), List.of(), 2035).isEmpty(),
            base + " " + drift);
      }
    }
  }

  @Test
  void risingEventsAreBlamedWhenTheyTakeItAbove() {
    List<EventSpec> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(new EventSpec("e" + i, 2021 + i, 2021 + i, 0.5, 5, 0));
    }
    var crossing =
        MedianEnvelope.find(List.of(cell(1e8, 0, events)), List.of(), 2035).orElseThrow();
    assertEquals(MedianEnvelope.Cause.EVENT, crossing.cause());
    assertTrue(crossing.above());
    // ln(1e8) = 18.4; + 5 per event passes ln(1e30) = 69.1 at the 11th event, in 2031.
    assertEquals(10, crossing.index());
    assertEquals(2031, crossing.year());
    assertTrue(crossing.describe().contains("above the 1e30 亿元"), crossing.describe());
  }

  @Test
  void fallingShiftsAreBlamedAndAnObservationResets() {
    List<MacroShockSpec> shifts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shifts.add(
          new MacroShockSpec(
              "s" + i, new int[] {0}, 2022 + i, Math.log1p(Math.nextUp(-1.0)))); // -36.7 each
    }
    var crossing = MedianEnvelope.find(List.of(cell(1, 0, List.of())), shifts, 2035).orElseThrow();
    assertEquals(MedianEnvelope.Cause.SHIFT, crossing.cause());
    assertEquals(1, crossing.index());
    assertFalse(crossing.above());
  }

  @Test
  void anEventThatMayNotFireMovesOnlyItsSide() {
    // +60 and -60 in the same year: each side moves one way, neither crosses.
    List<EventSpec> events =
        List.of(
            new EventSpec("up", 2021, 2021, 0.5, 5, 0),
            new EventSpec("down", 2021, 2021, 0.5, -5, 0));
    assertTrue(MedianEnvelope.find(List.of(cell(1, 0, events)), List.of(), 2025).isEmpty());
  }

  @Test
  void theEngineRefusesWhatTheEnvelopeFinds() {
    List<EventSpec> events = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      events.add(new EventSpec("e" + i, 2021, 2021, 1, 5, 0));
    }
    Projection p = Models.builder(Models.NORMAL, 2025, cell(1e8, 0, events)).build();
    try (MonteCarloEngine engine = new MonteCarloEngine(1)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  engine.run(
                      p, Models.fixed(10, 1), CancellationSignal.NEVER, ProgressListener.NONE));
      assertTrue(e.getMessage().contains("median path"), e.getMessage());
    }
  }
}
