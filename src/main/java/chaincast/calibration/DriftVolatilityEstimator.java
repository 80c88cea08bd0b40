package chaincast.calibration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Estimates each cell's drift μ (mean yearly log growth) and volatility σ (sd of yearly log growth)
 * from its annual series, with partial pooling of the drift across the cells of a chain and across
 * chains. Conjugate and empirical-Bayes: deterministic, closed form, no sampling.
 *
 * <p>Model. For cell c of chain k with seeded drift p_c (the plan-realism calibration), drift
 * spread s_c and volatility v_c, and log growth rates g_{c,t} = ln(V_t / V_{t−1}):
 *
 * <pre>
 * g_{c,t} | μ_c, σ_c² ~ N(μ_c, σ_c²)
 * μ_c = p_c + θ_k + η_c,   θ_k ~ N(θ_city, ω_k²),   θ_city ~ N(0, λ²),   η_c ~ N(0, τ_c²)
 * σ_c² ~ InvGamma(ν0/2, ν0·v_c²/2)
 * </pre>
 *
 * with λ² = cityShare·mean(s²), ω_k² = chainShare·mean over the chain of s², τ_c² = cellShare·s_c²,
 * so with the default shares the marginal prior of each drift is the seeded N(p_c, s_c²). θ_k is
 * the chain's offset from its plans, θ_city the city's.
 *
 * <p>Fit. (1) Each cell with data gives a raw offset d_j = ḡ_j − p_j with variance var_j = τ_j² +
 * σ̂_j²/n_j, σ̂_j² = b/a of its unpooled posterior. (2) For cell c, the Gaussian posterior of θ_k
 * from everything except c's own data: θ_city from the other chains' precision-weighted offsets
 * (each with variance ω² + 1/Σ(1/var)), then θ_k from that and the chain's other cells. Leaving c
 * out keeps its data from counting twice. (3) The cell's prior is then μ_c | σ_c² ~ N(p_c + E θ_k,
 * σ_c²/κ0) with κ0 = v_c² / (τ_c² + Var θ_k): a normal–inverse-gamma prior whose drift variance
 * equals τ_c² + Var θ_k when σ_c equals the seeded volatility. This ties the pooled variance to
 * σ_c² (the one approximation: exact when σ_c = v_c or when Var θ_k = 0, i.e. without pooling). (4)
 * The conjugate update with the cell's own rates ({@link NormalInverseGamma#update}) gives the
 * posterior, exactly normal–inverse-gamma.
 */
public final class DriftVolatilityEstimator {
  /** The method string reports carry as provenance. */
  public static final String METHOD =
      "normal-inverse-gamma, empirical-Bayes partial pooling of the drift over chain and city";

  private final EstimatorSettings settings;

  /** An estimator with the given hyper-parameters. */
  public DriftVolatilityEstimator(EstimatorSettings settings) {
    this.settings = settings;
  }

  /** An estimator with {@link EstimatorSettings#DEFAULT}. */
  public DriftVolatilityEstimator() {
    this(EstimatorSettings.DEFAULT);
  }

  /**
   * Estimates every cell of {@code priors} that has data.
   *
   * @param priors the seeded prior of every cell of the model (pooling uses them all)
   * @param series full-year values per cell id: year → value in 亿元 (&gt; 0)
   * @return posteriors of cells with at least one yearly growth rate; the other series of {@code
   *     series} as skipped, with the reason
   */
  public Estimate estimate(
      List<CellPrior> priors, Map<String, NavigableMap<Integer, Double>> series) {
    Map<String, CellPrior> byId = new LinkedHashMap<>();
    priors.forEach(p -> byId.put(p.cellId(), p));
    List<Skipped> skipped = new ArrayList<>();
    Map<String, double[]> rates = new LinkedHashMap<>();
    for (Map.Entry<String, NavigableMap<Integer, Double>> e : series.entrySet()) {
      if (!byId.containsKey(e.getKey())) {
        skipped.add(new Skipped(e.getKey(), "not a cell of the model: no prior to update"));
        continue;
      }
      double[] g = GrowthRates.of(e.getValue());
      if (g.length == 0) {
        skipped.add(
            new Skipped(
                e.getKey(),
                "needs full-year values in at least 2 consecutive years, has "
                    + e.getValue().size()
                    + " value(s) with no consecutive pair; keeps the seeded parameters"));
      } else {
        rates.put(e.getKey(), g);
      }
    }
    Pooling pooling = new Pooling(settings, priors, rates);
    List<CellPosterior> out = new ArrayList<>();
    for (CellPrior p : priors) {
      double[] g = rates.get(p.cellId());
      if (g == null) {
        continue;
      }
      NormalInverseGamma prior = pooling.priorFor(p);
      NavigableMap<Integer, Double> s = series.get(p.cellId());
      out.add(
          CellPosterior.of(
              p.cellId(),
              p.chainId(),
              prior,
              prior.update(g),
              g.length,
              s.firstKey(),
              s.lastKey()));
    }
    return new Estimate(out, skipped);
  }

