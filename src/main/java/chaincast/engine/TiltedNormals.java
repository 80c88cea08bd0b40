package chaincast.engine;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Importance sampling's normals: the plain block streams' normals ({@link BlockStreams}, as {@link
 * NormalSource#PSEUDO_RANDOM} draws them), each draw {@code d} shifted by a mean {@code θ_d} (zero
 * for most draws), so that paths lean towards a rare target. The paths are weighted by the
 * likelihood ratio of the standard normal law over the law sampled, at the filled draws: its log is
 * {@link Block#logRatio()}.
 *
 * <p>Pure tilt ({@code defensive} 0): every path is shifted and the ratio is {@code φ(z)/φ(z - θ) =
 * exp(-θ·z + |θ|²/2)}, summed over the shifted draws only. Its weights have variance {@code
 * exp(|θ|²) - 1}, which for the shift a rare target needs (|θ|² about 2 ln(1/P)) is of the order of
 * 1/P: the few paths that go against the shift weigh thousands of times the rest. The engine's
 * estimator is self-normalised (it divides by the paths' total weight, as evidence needs), and that
 * total then carries the whole error, so a pure tilt gives no gain at P = 0.001.
 *
 * <p>Defensive mixture (Hesterberg 1995, {@code defensive} α in (0, 1)): each path is left
 * unshifted with probability α, decided by one uniform of the block's stream drawn before its
 * normals, and every path is weighted against the mixture, {@code φ(z) / (α φ(z) + (1 - α) φ(z -
 * θ)) = 1 / (α + (1 - α) exp(θ·z - |θ|²/2))}, which is at most 1/α. Bounded weights keep the
 * self-normalised estimator's denominator sound (and no weight is ever clamped) while the hits,
 * nearly all from the shifted paths, keep almost all of the tilt's gain.
 *
 * <p>Deterministic per (seed, block): the same stream, the same sampler, the same order as plain
 * Monte Carlo, and the block's auxiliary uniforms (Student-t chi-squares) from that stream after
 * the path's normals, as in {@link NormalSource.PseudoRandomNormals}. With every shift zero no
 * uniform is drawn and the paths are plain Monte Carlo's, each of weight 1. Immutable; each block
 * gets its own {@link Block}.
 */
final class TiltedNormals implements NormalSource {

  /** The shift per draw, in {@link DrawLayout} order. */
  private final double[] theta;

  /** The draws whose shift is not zero. */
  private final int[] shifted;

  /** {@code |θ|² / 2}: the constant part of every path's log ratio. */
  private final double halfNormSquared;

  /** Probability α that a path is left unshifted (0: a pure tilt). */
  private final double defensive;

  /** {@code ln α} and {@code ln(1 - α)}. */
  private final double logDefensive;

  private final double logTilted;

  /**
   * A pure tilt: every path's draw {@code d} shifted by {@code theta[d]}.
   *
   * @throws IllegalArgumentException if a shift is not finite
   */
  TiltedNormals(double[] theta) {
    this(theta, 0.0);
  }

  /**
   * A defensive mixture: each path unshifted with probability {@code defensive}, otherwise its draw
   * {@code d} shifted by {@code theta[d]}.
   *
   * @throws IllegalArgumentException if a shift is not finite or {@code defensive} not in [0, 1)
   */
  TiltedNormals(double[] theta, double defensive) {
    if (!(defensive >= 0 && defensive < 1)) {
      throw new IllegalArgumentException("defensive share must be in [0, 1), got " + defensive);
    }
    this.defensive = defensive;
    this.logDefensive = Math.log(defensive);
    this.logTilted = Math.log1p(-defensive);
    this.theta = theta.clone();
    double sum = 0.0;
    int[] nonZero = new int[theta.length];
    int n = 0;
    for (int d = 0; d < theta.length; d++) {
      if (!Double.isFinite(theta[d])) {
        throw new IllegalArgumentException("tilt of draw " + d + " is " + theta[d]);
      }
      if (theta[d] != 0.0) {
        nonZero[n++] = d;
        sum += theta[d] * theta[d];
      }
    }
    this.shifted = Arrays.copyOf(nonZero, n);
    this.halfNormSquared = sum / 2;
  }

  /** A copy of the shifts. */
  double[] theta() {
    return theta.clone();
  }

  @Override
  public NormalSourceSpec spec() {
    return new NormalSourceSpec(NormalSourceSpec.Kind.TILTED, 0, 0, theta, defensive);
  }

  @Override
  public Block forBlock(long seed, long block) {
    return new Tilted(seed, block);
  }

  /** Always: even a zero shift reports its (zero) log ratio, so the run's paths carry weights. */
  @Override
  public boolean weighted() {
    return true;
  }

  /** One block's tilted draws. */
  private final class Tilted extends Block {
    /** The plain draws this block shifts, and their stream (the mixture's coin, chi-squares). */
    private final NormalSource.PseudoRandomNormals plain;

    private final UniformRandomProvider stream;
    private double logRatio;

    Tilted(long seed, long block) {
      this.plain = new NormalSource.PseudoRandomNormals(seed, block);
      this.stream = plain.auxiliary();
    }

    @Override
    void fill(double[] z, int separateFrom, int count) {
      if (count != theta.length) {
        throw new IllegalStateException("tilt has " + theta.length + " draws, the layout " + count);
      }
      if (shifted.length == 0) {
        plain.fill(z, separateFrom, count);
        logRatio = 0.0;
        return;
      }
      boolean shift = defensive == 0.0 || stream.nextDouble() >= defensive;
      plain.fill(z, separateFrom, count);
      double dot = 0.0;
      for (int d : shifted) {
        if (shift) {
          z[d] += theta[d];
        }
        dot += theta[d] * z[d];
      }
      // a = ln(φ(z - θ) / φ(z)), the shifted law's log density over the standard one
      double a = dot - halfNormSquared;
      if (defensive == 0.0) {
        logRatio = -a;
      } else {
        // -ln(α + (1 - α) e^a), summed in log space so that no term overflows
        double tilted = logTilted + a;
        double hi = Math.max(logDefensive, tilted);
        double lo = Math.min(logDefensive, tilted);
        logRatio = -(hi + Math.log1p(Math.exp(lo - hi)));
      }
    }

    @Override
    double logRatio() {
      return logRatio;
    }

    @Override
    UniformRandomProvider auxiliary() {
      return stream;
    }
  }
}
