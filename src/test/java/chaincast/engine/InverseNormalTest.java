package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * AS 241 against Commons Math where Commons Math is exact enough, and by round trip in the tails.
 */
class InverseNormalTest {

  static final NormalDistribution STD = new NormalDistribution(null, 0, 1);

  /**
   * Where 2p - 1 is computed without loss (p from 0.01 to 0.99: Commons Math inverts through {@code
   * erfInv(2p - 1)}), both agree to about an ulp of the quantile.
   */
  @Test
  void agreesWithCommonsMathInTheBody() {
    double worst = 0;
    for (int i = 1; i < 100_000; i++) {
      double p = 0.01 + 0.98 * i / 100_000.0;
      double expected = STD.inverseCumulativeProbability(p);
      double actual = InverseNormal.quantile(p);
      double error = Math.abs(actual - expected);
      worst = Math.max(worst, error / Math.max(Math.abs(expected), 1e-3));
      assertEquals(expected, actual, 2e-15 * Math.abs(expected) + 1e-17, "p = " + p);
    }
    assertTrue(worst < 2e-15, "worst relative error " + worst);
  }

  /**
   * In the tails Commons Math's {@code 2p - 1} loses p's relative precision, so check the round
   * trip instead: Φ(z) by {@code erfc} (accurate to about 1e-14 relative in the tails) must give p
   * back. A relative error ε in z moves Φ(z) by about z² ε relative, so z is checked to 1e-15
   * relative.
   */
  @Test
  void roundTripsInTheTails() {
    for (double p = 1e-300; p < 0.01; p *= 1.07) {
      double z = InverseNormal.quantile(p);
      double back = 0.5 * Erf.erfc(-z / Math.sqrt(2));
      double relative = Math.abs(back - p) / p;
      double allowed = 1e-14 + 1e-15 * z * z;
      assertTrue(relative <= allowed, "p = " + p + ": Φ(z) = " + back + ", z = " + z);
      if (p > 1e-15) { // the upper tail reads 1 - (1 - p), which is exact: the same magnitude
        assertEquals(-InverseNormal.quantile(1 - (1 - p)), InverseNormal.quantile(1 - p), 0.0);
      }
    }
  }

  @Test
  void symmetricAndMonotone() {
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < 1 << 16; i++) {
      double p = i / 65536.0;
      double z = InverseNormal.quantile(p);
      assertTrue(z > previous, "monotone at " + p);
      previous = z;
      assertEquals(-z, InverseNormal.quantile(1 - p), 0.0, "symmetric at " + p);
    }
    assertEquals(0.0, InverseNormal.quantile(0.5), 0.0);
  }

  @Test
  void cellMidpointsNearTheEndsAreFinite() {
    // the extreme midpoints of SobolPoints' 2^-52 cells (1 - 2^-54 would round to 1)
    double smallest = 0x1p-53;
    double largest = 1 - 0x1p-53;
    assertTrue(Double.isFinite(InverseNormal.quantile(smallest)));
    assertTrue(Double.isFinite(InverseNormal.quantile(largest)));
    assertEquals(-8.2095, InverseNormal.quantile(smallest), 1e-3);
    assertEquals(8.2095, InverseNormal.quantile(largest), 1e-3);
    assertEquals(Double.NEGATIVE_INFINITY, InverseNormal.quantile(0.0), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, InverseNormal.quantile(1.0), 0.0);
    assertTrue(Double.isNaN(InverseNormal.quantile(1.5)));
  }
}
