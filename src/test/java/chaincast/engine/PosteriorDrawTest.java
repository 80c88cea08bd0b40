package chaincast.engine;

import static chaincast.engine.Models.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Estimated cells: each path draws (mu, sigma) from a Normal–Inverse-Gamma posterior, so over n
 * years {@code ln V_T - ln B - n m = sigma sqrt(n²/kappa + n) Z}, a Student-t with {@code 2 shape}
 * degrees of freedom and scale {@code sqrt(scale / shape * (n²/kappa + n))}: the closed form.
 */
class PosteriorDrawTest {
  static MonteCarloEngine engine;

  @BeforeAll
  static void start() {
    engine = new MonteCarloEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void theTargetYearValueIsStudentTAsTheConjugatePosteriorSays() {
    ParameterPosterior post = new ParameterPosterior(0.06, 4, 3.5, 3.5 * 0.12 * 0.12);
    int n = 5;
    double scale = Math.sqrt(post.scale() / post.shape() * (n * n / post.kappa() + n));
    TDistribution t = new TDistribution(null, 2 * post.shape());
    double centre = Math.log(100) + n * post.driftMean();
    double[] hit = {0.02, 0.25, 0.5, 0.75, 0.98};
    CellSpec cell = new CellSpec("a", 0, 2020, 100, 0.06, 0, 0.12, List.of(), 0, post);
    Models.Builder b = Models.builder(Models.NORMAL, 2025, cell);
    for (double h : hit) {
      b.target(0, 2025, Math.exp(centre + scale * t.inverseCumulativeProbability(1 - h)));
    }
    RunResult r = engine.run(b.build(), Models.fixed(300_000, 3), () -> false, x -> {});
    for (int i = 0; i < hit.length; i++) {
      BinomialEstimate e = r.targets().get(i).hit();
      assertWithin(hit[i], e.estimate(), e.standardError(), 3, "P(hit) " + hit[i]);
    }
  }

  @Test
  void theGammaSamplerHasTheGammaLaw() {
    for (double shape : new double[] {0.6, 1.0, 2.5, 40}) {
      KeyedStreams.Cursor r = new KeyedStreams.Cursor().reset(KeyedStreams.start(1, 2, 3, 0));
      int n = 200_000;
      double[] quartiles = new double[3];
      GammaDistribution g = new GammaDistribution(null, shape, 1);
      int[] below = new int[3];
      for (int i = 0; i < 3; i++) {
        quartiles[i] = g.inverseCumulativeProbability(0.25 * (i + 1));
      }
      for (int k = 0; k < n; k++) {
        double x = ParameterPosterior.gamma(shape, r);
        for (int i = 0; i < 3; i++) {
          below[i] += x < quartiles[i] ? 1 : 0;
        }
      }
      for (int i = 0; i < 3; i++) {
        double p = 0.25 * (i + 1);
        assertEquals(p, below[i] / (double) n, 4 * Math.sqrt(p * (1 - p) / n), "shape " + shape);
      }
    }
  }
}
