package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chaincast.v1.ProvenanceKind;
import chaincast.v1.RegionKind;
import chaincast.v1.Unit;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void smallOddsKeepThreeDecimalsAndZeroIsZero() {
    assertEquals("26.6%", Formats.pct(0.2661));
    assertEquals("0.007%", Formats.pct(0.00007));
    assertEquals("0%", Formats.pct(0));
  }

  @Test
  void amountsRoundForReading() {
    assertEquals("1,000", Formats.amount(1000.2, Unit.UNIT_YI_YUAN));
    assertEquals("4.8", Formats.amount(4.81, Unit.UNIT_YI_YUAN));
    assertEquals("3", Formats.amount(3, Unit.UNIT_COUNT));
  }

  @Test
  void enumNamesLoseTheirPrefix() {
    assertEquals("function_zone", Formats.enumName(RegionKind.REGION_KIND_FUNCTION_ZONE));
    assertEquals("assumption", Formats.enumName(ProvenanceKind.PROVENANCE_KIND_ASSUMPTION));
  }

  @Test
  void percentileColumnsAreValidNames() {
    assertEquals("p5", OddsRows.percentileColumn(5));
    assertEquals("p2_5", OddsRows.percentileColumn(2.5));
  }
}
