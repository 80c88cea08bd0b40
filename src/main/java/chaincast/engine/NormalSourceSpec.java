package chaincast.engine;

import java.util.Objects;

/**
 * A {@link NormalSource} as plain values, so that another machine can rebuild the very same source
 * (and draw the very same normals) for the blocks it is given: no engine object travels.
 *
 * @param kind which source
 * @param scrambleSeed for {@link Kind#SCRAMBLED_SOBOL}: the run's master seed the scramble is drawn
 *     from; 0 otherwise
 * @param randomisation for {@link Kind#SCRAMBLED_SOBOL}: the randomisation's index; 0 otherwise
 * @param theta for {@link Kind#TILTED}: the shift per draw, in draw-layout order; empty otherwise
 * @param defensive for {@link Kind#TILTED}: the share of paths left unshifted; 0 otherwise
 */
public record NormalSourceSpec(
    Kind kind, long scrambleSeed, int randomisation, double[] theta, double defensive) {

  /** The sources a run may draw from. */
  public enum Kind {
    /** Plain Monte Carlo: the block streams' normals. */
    PSEUDO_RANDOM,
    /** One randomisation of scrambled Sobol points. */
    SCRAMBLED_SOBOL,
    /** Importance sampling's shifted normals (a defensive mixture). */
    TILTED
  }

  /** Copies {@code theta}, so the description stays immutable. */
  public NormalSourceSpec {
    Objects.requireNonNull(kind, "kind");
    theta = theta.clone();
  }

  /** A copy of the shifts. */
  @Override
  public double[] theta() {
    return theta.clone();
  }

  static NormalSourceSpec pseudoRandom() {
    return new NormalSourceSpec(Kind.PSEUDO_RANDOM, 0, 0, new double[0], 0.0);
  }

  /** The source this describes, for a model with {@code layout}. */
  NormalSource toSource(DrawLayout layout) {
    return switch (kind) {
      case PSEUDO_RANDOM -> NormalSource.PSEUDO_RANDOM;
      case SCRAMBLED_SOBOL -> new ScrambledSobolNormals(layout, scrambleSeed, randomisation);
      case TILTED -> new TiltedNormals(theta, defensive);
    };
  }
}
