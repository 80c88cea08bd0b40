package chaincast.engine;

/**
 * One rare target's probability by importance sampling ({@link ImportanceRun}), with what a caller
 * needs to judge it against plain Monte Carlo.
 *
 * @param outcome whether the estimate is usable, and if not why
 * @param hit P(hit) from the tilted, weighted paths (self-normalised; its interval uses the
 *     effective paths); no paths and a NaN estimate when no tilt was found
 * @param varianceReduction plain Monte Carlo's variance at the same paths, {@code p (1 - p) / n},
 *     over this estimate's squared standard error (NaN when no tilt was found)
 * @param effectivePaths Kish's effective number of paths {@code (Σ w)² / Σ w²} of the tilted run
 * @param clampedPaths paths whose weight the run clamped (see the engine's path weights)
 * @param tilt the shift of each normal of a path, in the engine's draw order
 * @param levels cross-entropy pilot levels simulated to find the tilt
 * @param complement whether the target is almost always hit, so the tilt chases misses
 */
public record ImportanceEstimate(
    Outcome outcome,
    BinomialEstimate hit,
    double varianceReduction,
    double effectivePaths,
    long clampedPaths,
    double[] tilt,
    int levels,
    boolean complement) {

  /** Whether the estimate can stand in for plain Monte Carlo's, and if not why. */
  public enum Outcome {
    /** Sound, and more precise than plain Monte Carlo on as many paths. */
    USABLE,
    /** The cross-entropy levels never reached the target: no run was made. */
    NO_TILT,
    /** Some paths' weights were clamped, so the estimate may be biased. */
    CLAMPED,
    /** The tilted run was no more precise than plain Monte Carlo would be. */
    NO_GAIN
  }

  /** Copies the tilt, so the estimate stays immutable. */
  public ImportanceEstimate {
    tilt = tilt.clone();
  }

  /** A copy of the tilt. */
  @Override
  public double[] tilt() {
    return tilt.clone();
  }

  /** Whether the estimate can replace plain Monte Carlo's ({@link Outcome#USABLE}). */
  public boolean usable() {
    return outcome == Outcome.USABLE;
  }
}
