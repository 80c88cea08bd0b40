package chaincast.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Synthetic cities drawn from the estimator's own generative model (see {@link
 * DriftVolatilityEstimator}): a city offset, chain offsets, each cell's own drift deviation and
 * volatility drawn from the priors, then yearly log growth N(μ, σ²). Truths drawn from the prior
 * make the posterior's 80% interval an honest 80% interval.
 */
final class SyntheticCity {
  final List<CellPrior> priors = new ArrayList<>();
  final Map<String, Double> trueDrift = new LinkedHashMap<>();
  final Map<String, Double> trueVolatility = new LinkedHashMap<>();
  final Map<String, NavigableMap<Integer, Double>> series = new LinkedHashMap<>();

  /**
   * Two chains of three cells; the first cell of each chain has only the last {@code short} years.
   */
  static SyntheticCity draw(
      long seed, EstimatorSettings settings, int firstYear, int lastYear, int shortYears) {
    RandomGenerator rng = new Well19937c(seed);
    SyntheticCity c = new SyntheticCity();
    String[] chains = {"pharma", "steel"};
    String[] regions = {"etdz", "haizhou", "ganyu"};
    double[] plan = {0.07, 0.02, 0.05};
    double[] vol = {0.10, 0.25, 0.10};
    double driftSd = 0.05;
    for (String chain : chains) {
      for (int i = 0; i < regions.length; i++) {
        c.priors.add(new CellPrior(chain + "@" + regions[i], chain, plan[i], driftSd, vol[i]));
      }
    }
    double s2 = driftSd * driftSd;
    double city = rng.nextGaussian() * Math.sqrt(settings.cityShare() * s2);
    double a0 = settings.pseudoObservations() / 2;
    for (String chain : chains) {
      double theta = city + rng.nextGaussian() * Math.sqrt(settings.chainShare() * s2);
      for (CellPrior p : c.priors) {
        if (!p.chainId().equals(chain)) {
          continue;
        }
        double v2 = p.volatility() * p.volatility();
        double sigma2 = a0 * v2 / new GammaDistribution(rng, a0, 1).sample();
        double sigma = Math.sqrt(sigma2);
        // μ | σ² has the cell's own variance scaled by σ²/v², the normal–inverse-gamma form.
        double mu =
            p.driftMean()
                + theta
                + rng.nextGaussian() * Math.sqrt(settings.cellShare() * s2 * sigma2 / v2);
        c.trueDrift.put(p.cellId(), mu);
        c.trueVolatility.put(p.cellId(), sigma);
        int from = p.cellId().endsWith("@etdz") ? lastYear - shortYears + 1 : firstYear;
        NavigableMap<Integer, Double> s = new TreeMap<>();
        double ln = Math.log(100);
        for (int y = from; y <= lastYear; y++) {
          if (y > from) {
            ln += mu + sigma * rng.nextGaussian();
          }
          s.put(y, Math.exp(ln));
        }
        c.series.put(p.cellId(), s);
      }
    }
    return c;
  }
}