  /** The unpooled normal–inverse-gamma prior of a cell: N(p, s²) at σ = v. */
  static NormalInverseGamma ownPrior(
      CellPrior p, EstimatorSettings settings, double mean, double var) {
    double a0 = settings.pseudoObservations() / 2;
    double v2 = p.volatility() * p.volatility();
    return new NormalInverseGamma(mean, v2 / var, a0, a0 * v2);
  }

  /** The Gaussian message passing over city → chain → cell offsets. */
  private static final class Pooling {
    private final EstimatorSettings settings;
    private final double cityVar;
    private final Map<String, Double> chainVar = new HashMap<>();
    private final Map<String, Offset> offsets = new LinkedHashMap<>();

    /** A cell's raw offset from its plan and that offset's variance. */
    private record Offset(String chainId, double d, double var) {}

    Pooling(EstimatorSettings settings, List<CellPrior> priors, Map<String, double[]> rates) {
      this.settings = settings;
      double all = 0;
      Map<String, double[]> chainSums = new HashMap<>();
      for (CellPrior p : priors) {
        double s2 = p.driftSd() * p.driftSd();
        all += s2;
        double[] sum = chainSums.computeIfAbsent(p.chainId(), k -> new double[2]);
        sum[0] += s2;
        sum[1]++;
      }
      cityVar = settings.cityShare() * all / Math.max(1, priors.size());
      chainSums.forEach((k, sum) -> chainVar.put(k, settings.chainShare() * sum[0] / sum[1]));
      for (CellPrior p : priors) {
        double[] g = rates.get(p.cellId());
        if (g != null) {
          double own = cellVar(p);
          NormalInverseGamma unpooled =
              ownPrior(p, settings, p.driftMean(), p.driftSd() * p.driftSd()).update(g);
          double sigma2 = unpooled.scale() / unpooled.shape();
          offsets.put(
              p.cellId(),
              new Offset(
                  p.chainId(), GrowthRates.mean(g) - p.driftMean(), own + sigma2 / g.length));
        }
      }
    }

    private double cellVar(CellPrior p) {
      return settings.cellShare() * p.driftSd() * p.driftSd();
    }

    NormalInverseGamma priorFor(CellPrior cell) {
      double[] city = cityExcept(cell.chainId());
      double omega2 = chainVar.get(cell.chainId());
      double mean = city[0];
      double var = city[1] + omega2;
      if (var > 0) {
        double precision = 1 / var;
        double weighted = mean / var;
        for (Map.Entry<String, Offset> e : offsets.entrySet()) {
          Offset o = e.getValue();
          if (o.chainId().equals(cell.chainId()) && !e.getKey().equals(cell.cellId())) {
            precision += 1 / o.var();
            weighted += o.d() / o.var();
          }
        }
        mean = weighted / precision;
        var = 1 / precision;
      }
      return ownPrior(cell, settings, cell.driftMean() + mean, cellVar(cell) + var);
    }

    /** Mean and variance of θ_city given the chains other than {@code chainId}. */
    private double[] cityExcept(String chainId) {
      if (cityVar == 0) {
        return new double[] {0, 0};
      }
      Map<String, double[]> chains = new LinkedHashMap<>();
      for (Offset o : offsets.values()) {
        if (!o.chainId().equals(chainId)) {
          double[] acc = chains.computeIfAbsent(o.chainId(), k -> new double[2]);
          acc[0] += 1 / o.var();
          acc[1] += o.d() / o.var();
        }
      }
      double precision = 1 / cityVar;
      double weighted = 0;
      for (Map.Entry<String, double[]> e : chains.entrySet()) {
        double[] acc = e.getValue();
        double v = chainVar.get(e.getKey()) + 1 / acc[0];
        precision += 1 / v;
        weighted += (acc[1] / acc[0]) / v;
      }
      return new double[] {weighted / precision, 1 / precision};
    }
  }
}
