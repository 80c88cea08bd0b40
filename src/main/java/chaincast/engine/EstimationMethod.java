package chaincast.engine;

/**
 * How a target's probability was estimated: how the paths were sampled, and what each path adds.
 *
 * <ul>
 *   <li>{@link #PLAIN}: pseudo-random paths, each adds its hit (1 or 0).
 *   <li>{@link #CONDITIONAL}: pseudo-random paths, each adds its probability of a hit given
 *       everything but one cell's last own shock, integrated out in closed form (a normal CDF).
 *   <li>{@link #QUASI_RANDOM} and {@link #QUASI_RANDOM_CONDITIONAL}: the same estimators on
 *       randomised quasi-Monte Carlo paths (scrambled Sobol points), the error from independent
 *       randomisations.
 *   <li>{@link #IMPORTANCE}: paths whose common factors are tilted towards the target, each hit
 *       weighted by its likelihood ratio (for rare targets).
 * </ul>
 */
public enum EstimationMethod {
  PLAIN,
  CONDITIONAL,
  QUASI_RANDOM,
  QUASI_RANDOM_CONDITIONAL,
  IMPORTANCE
}
