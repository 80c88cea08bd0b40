package chaincast.engine;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs {@link Projection}s by Monte Carlo on a fixed pool of worker threads.
 *
 * <h2>Model</h2>
 *
 * Each cell moves in log space from its base year to the horizon (see {@link CellSpec}, {@link
 * ShockSpec}, {@link EventSpec}); groups sum their cells' values on every path; targets, joint sets
 * and fans are evaluated on the groups.
 *
 * <h2>Reproducibility</h2>
 *
 * Paths are simulated in blocks of {@link #BLOCK_SIZE}; block {@code b} draws from its own stream
 * {@link BlockStreams#forBlock(long, long) forBlock(seed, b)} and covers paths {@code [b *
 * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)}. Workers claim blocks in any order ({@link BlockScheduler});
 * hits, histogram counts and min/max merge exactly in any order, and floating-point sums are kept
 * per block and folded in block order. So a result (all but {@link RunResult#elapsedNanos()}) is
 * bit-identical for the same projection, settings and seed whatever the thread count, and the first
 * {@code n} paths of a run are the same whatever the run's length.
 *
 * <h2>Rounds</h2>
 *
 * A run proceeds in rounds of whole blocks whose sizes depend only on the settings and on the
 * estimates so far (never on the thread count): a fixed-path run uses rounds of 4, 4, 8, 16, ...
 * blocks, doubling up to {@value #MAX_ROUND_BLOCKS}; a precision run starts with one block and
 * sizes each further round to reach the wanted half-width, at most doubling the paths done. After
 * each round the {@link ProgressListener} is told (on the caller's thread) and a precision run
 * checks whether every target's and joint set's 95% half-width is at most the wanted one.
 *
 * <h2>Estimators and their resolution</h2>
 *
 * Hit probabilities are hit counts ({@link BinomialEstimate}, Wilson interval) or, where valid and
 * narrower, conditional estimates ({@link ConditionalPlan}); {@link RunSettings#variance()} may
 * also ask for quasi-random paths ({@link RandomizedQmcRun}) and importance sampling of rare
 * targets ({@link RareTargets}), and each target reports the method it got. Value percentiles and
 * fans come from log-binned histograms with bins at most 2^-10 (0.098 %) of the value wide,
 * interpolated inside the bin and clamped to the exact sample min/max: a percentile is within 0.1 %
 * of the sample percentile, in memory that does not grow with the path count. Means and expected
 * shortfalls are exact sums (folded in block order) over paths. Chains-above values are integer
 * counts kept in an exact histogram; their percentiles are the smallest count whose cumulative
 * frequency reaches the percentile.
 *
 * <h2>Cancellation</h2>
 *
 * Every worker polls the {@link CancellationSignal} before each block (from the worker threads, so
 * it must be thread-safe); once it fires every worker stops after at most the block it is running,
 * and {@link #run} throws {@link RunCancelledException} with the number of paths completed. An
 * interrupt of the calling thread cancels the same way (and the interrupt flag is kept).
 *
 * <p>Thread-safe: several runs may share one engine (and its threads).
 */
public final class MonteCarloEngine implements AutoCloseable {

  /** Paths per block, i.e. per independent random stream. */
  public static final int BLOCK_SIZE = 4096;

  /** Most paths of one run: histogram bins count in {@code int}s. */
  public static final long MAX_RUN_PATHS = Integer.MAX_VALUE;

  /** Largest round, in blocks: bounds the time between progress reports. */
  static final int MAX_ROUND_BLOCKS = 64;

  /**
   * First round of a fixed-path run, in blocks: enough to keep up to four threads busy from the
   * start (a one-block round idles all threads but one). Precision runs start with one block so as
   * not to overshoot small needs.
   */
  static final int FIRST_FIXED_ROUND_BLOCKS = 4;

  private final BlockScheduler scheduler;

  /** Where runs with an origin spread their blocks besides this machine; null: nowhere. */
  private volatile BlockDistributor distributor;

  /** Paths simulated since this engine was made, added block by block (for operators' metrics). */
  private final LongAdder pathsSimulated = new LongAdder();

  /**
   * An engine with its own pool of {@code threads} worker threads (daemon threads named {@code
   * chaincast-engine-N}).
   */
  public MonteCarloEngine(int threads) {
    this(new ThreadPoolBlockScheduler(threads));
  }

  /** An engine whose blocks run on {@code scheduler}; closing the engine closes it. */
  MonteCarloEngine(BlockScheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * Spreads the blocks of runs given a {@link RemoteOrigin} over {@code distributor} too (a
   * cluster); null keeps every run on this machine. Runs started later use it.
   *
   * @param distributor the cluster's scheduler, or null
   */
  public void distributeWith(BlockDistributor distributor) {
    this.distributor = distributor;
  }

  /** Number of worker threads. */
  public int threads() {
    return scheduler.parallelism();
  }

  /** The most heap {@link #run} of this projection with these settings holds on this engine. */
  public MemoryFootprint footprintOfRun(Projection projection, RunSettings settings) {
    return RunSizer.run(projection, settings, scheduler.parallelism());
  }

  /** The most heap {@link #compare} of these projections holds on this engine. */
  public MemoryFootprint footprintOfComparison(Projection a, Projection b, long paths) {
    return RunSizer.compare(a, b, paths, scheduler.parallelism());
  }

  /**
   * Paths simulated so far by every run on this engine, cancelled ones included; a paired path
   * ({@link #compare}) counts once per side. It grows block by block, so its rate is the engine's
   * throughput while a long run is still going.
   */
  public long pathsSimulated() {
    return pathsSimulated.sum();
  }

  /**
   * Runs a projection.
   *
   * @param projection what to simulate
   * @param settings paths or precision, seed and percentiles
   * @param cancel polled before every block
   * @param progress told after every round, on this thread
   * @return the estimates
   * @throws IllegalArgumentException if the projection or settings are inconsistent
   * @throws RunCancelledException if {@code cancel} fires or this thread is interrupted
   * @throws IllegalStateException if the engine is closed
   */
  public RunResult run(
      Projection projection,
      RunSettings settings,
      CancellationSignal cancel,
      ProgressListener progress) {
    return run(projection, settings, (RemoteOrigin) null, cancel, progress);
  }

  /**
   * Runs a projection planned from {@code origin}: with a {@link #distributeWith distributor}, its
   * blocks may run on other machines, which plan the same projection from the origin; the result is
   * the same, bit for bit, as a run on this machine alone.
   *
   * @param projection what to simulate
   * @param settings paths or precision, seed and percentiles
   * @param origin the request {@code projection} was planned from, or null to stay on this machine
   * @param cancel polled before every block
   * @param progress told after every round, on this thread
   * @return the estimates
   * @throws IllegalArgumentException if the projection or settings are inconsistent
   * @throws RunCancelledException if {@code cancel} fires or this thread is interrupted
   * @throws IllegalStateException if the engine is closed
   */
  public RunResult run(
      Projection projection,
      RunSettings settings,
      RemoteOrigin origin,
      CancellationSignal cancel,
      ProgressListener progress) {
    Objects.requireNonNull(settings, "settings");
    RunSettings.VarianceReduction how = settings.variance();
    RunResult first =
        how == RunSettings.VarianceReduction.QUASI_RANDOM
                || (how == RunSettings.VarianceReduction.AUTO && quasiRandomPays(settings))
            ? RandomizedQmcRun.run(
                this,
                projection,
                settings,
                RandomizedQmcRun.RANDOMISATIONS,
                origin,
                cancel,
                progress)
            : run(projection, settings, NormalSource.PSEUDO_RANDOM, origin, cancel, progress);
    if ((how == RunSettings.VarianceReduction.AUTO && quasiRandomPays(settings))
        || how == RunSettings.VarianceReduction.IMPORTANCE) {
      return RareTargets.refine(this, projection, settings, first, origin, cancel);
    }
    return first;
  }

  /**
   * Runs a projection with its paths' normals from {@code source} (plain Monte Carlo: {@link
   * NormalSource#PSEUDO_RANDOM}); the building block of the variance-reduced methods.
   */
  RunResult run(
      Projection projection,
      RunSettings settings,
      NormalSource source,
      CancellationSignal cancel,
      ProgressListener progress) {
    return run(projection, settings, source, null, cancel, progress);
  }

  /** As above; with an origin (not null) and a distributor, blocks may run on other machines. */
  RunResult run(
      Projection projection,
      RunSettings settings,
      NormalSource source,
      RemoteOrigin origin,
      CancellationSignal cancel,
      ProgressListener progress) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(cancel, "cancel");
    Objects.requireNonNull(progress, "progress");
    long started = System.nanoTime();
    CompiledModel model = CompiledModel.compile(projection, false);
    double[] percentiles = validate(settings);

    PathWeights weights = PathWeights.forRun(model, settings.seed(), source);
    Worker[] workers = new Worker[scheduler.parallelism()];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker(model, weights, source);
    }
    RunTotals totals = new RunTotals(workers, settings.variance());
    boolean precision = settings.isPrecisionRun();
    long limit = precision ? settings.maxPaths() : settings.paths();
    long totalBlocks = BlockRange.blocksFor(limit);
    double wanted = settings.wantedHalfWidth();

    BlockDistributor spread = distributor;
    NormalSourceSpec described = source.spec();
    RemoteJob job =
        spread == null || origin == null || described == null
            ? null
            : new RemoteJob(
                origin, settings.seed(), described, weights.weighted, weights.offset, limit);
    long blocksDone = 0;
    long roundBlocks = precision ? 1 : FIRST_FIXED_ROUND_BLOCKS;
    while (true) {
      roundBlocks = Math.min(roundBlocks, totalBlocks - blocksDone);
      BlockRange round = new BlockRange(blocksDone, blocksDone + roundBlocks, limit);
      BlockScheduler.Work<double[]> work =
          (slot, block, paths) -> {
            double[] blockSums = workers[slot].simulate(settings.seed(), block, paths);
            pathsSimulated.add(paths);
            return blockSums;
          };
      if (job == null) {
        scheduler.run(round, work, (block, blockSums) -> totals.foldBlock(blockSums), cancel);
      } else {
        runSpread(spread, job, round, work, totals, cancel);
      }
      blocksDone += roundBlocks;
      long pathsDone = Math.min(blocksDone * BLOCK_SIZE, limit);
      List<BinomialEstimate> targets = totals.targetEstimates(pathsDone);
      List<BinomialEstimate> joints = totals.jointEstimates(pathsDone);
      double widest = RunTotals.maxHalfWidth(targets, joints);
      progress.onProgress(
          new RunProgress(pathsDone, limit, targets, widest, System.nanoTime() - started));

      RunStopReason reason = stopReason(precision, blocksDone == totalBlocks, widest <= wanted);
      if (reason != null) {
        return totals.result(pathsDone, reason, percentiles, System.nanoTime() - started);
      }
      long doubling = Math.min(MAX_ROUND_BLOCKS, blocksDone);
      roundBlocks =
          precision
              ? Math.max(
                  1,
                  Math.min(
                      doubling, blocksToReach(targets, joints, wanted, pathsDone) - blocksDone))
              : doubling;
    }
  }

  /**
   * Runs a round's blocks here and through {@code spread}, then folds every block's sums in block
   * order, as {@link BlockScheduler#run} would have: the remote ranges' counts join the totals as
   * an imported tally.
   */
  private void runSpread(
      BlockDistributor spread,
      RemoteJob job,
      BlockRange round,
      BlockScheduler.Work<double[]> work,
      RunTotals totals,
      CancellationSignal cancel) {
    double[][] sums = new double[Math.toIntExact(round.blockCount())][];
    long first = round.first();
    spread.run(
        job,
        first,
        round.end(),
        (a, b) ->
            scheduler.run(
                new BlockRange(a, b, round.pathLimit()),
                work,
                (block, blockSums) -> sums[(int) (block - first)] = blockSums,
                cancel),
        remote -> {
          if (remote.first() < first || remote.end() > round.end()) {
            throw new IllegalStateException("a remote range lies outside the round");
          }
          totals.importCounts(remote.counts());
          for (int i = 0; i < remote.blockSums().length; i++) {
            sums[(int) (remote.first() - first) + i] = remote.blockSums()[i];
          }
        },
        cancel);
    for (int i = 0; i < sums.length; i++) {
      if (sums[i] == null) {
        throw new IllegalStateException("block " + (first + i) + " ended without a result");
      }
      totals.foldBlock(sums[i]);
    }
  }

  /**
   * Simulates blocks {@code [first, end)} of a run another machine coordinates, on this engine's
   * threads with fresh tallies: each block's sums in block order and the range's integer counts,
   * exactly what those blocks contribute on the coordinator.
   *
   * @param projection the projection planned from the job's origin (the whole one)
   * @param job the run's seed, normals and weights
   * @param first the first block
   * @param end one past the last block
   * @param cancel polled before every block
   * @return the range's result
   * @throws RunCancelledException if {@code cancel} fires or this thread is interrupted
   */
  public RangeResult simulateRange(
      Projection projection, RemoteJob job, long first, long end, CancellationSignal cancel) {
    CompiledModel model = CompiledModel.compile(job.origin().shape(projection), false);
    NormalSource source = job.source().toSource(model.layout);
    PathWeights weights = job.weights();
    Worker[] workers = new Worker[scheduler.parallelism()];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker(model, weights, source);
    }
    BlockRange range = new BlockRange(first, end, job.pathLimit());
    double[][] sums = new double[Math.toIntExact(range.blockCount())][];
    scheduler.run(
        range,
        (slot, block, paths) -> {
          double[] blockSums = workers[slot].simulate(job.seed(), block, paths);
          pathsSimulated.add(paths);
          return blockSums;
        },
        (block, blockSums) -> sums[(int) (block - first)] = blockSums,
        cancel);
    Tally all = new Tally(model, true, weights);
    for (Worker w : workers) {
      if (w.tally != null) {
        all.add(w.tally);
      }
    }
    return new RangeResult(first, sums, all.counts());
  }

  /**
   * Fewest paths of a fixed run that {@link RunSettings.VarianceReduction#AUTO} samples by
   * randomised quasi-Monte Carlo and refines rare targets: 16 randomisations of at least 1024
   * points each. Below that the randomisations' spread says little about the error, and a run that
   * small is a quick look, not worth an importance-sampling pass's pilot runs.
   */
  static final long MIN_QUASI_RANDOM_PATHS = 16 * 1024;

  /**
   * Whether AUTO samples by randomised quasi-Monte Carlo, and refines rare targets by importance
   * sampling: always for a precision run (it starts at a block per randomisation), and for fixed
   * runs of at least {@link #MIN_QUASI_RANDOM_PATHS}. Measured on the seeded 2025 output targets
   * (README, "Variance reduction"), its conditional estimates cut the variance 21 to 173 times
   * against 1.5 to 3.8 times on pseudo-random paths, at about twice the cost per path, and the hit
   * count on the same paths stays available to each target may still report.
   */
  private static boolean quasiRandomPays(RunSettings settings) {
    return settings.isPrecisionRun() || settings.paths() >= MIN_QUASI_RANDOM_PATHS;
  }

  /** Why the run stops after this round, or null if it goes on. */
  private static RunStopReason stopReason(
      boolean precision, boolean allBlocksDone, boolean preciseEnough) {
    if (!precision) {
      return allBlocksDone ? RunStopReason.PATHS_DONE : null;
    }
    if (preciseEnough) {
      return RunStopReason.PRECISION_REACHED;
    }
    return allBlocksDone ? RunStopReason.PATH_CAP : null;
  }

  /**
   * Runs two projections with the same targets on common random numbers (the same seed, the same
   * streams, path for path) and counts, per target, the hits on each side and the paths on which
   * they disagree (see {@link ComparisonResult}).
   *
   * @throws IllegalArgumentException if a projection is inconsistent or their targets differ
   * @throws RunCancelledException if {@code cancel} fires or this thread is interrupted
   * @throws IllegalStateException if the engine is closed
   */
  public ComparisonResult compare(
      Projection a, Projection b, long paths, long seed, CancellationSignal cancel) {
    Objects.requireNonNull(cancel, "cancel");
    return new PairedRun(scheduler, pathsSimulated).run(a, b, paths, seed, cancel);
  }

  /**
   * Blocks needed for every half-width to shrink to {@code wanted}, predicted from the current ones
   * with the 1/sqrt(n) law. Deterministic: depends on the estimates only.
   */
  private static long blocksToReach(
      List<BinomialEstimate> targets, List<BinomialEstimate> joints, double wanted, long paths) {
    double needed = paths;
    for (List<BinomialEstimate> list : List.of(targets, joints)) {
      for (BinomialEstimate e : list) {
        double ratio = e.halfWidth() / wanted;
        needed = Math.max(needed, paths * ratio * ratio);
      }
    }
    double blocks = Math.ceil(needed / BLOCK_SIZE);
    return blocks >= 0x1p62
        ? Long.MAX_VALUE / 2
        : (long) blocks; // 2^62: Long.MAX_VALUE / 2 as a double
  }

  /**
   * One worker slot's state: a simulator (scratch arrays) and a tally, kept across the rounds of a
   * run. Allocated by the worker thread that first uses it, so that it lands in that thread's
   * allocation buffer: allocated together by one thread, the workers' small, constantly written
   * arrays would share cache lines (false sharing cost the small model a third of its 2-thread
   * speed).
   */
  static final class Worker {
    private final CompiledModel model;
    private final PathWeights weights;
    private final NormalSource source;
    PathSimulator simulator;
    Tally tally;

    Worker(CompiledModel model, PathWeights weights, NormalSource source) {
      this.model = model;
      this.weights = weights;
      this.source = source;
    }

    PathWeights weights() {
      return weights;
    }

    CompiledModel model() {
      return model;
    }

    /**
     * Simulates one block into this slot's tally and returns the block's floating-point sums (a
     * copy), which the run folds in block order.
     */
    double[] simulate(long seed, long block, int paths) {
      if (tally == null) {
        simulator = new PathSimulator(model);
        tally = new Tally(model, true, weights);
      }
      tally.beginBlock();
      simulator.simulateBlock(source, seed, block, paths, tally);
      tally.endBlock();
      return tally.blockSums.clone();
    }
  }

  private static double[] validate(RunSettings s) {
    if (s.isPrecisionRun()) {
      String problem = ParameterDomain.HALF_WIDTH.violation(s.wantedHalfWidth());
      if (problem != null) {
        throw new IllegalArgumentException("wanted half-width " + problem);
      }
      if (s.maxPaths() < 1 || s.maxPaths() > MAX_RUN_PATHS) {
        throw new IllegalArgumentException(
            "a precision run needs maxPaths from 1 to " + MAX_RUN_PATHS + ", got " + s.maxPaths());
      }
    } else {
      if (!(s.wantedHalfWidth() == 0)) {
        throw new IllegalArgumentException(
            "wanted half-width must be 0 (fixed paths) or positive (a precision run), got "
                + s.wantedHalfWidth());
      }
      if (s.paths() < 1 || s.paths() > MAX_RUN_PATHS) {
        throw new IllegalArgumentException(
            "paths must be from 1 to " + MAX_RUN_PATHS + ", got " + s.paths());
      }
    }
    double[] pct = s.percentiles();
    for (double p : pct) {
      String problem = ParameterDomain.PERCENTILE.violation(p);
      if (problem != null) {
        throw new IllegalArgumentException("percentile " + problem);
      }
    }
    return pct;
  }

  /** Stops the worker threads, waiting up to 10 s for running blocks to end. */
  @Override
  public void close() {
    scheduler.close();
  }
}
