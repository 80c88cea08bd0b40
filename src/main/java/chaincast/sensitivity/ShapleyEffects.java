package chaincast.sensitivity;

/**
 * Shapley effects of an output {@code Y} over inputs {@code X_1..X_k} from their sample covariance,
 * with {@code Var(E[Y | X_S])} estimated by the best linear predictor of {@code Y} on {@code X_S}:
 * {@code c_S' Σ_SS⁻¹ c_S}, {@code c_S = Cov(X_S, Y)}.
 *
 * <p>Why Shapley effects: with correlated inputs (the model's cells share city and chain shocks)
 * first-order Sobol indices double-count shared variance and total indices under-count it; the
 * Shapley effect of input {@code i} averages what {@code i} adds to the explained variance over
 * every order in which inputs can be revealed, so the effects are non-negative, add up to the
 * explained variance, and give each input a fair part of what it shares with others (Owen 2014;
 * Song, Nelson and Staum 2016). With jointly Gaussian inputs and output the linear predictor is the
 * conditional expectation and the effects are exact; otherwise they decompose the linearly
 * explained part, whose share {@link Result#explained()} is reported so the reader sees how much is
 * left out.
 *
 * <p>Cost: every subset of the inputs, {@code 2^k} small solves; k is capped at {@link
 * #MAX_INPUTS}.
 */
public final class ShapleyEffects {
  /** Most inputs decomposed at once (2^16 subsets). */
  public static final int MAX_INPUTS = 16;

  private ShapleyEffects() {}

  /**
   * The Shapley decomposition of one output's variance over the inputs.
   *
   * @param effects per input, its Shapley share of Var(Y) (sums to {@code explained})
   * @param explained R² of Y on all inputs
   * @param variance Var(Y)
   */
  public record Result(double[] effects, double explained, double variance) {}

  /**
   * The Shapley effects of k inputs.
   *
   * @param cov covariance matrix of the inputs, k × k
   * @param cxy covariances of the inputs with Y
   * @param varY variance of Y
   * @return per input its share, the explained share and the variance
   */
  public static Result of(double[][] cov, double[] cxy, double varY) {
    int k = cxy.length;
    if (k < 1 || k > MAX_INPUTS) {
      throw new IllegalArgumentException("need 1 to " + MAX_INPUTS + " inputs, got " + k);
    }
    if (!(varY > 0)) {
      double[] zero = new double[k];
      return new Result(zero, 0, varY);
    }
    int subsets = 1 << k;
    double[] explained = new double[subsets];
    for (int s = 1; s < subsets; s++) {
      explained[s] = Math.min(1.0, Math.max(0.0, linearShare(cov, cxy, s, k) / varY));
    }
    // Weights |S|! (k - |S| - 1)! / k! for S not containing i.
    double[] weight = new double[k];
    for (int size = 0; size < k; size++) {
      weight[size] = 1.0 / (k * binomial(k - 1, size));
    }
    double[] effects = new double[k];
    for (int s = 0; s < subsets; s++) {
      int size = Integer.bitCount(s);
      for (int i = 0; i < k; i++) {
        if ((s & (1 << i)) == 0) {
          effects[i] += weight[size] * (explained[s | (1 << i)] - explained[s]);
        }
      }
    }
    return new Result(effects, explained[subsets - 1], varY);
  }

  /** c_S' Σ_SS⁻¹ c_S by Cholesky; inputs with no variance left (collinear) are skipped. */
  private static double linearShare(double[][] cov, double[] cxy, int subset, int k) {
    int[] idx = new int[Integer.bitCount(subset)];
    int n = 0;
    for (int i = 0; i < k; i++) {
      if ((subset & (1 << i)) != 0) {
        idx[n++] = i;
      }
    }
    double[][] l = new double[n][n];
    double[] z = new double[n];
    double total = 0;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b <= a; b++) {
        double sum = cov[idx[a]][idx[b]];
        for (int c = 0; c < b; c++) {
          sum -= l[a][c] * l[b][c];
        }
        if (a == b) {
          // A pivot this small relative to the variance means the input adds nothing new.
          l[a][a] = sum > 1e-12 * cov[idx[a]][idx[a]] && sum > 0 ? Math.sqrt(sum) : 0;
        } else {
          l[a][b] = l[b][b] == 0 ? 0 : sum / l[b][b];
        }
      }
      // Forward substitution for z = L⁻¹ c_S as we go; c_S' Σ⁻¹ c_S = |z|².
      double r = cxy[idx[a]];
      for (int c = 0; c < a; c++) {
        r -= l[a][c] * z[c];
      }
      z[a] = l[a][a] == 0 ? 0 : r / l[a][a];
      total += z[a] * z[a];
    }
    return total;
  }

  private static double binomial(int n, int r) {
    double b = 1;
    for (int i = 1; i <= r; i++) {
      b = b * (n - r + i) / i;
    }
    return b;
  }
}
