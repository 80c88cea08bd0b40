package chaincast.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shapley effects against closed forms for linear models with correlated Gaussian inputs. */
class ShapleyEffectsTest {

  @Test
  void twoCorrelatedInputsOfASum() {
    // Y = X1 + X2, sd a and b, correlation rho: Var E[Y|X1] = (a² + rho a b)² / a², and
    // Sh1 = (Var E[Y|X1] + Var Y - Var E[Y|X2]) / 2.
    double a = 2;
    double b = 1;
    double rho = 0.6;
    double cov12 = rho * a * b;
    double varY = a * a + b * b + 2 * cov12;
    double v1 = Math.pow(a * a + cov12, 2) / (a * a);
    double v2 = Math.pow(b * b + cov12, 2) / (b * b);
    double sh1 = (v1 + varY - v2) / 2 / varY;
    double sh2 = (v2 + varY - v1) / 2 / varY;
    ShapleyEffects.Result r =
        ShapleyEffects.of(
            new double[][] {{a * a, cov12}, {cov12, b * b}},
            new double[] {a * a + cov12, b * b + cov12},
            varY);
    assertEquals(sh1, r.effects()[0], 1e-12);
    assertEquals(sh2, r.effects()[1], 1e-12);
    assertEquals(1.0, r.explained(), 1e-12);
  }

  @Test
  void independentInputsGetTheirOwnVarianceShares() {
    // Y = 3 X1 + X2 + X3 + noise (variance 1), independent unit inputs: shares 9, 1, 1 of 12.
    double[][] cov = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    ShapleyEffects.Result r = ShapleyEffects.of(cov, new double[] {3, 1, 1}, 12);
    assertEquals(9.0 / 12, r.effects()[0], 1e-12);
    assertEquals(1.0 / 12, r.effects()[1], 1e-12);
    assertEquals(11.0 / 12, r.explained(), 1e-12);
  }

  @Test
  void aDuplicatedInputSharesItsEffectEqually() {
    // X2 = X1 exactly: each gets half of what X1 alone explains.
    double[][] cov = {{1, 1}, {1, 1}};
    ShapleyEffects.Result r = ShapleyEffects.of(cov, new double[] {1, 1}, 2);
    assertEquals(0.25, r.effects()[0], 1e-9);
    assertEquals(0.25, r.effects()[1], 1e-9);
  }
}
