package chaincast.engine;

/**
 * Sizes runs before they start: the {@link MemoryFootprint} of a {@link MonteCarloEngine#run}, a
 * {@link MonteCarloEngine#compare} or a {@link PathSampler}, from the projection and settings
 * alone, so that a server can admit runs against its heap.
 *
 * <p>Every structure whose size depends on the request is bounded by construction, and this counts
 * each at its bound: a value histogram at every page of its window ({@link SeriesWindows}), a count
 * histogram at its exact part and every log page, a count law at the length its recursion reaches
 * (computed here, without storing it), per worker thread (a run uses at most one per block). What
 * does not depend on the request (the engine's pool, the model) is not counted. Array sizes follow
 * {@link Footprint}'s 64-bit layout, and arrays that G1 may store as humongous objects count twice.
 */
public final class RunSizer {
  /**
   * Bytes of the objects behind a run that the other parts do not count (futures, lists,
   * estimates).
   */
  private static final long RUN_OVERHEAD = 64 * 1024;

  private RunSizer() {}

  /**
   * The footprint of {@code engine.run(projection, settings, ...)} on an engine of {@code threads}
   * threads.
   *
   * @throws IllegalArgumentException if the projection is inconsistent (as the run would)
   */
  public static MemoryFootprint run(Projection projection, RunSettings settings, int threads) {
    CompiledModel m = CompiledModel.compile(projection, false, CountTables.sizing());
    long limit = settings.isPrecisionRun() ? settings.maxPaths() : settings.paths();
    int workers = workers(limit, threads);
    int percentiles = settings.percentiles().length;
    long valueHistograms = 0;
    long largestSeries = 0;
    for (int s = 0; s < m.series.count; s++) {
      long h = LogHistogram.maxBytes(m.windows.octaves(s));
      valueHistograms += h;
      largestSeries = Math.max(largestSeries, h);
    }
    long countHistograms = 0;
    long largestCounts = 0;
    for (int t = 0; t < m.targets.count; t++) {
      if (!m.targets.isValue[t]) {
        long h = CountHistogram.maxBytes(m.counts.targetMaxCount[t]);
        countHistograms += h;
        largestCounts = Math.max(largestCounts, h);
      }
    }
    // Each worker's tallies, plus one merged histogram at a time while the result is read.
    valueHistograms = workers * valueHistograms + largestSeries;
    countHistograms = workers * countHistograms + largestCounts;
    long perWorker =
        Tally.maxBytes(m, false)
            + Footprint.refArray(m.series.count)
            + Footprint.doubleArray((long) m.series.count * Tally.CHUNK)
            + simulatorBytes(m)
            + 64;
    long rounds =
        Footprint.refArray(MonteCarloEngine.MAX_ROUND_BLOCKS)
            + MonteCarloEngine.MAX_ROUND_BLOCKS * Footprint.doubleArray(2L * m.targets.count);
    long workspace = compiledBytes(m) + workers * perWorker + rounds + RUN_OVERHEAD;
    long estimates =
        Footprint.doubleArray(percentiles) * (m.series.count + 2L * m.targets.count)
            + (long) m.series.fanCount * m.yearCount * Footprint.doubleArray(percentiles);
    long report = reportBytes(m, percentiles);
    return new MemoryFootprint(
        valueHistograms, countHistograms, CountTables.bytesFor(m), workspace, estimates + report);
  }

