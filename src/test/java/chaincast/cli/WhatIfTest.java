package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.CellOverride;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class WhatIfTest {
  private final WhatIf parser = new WhatIf();

  @Test
  void parsesEveryParameter() {
    CellOverride o =
        parser.convert("pharma@etdz:drift_mean=0.05, volatility=0.2,base_value=500,drift_sd=0");
    assertEquals("pharma@etdz", o.getCellId());
    assertEquals(0.05, o.getDriftMean());
    assertEquals(0.2, o.getVolatility());
    assertEquals(500, o.getBaseValue());
    assertTrue(o.hasDriftSd(), "an explicit 0 is kept, not dropped as a default");
    assertEquals(0, o.getDriftSd());
  }

  @Test
  void leavesUnnamedParametersUnset() {
    CellOverride o = parser.convert("steel@unallocated:volatility=0.3");
    assertTrue(o.hasVolatility());
    assertFalse(o.hasDriftMean());
    assertFalse(o.hasBaseValue());
  }

  @Test
  void rejectsBadSyntaxNamingThePart() {
    assertTrue(
        assertThrows(TypeConversionException.class, () -> parser.convert("pharma@etdz"))
            .getMessage()
            .contains("CELL:PARAM=VALUE"));
    assertTrue(
        assertThrows(TypeConversionException.class, () -> parser.convert(":drift_mean=1"))
            .getMessage()
            .contains("CELL:PARAM=VALUE"));
    assertTrue(
        assertThrows(TypeConversionException.class, () -> parser.convert("a@b:drift=1"))
            .getMessage()
            .contains("unknown parameter 'drift'"));
    assertTrue(
        assertThrows(TypeConversionException.class, () -> parser.convert("a@b:drift_mean=fast"))
            .getMessage()
            .contains("'fast'"));
    assertTrue(
        assertThrows(TypeConversionException.class, () -> parser.convert("a@b:drift_mean"))
            .getMessage()
            .contains("PARAM=VALUE"));
  }
}
