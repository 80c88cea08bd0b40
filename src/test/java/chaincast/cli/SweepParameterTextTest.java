package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.SweepParameter;
import chaincast.v1.SweepQuantity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code sweep --axis} and {@code goal-seek --param} read parameters and values. */
class SweepParameterTextTest {
  @Test
  void readsOwnersAndQuantities() {
    String[] problem = new String[1];
    SweepParameter p = SweepParameterText.parse("pharma@etdz.drift", problem);
    assertEquals("pharma@etdz", p.getCellId());
    assertEquals(SweepQuantity.SWEEP_QUANTITY_DRIFT_MEAN, p.getQuantity());
    p = SweepParameterText.parse("incubators@etdz.rate", problem);
    assertEquals("incubators@etdz", p.getCountCellId());
    assertEquals(SweepQuantity.SWEEP_QUANTITY_YEARLY_RATE, p.getQuantity());
    p = SweepParameterText.parse("crisis.change", problem);
    assertEquals("crisis", p.getMacroShockId());
    assertNull(SweepParameterText.parse("pharma@etdz.speed", problem));
    assertTrue(problem[0].contains("speed"), problem[0]);
    assertNull(SweepParameterText.parse("drift", problem));
  }

  @Test
  void readsRangesAndLists() {
    assertEquals(List.of(0.0, 0.5, 1.0), SweepParameterText.values("0:1:3"));
    assertEquals(List.of(2.0), SweepParameterText.values("2:5:1"));
    assertEquals(List.of(100.0, 120.0), SweepParameterText.values("100, 120"));
    assertThrows(IllegalArgumentException.class, () -> SweepParameterText.values("0:1"));
    assertThrows(IllegalArgumentException.class, () -> SweepParameterText.values("0:1:0"));
    assertThrows(IllegalArgumentException.class, () -> SweepParameterText.values("a,b"));
  }
}
