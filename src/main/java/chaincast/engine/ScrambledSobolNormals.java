package chaincast.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Randomised quasi-Monte Carlo normals: one randomisation of scrambled Sobol points ({@link
 * SobolPoints#scrambled}, Matoušek's affine matrix scramble plus a digital shift), mapped to
 * normals by the inverse normal CDF ({@link InverseNormal}).
 *
 * <p>Path {@code i} of a run (block {@code i / BLOCK_SIZE}, in path order within the block) is
 * Sobol point {@code i}, so a run of n paths uses the first n points, and a block of {@link
 * MonteCarloEngine#BLOCK_SIZE} paths is an aligned run of 2^12 points. The layout's draws get the
 * Sobol coordinates in {@link DrawLayout#byImportance()} order, the most important draw the first
 * (best distributed) coordinate. A layout with more than {@link SobolPoints#MAX_DIMENSION} draws is
 * a hybrid: the least important draws beyond the cap are pseudo-random normals from the block's
 * stream (as plain Monte Carlo draws them). That stream, {@link BlockStreams#forBlock} of the run's
 * seed and the block, is also the block's {@link Block#auxiliary() auxiliary} stream, so the
 * Student-t chi-squares stay pseudo-random and reproducible.
 *
 * <p>The scramble is a function of (seed, randomisation) only; the run that uses this source should
 * have a seed of its own per randomisation (see {@link RandomizedQmcRun}), so that events and
 * counts, which are keyed by seed and path, are independent between randomisations too.
 */
final class ScrambledSobolNormals implements NormalSource {

  /** Keeps the scramble streams apart from the block streams of the same seed. */
  private static final long SCRAMBLE_SALT = 0x5ca3b1ed5eed50b0L;

  private final SobolPoints points;

  /** The master seed and the randomisation the scramble is drawn from. */
  private final long seed;

  private final int randomisation;

  /** The layout's draws in Sobol coordinate order. */
  private final int[] order;

  /**
   * The scrambled points for the draws of {@code layout}, randomisation {@code randomisation} of a
   * run with master seed {@code seed}.
   */
  ScrambledSobolNormals(DrawLayout layout, long seed, int randomisation) {
    this.seed = seed;
    this.randomisation = randomisation;
    this.order = layout.byImportance();
    int dims = Math.max(1, Math.min(order.length, SobolPoints.MAX_DIMENSION));
    this.points = SobolPoints.scrambled(dims, scrambleStream(seed, randomisation));
  }

  /** The stream the scramble of randomisation {@code r} is drawn from. */
  static UniformRandomProvider scrambleStream(long seed, int r) {
    return BlockStreams.forBlock(BlockStreams.mix64(seed ^ SCRAMBLE_SALT), r);
  }

  /** Draws given Sobol coordinates (the rest are pseudo-random). */
  int quasiRandomDraws() {
    return Math.min(order.length, points.dimensions());
  }

  @Override
  public NormalSourceSpec spec() {
    return new NormalSourceSpec(
        NormalSourceSpec.Kind.SCRAMBLED_SOBOL, seed, randomisation, new double[0], 0.0);
  }

  @Override
  public Block forBlock(long seed, long block) {
    return new SobolBlock(points, order, seed, block);
  }

  /** One block's points (kept shifted), advanced by Gray code from the block's first point. */
  private static final class SobolBlock extends Block {
    private final SobolPoints points;
    private final int[] order;
    private final int quasi;
    private final long[] x;
    private final UniformRandomProvider stream;
    private final ZigguratSampler.NormalizedGaussian normals;
    private long next;
    private boolean started;

    SobolBlock(SobolPoints points, int[] order, long seed, long block) {
      this.points = points;
      this.order = order;
      this.quasi = Math.min(order.length, points.dimensions());
      this.x = new long[points.dimensions()];
      this.next = block * MonteCarloEngine.BLOCK_SIZE;
      this.stream = BlockStreams.forBlock(seed, block);
      this.normals = BlockStreams.normals(stream);
    }

    @Override
    void fill(double[] z, int separateFrom, int count) { // every draw from the point
      if (started) {
        points.advance(next, x);
      } else {
        points.point(next, x);
        points.shift(x);
        started = true;
      }
      next++;
      for (int j = 0; j < quasi; j++) {
        z[order[j]] = InverseNormal.quantile(SobolPoints.toUniform(x[j]));
      }
      for (int j = quasi; j < order.length; j++) {
        z[order[j]] = normals.sample();
      }
    }

    @Override
    UniformRandomProvider auxiliary() {
      return stream;
    }
  }
}
