package chaincast.engine;

/**
 * How a run turns each path's log weight into the numbers its estimators add up.
 *
 * <p>Why fixed point: the histograms (percentiles, fans) and the hit tallies are merged across
 * workers in whatever order the workers finish, and only integer sums are the same in every order;
 * so a weighted path adds {@code round(UNIT * w)} to them, with {@code w = exp(logWeight - offset)}
 * its weight relative to the run's reference. The estimators' floating-point sums (weighted hits,
 * means, second moments for the errors) are folded block by block in block order instead, so they
 * are reproducible too. The offset is the largest log weight among the first paths of block 0
 * ({@link MonteCarloEngine}), the same whatever the thread count; a path weighing more than {@link
 * #MAX_RELATIVE} times that reference is clamped (and counted), which keeps every sum of a run of
 * up to {@link MonteCarloEngine#MAX_RUN_PATHS} paths inside a long. A path below {@code 1 / (2 *
 * UNIT)} of the reference adds 0 to the histograms (1e-6 of one reference path: no percentile
 * moves).
 *
 * <p>A run without evidence is {@link #UNIFORM}: every path weighs exactly 1, and every sum is the
 * plain count it always was.
 */
final class PathWeights {

  /** Fixed-point unit: a path of relative weight 1 adds this much to a histogram bin. */
  static final long UNIT = 1L << 20;

  /** The largest relative weight kept; heavier paths are clamped to it. */
  static final double MAX_RELATIVE = 2048.0;

  /** Every path weighs 1. */
  static final PathWeights UNIFORM = new PathWeights(false, 0.0);

  /** Whether paths carry weights. */
  final boolean weighted;

  /** The log weight that counts as relative weight 1. */
  final double offset;

  private PathWeights(boolean weighted, double offset) {
    this.weighted = weighted;
    this.offset = offset;
  }

  /** Paths of block 0 whose largest log weight becomes the run's reference. */
  static final int PROBE_PATHS = 1024;

  /**
   * The weights of a run of {@code model} with {@code seed}: {@link #UNIFORM} without evidence,
   * else relative to the largest log weight among the first {@link #PROBE_PATHS} paths of block 0
   * (simulated here, on the calling thread; they are the run's own first paths, so the reference is
   * the same for any thread count).
   */
  static PathWeights forRun(CompiledModel model, long seed) {
    return forRun(model, seed, NormalSource.PSEUDO_RANDOM);
  }

  /**
   * The weights of a run of {@code model} with {@code seed} whose normals come from {@code source}.
   */
  static PathWeights forRun(CompiledModel model, long seed, NormalSource source) {
    if (!model.evidence.weighted && !source.weighted()) {
      return UNIFORM;
    }
    double[] max = {Double.NEGATIVE_INFINITY};
    PathSink probe =
        new PathSink() {
          @Override
          public void onYear(int yearIndex, double[] cellValues, double[] groupValues) {}

          @Override
          public void onWeight(double logWeight) {
            max[0] = Math.max(max[0], logWeight);
          }

          @Override
          public void onPathEnd() {}
        };
    int paths = Math.min(PROBE_PATHS, MonteCarloEngine.BLOCK_SIZE);
    new PathSimulator(model).simulateBlock(source, seed, 0, paths, probe);
    // A probe whose every path has an infinite or NaN log weight leaves no finite reference: 0
    // (every log weight is at most 0) is then as good as any.
    return relativeTo(Double.isFinite(max[0]) ? max[0] : 0.0);
  }

  /** Weights relative to {@code exp(offset)}. */
  static PathWeights relativeTo(double offset) {
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("the weight offset must be finite, got " + offset);
    }
    return new PathWeights(true, offset);
  }

  /** A path's relative weight (1 when unweighted), clamped to {@link #MAX_RELATIVE}. */
  double relative(double logWeight) {
    if (!weighted) {
      return 1.0;
    }
    double w = Math.exp(logWeight - offset);
    return w < MAX_RELATIVE ? w : MAX_RELATIVE;
  }

  /** Whether a path of this log weight is clamped. */
  boolean clamped(double logWeight) {
    return weighted && logWeight - offset > Math.log(MAX_RELATIVE);
  }

  /** The fixed-point weight a path of relative weight {@code w} adds to histograms and tallies. */
  long fixed(double w) {
    return weighted ? Math.round(w * UNIT) : 1L;
  }
}