  /**
   * The footprint of {@code engine.compare(a, b, paths, ...)} on an engine of {@code threads}
   * threads: both compiled sides, their shared count laws, per worker two simulators, two hit
   * counters and the first side's hit flags of a block, and the blocks' counts waiting for the
   * scheduler's in-order merge (a slot per block of the run, and about a merge batch of counts:
   * {@link ThreadPoolBlockScheduler#MERGE_BATCH} plus a few per worker held back behind a slower
   * one).
   */
  public static MemoryFootprint compare(Projection a, Projection b, long paths, int threads) {
    CountTables sizing = CountTables.sizing();
    CompiledModel ma = CompiledModel.compile(a, false, sizing);
    CompiledModel mb = CompiledModel.compile(b, false, sizing);
    int workers = workers(paths, threads);
    int targets = ma.targets.count;
    long perWorker =
        simulatorBytes(ma)
            + simulatorBytes(mb)
            + Tally.maxBytes(ma, false)
            + Tally.maxBytes(mb, false)
            + Footprint.booleanArray((long) MonteCarloEngine.BLOCK_SIZE * targets)
            + Footprint.longArray(4L * targets)
            + 64;
    long blocks = BlockRange.blocksFor(Math.max(1, paths));
    long waiting =
        Footprint.refArray(blocks)
            + Math.min(blocks, ThreadPoolBlockScheduler.MERGE_BATCH + 2L * workers)
                * Footprint.longArray(4L * targets);
    long workspace =
        compiledBytes(ma) + compiledBytes(mb) + workers * perWorker + waiting + RUN_OVERHEAD;
    long output = Footprint.longArray(4L * targets) + targets * 2048L;
    return new MemoryFootprint(0, 0, CountTables.bytesFor(ma, mb), workspace, output);
  }

  /** The footprint of a {@link PathSampler} of {@code projection} while it samples one block. */
  public static MemoryFootprint sampler(Projection projection) {
    CompiledModel m = CompiledModel.compile(projection, true, CountTables.sizing());
    return new MemoryFootprint(
        0, 0, CountTables.bytesFor(m), compiledBytes(m) + simulatorBytes(m) + 4096, 0);
  }

  /** Workers a run of {@code paths} paths uses: one per block at most. */
  static int workers(long paths, int threads) {
    long blocks = (Math.max(1, paths) - 1) / MonteCarloEngine.BLOCK_SIZE + 1;
    return (int) Math.max(1, Math.min(threads, blocks));
  }

  /** A simulator's scratch arrays. */
  private static long simulatorBytes(CompiledModel m) {
    return 256
        + 3 * Footprint.doubleArray(m.order.count)
        + Footprint.doubleArray(m.cells.chainFactorCount + 1L)
        + Footprint.doubleArray(m.groups.count)
        + Footprint.intArray(m.events.count)
        + Footprint.doubleArray(m.events.count)
        + Footprint.intArray((long) m.counts.count * m.yearCount)
        + Footprint.longArray(m.counts.count);
  }

  /**
   * The compiled model's arrays: per cell, per event and per count cell a few numbers and their
   * years, the groups' cells, and per year the lists of what moves and what is recorded.
   */
  private static long compiledBytes(CompiledModel m) {
    long years = m.yearCount;
    long groupCells = m.groups.start[m.groups.count];
    long perYearLists =
        years
            * (Footprint.intArray(m.order.count) * 2
                + Footprint.intArray(m.groups.count)
                + Footprint.intArray(m.series.count)
                + Footprint.intArray(m.targets.count)
                + Footprint.intArray(m.events.count)
                + 64);
    return 4096
        + 16 * Footprint.doubleArray(m.order.count)
        + m.events.count * (Footprint.doubleArray(years) + 64)
        + 10 * Footprint.doubleArray(m.counts.count)
        + m.counts.count * Footprint.intArray(years)
        + Footprint.intArray(groupCells)
        + Footprint.intArray(m.groups.count + 1L)
        + 12 * Footprint.doubleArray(m.targets.count)
        + m.targets.count * 64L
        + (long) m.series.fanCount * Footprint.intArray(years)
        + 4 * Footprint.intArray(m.series.count)
        + perYearLists;
  }

  /**
   * The report built from the result and its encoded copy: about 200 bytes of message objects per
   * number reported (a percentile value is a message of two doubles), twice over.
   */
  private static long reportBytes(CompiledModel m, int percentiles) {
    long numbers =
        (long) m.series.fanCount * m.yearCount * percentiles
            + (long) m.targets.count * (percentiles + 30)
            + m.targets.jointCount * 20L;
    return 2 * 200 * numbers + 64 * 1024;
  }
}
