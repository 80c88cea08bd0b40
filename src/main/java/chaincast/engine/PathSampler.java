package chaincast.engine;

/**
 * The engine's paths one by one, for callers that need per-path values rather than estimates:
 * simulates a block of a projection with the engine's own inner loop and hands every path's cell
 * and group values, year by year (and its drift and counts, before its years), to a {@link
 * PathVisitor}.
 *
 * <p>Two kinds of callers use it: production code that works on the joint law of inputs and output
 * path by path (the Shapley variance importance of {@code chaincast.sensitivity}, which regresses a
 * target's value on its inputs), and the engine's tests (conservation, correlation, conditioning),
 * which check the inner loop path by path.
 *
 * <p>The paths are the engine's: block {@code b} with seed {@code s} here is block {@code b} of
 * {@code MonteCarloEngine.run} with seed {@code s} (the same {@code PathSimulator}, the same random
 * streams). The only difference is what is recorded: here every cell and group in every year from
 * the first year to the horizon, which costs an {@code exp} per cell-year but draws no random
 * numbers, so it does not change the paths. It runs on the calling thread, a block per call, and
 * does not poll for cancellation: a caller that samples many blocks checks its own signal between
 * them. Thread-safe: each call simulates with its own scratch state.
 */
public final class PathSampler {

  /** Receives one path-year. Arrays are reused: copy what you keep. */
  @FunctionalInterface
  public interface PathVisitor {
    /**
     * Receives the values of one path in one recorded year.
     *
     * @param path index of the path in the run, {@code block * BLOCK_SIZE + i}
     * @param year calendar year
     * @param cellValues value of each cell, in projection order
     * @param groupValues value of each group, in projection order
     */
    void visit(long path, int year, double[] cellValues, double[] groupValues);

    /**
     * One path's counts, before its years (only when the projection has count cells): count cell
     * k's count at the end of calendar year y is {@code counts[k * yearCount() + y - firstYear()]}.
     */
    default void visitCounts(long path, int[] counts) {}

    /**
     * One path's drift (mean log growth a year) per cell, in projection order, before its years.
     */
    default void visitDrift(long path, double[] drift) {}

    /**
     * The log of one path's weight, after its years (only when observations weight the paths, see
     * {@link PathSink#onWeight}): callers that estimate from sampled paths weigh each by {@code
     * exp(logWeight - max)}.
     */
    default void visitWeight(long path, double logWeight) {}
  }

  private final CompiledModel model;

  /**
   * Validates and compiles a projection for sampling.
   *
   * @throws IllegalArgumentException if the projection is inconsistent (as {@link
   *     MonteCarloEngine#run} would)
   */
  public PathSampler(Projection projection) {
    this.model = CompiledModel.compile(projection, true);
  }

  /** First simulated year. */
  public int firstYear() {
    return model.firstYear;
  }

  /** Years from the first year to the horizon. */
  public int yearCount() {
    return model.yearCount;
  }

  /** Whether observations weight the sampled paths (see {@link PathVisitor#visitWeight}). */
  public boolean weighted() {
    return model.evidence.weighted;
  }

  /** Last simulated year. */
  public int horizonYear() {
    return model.horizonYear;
  }

  /**
   * Simulates the first {@code paths} paths of block {@code block} of a run seeded with {@code
   * seed}.
   *
   * @param paths 1 to {@link MonteCarloEngine#BLOCK_SIZE}
   */
  public void sampleBlock(long seed, long block, int paths, PathVisitor visitor) {
    if (paths < 1 || paths > MonteCarloEngine.BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "paths must be in [1, " + MonteCarloEngine.BLOCK_SIZE + "], got " + paths);
    }
    if (block < 0) {
      throw new IllegalArgumentException("block must be >= 0, got " + block);
    }
    double[] cells = new double[model.order.count];
    int[] projectionIndex = model.order.projectionIndex;
    PathSink sink =
        new PathSink() {
          long path = block * MonteCarloEngine.BLOCK_SIZE;

          @Override
          public void onYear(int yearIndex, double[] cellValues, double[] groupValues) {
            for (int i = 0; i < cells.length; i++) {
              cells[projectionIndex[i]] = cellValues[i];
            }
            visitor.visit(path, model.firstYear + yearIndex, cells, groupValues);
          }

          final double[] drift = new double[model.order.count];

          @Override
          public boolean wantsDrift() {
            return true;
          }

          @Override
          public void onDrift(double[] mu) {
            for (int i = 0; i < drift.length; i++) {
              drift[projectionIndex[i]] = mu[i];
            }
            visitor.visitDrift(path, drift);
          }

          @Override
          public void onCounts(int[] counts) {
            visitor.visitCounts(path, counts);
          }

          @Override
          public void onWeight(double logWeight) {
            visitor.visitWeight(path, logWeight);
          }

          @Override
          public void onPathEnd() {
            path++;
          }
        };
    new PathSimulator(model).simulateBlock(seed, block, paths, sink);
  }
}
