package chaincast.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Where a run's per-path standard normals come from ({@link DrawLayout} says what each one means).
 * Plain Monte Carlo draws them from the block's pseudo-random stream ({@link #PSEUDO_RANDOM});
 * other sources (quasi-random points, tilted draws) fill the same array, so the inner loop is the
 * same whatever the method. Implementations are immutable and shared by the run's threads; each
 * block gets its own {@link Block}.
 */
interface NormalSource {

  /** Plain Monte Carlo: the block's XoRoShiRo128++ stream through the ziggurat. */
  NormalSource PSEUDO_RANDOM =
      new NormalSource() {
        @Override
        public Block forBlock(long seed, long block) {
          return new PseudoRandomNormals(seed, block);
        }

        @Override
        public NormalSourceSpec spec() {
          return NormalSourceSpec.pseudoRandom();
        }
      };

  /** The draws of block {@code block} of a run seeded with {@code seed}. */
  Block forBlock(long seed, long block);

  /**
   * This source as plain values another machine rebuilds it from, or null if it cannot be (the run
   * then stays on this machine).
   */
  default NormalSourceSpec spec() {
    return null;
  }

  /** Whether {@link Block#logRatio} can be other than 0 (the paths then carry weights). */
  default boolean weighted() {
    return false;
  }

  /** One block's draws. Not thread-safe. */
  abstract class Block {

    /**
     * Fills {@code z[0, count)} with the next path's normals. Draws from {@code separateFrom} on
     * (the count cells' base priors, see {@link DrawLayout#countPriorStart}) come from a stream of
     * their own where the source has streams, so that adding or removing count targets, which
     * changes how many of them there are, leaves every other draw where it was.
     */
    abstract void fill(double[] z, int separateFrom, int count);

    /** Fills {@code z[0, count)} with the next path's normals, none of them separate. */
    final void fill(double[] z, int count) {
      fill(z, count, count);
    }

    /**
     * The log of the likelihood ratio (nominal law over sampling law) of the normals last filled: 0
     * unless the source samples from another law than the model's.
     */
    double logRatio() {
      return 0.0;
    }

    /** Uniforms for draws outside the layout (the Student-t chi-squares), in a fixed order. */
    abstract UniformRandomProvider auxiliary();
  }

  /** The plain Monte Carlo block: normals and auxiliary draws from one pseudo-random stream. */
  final class PseudoRandomNormals extends Block {
    private final UniformRandomProvider stream;
    private final ZigguratSampler.NormalizedGaussian normals;
    private final ZigguratSampler.NormalizedGaussian separate;

    PseudoRandomNormals(long seed, long block) {
      this.stream = BlockStreams.forBlock(seed, block);
      this.normals = BlockStreams.normals(stream);
      this.separate = BlockStreams.normals(BlockStreams.separateForBlock(seed, block));
    }

    @Override
    void fill(double[] z, int separateFrom, int count) {
      for (int i = 0; i < separateFrom; i++) {
        z[i] = normals.sample();
      }
      for (int i = separateFrom; i < count; i++) {
        z[i] = separate.sample();
      }
    }

    @Override
    UniformRandomProvider auxiliary() {
      return stream;
    }
  }
}
