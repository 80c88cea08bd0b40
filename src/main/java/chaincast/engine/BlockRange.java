package chaincast.engine;

/**
 * Blocks {@code [first, end)} of a run of {@code pathLimit} paths: block {@code b} covers paths
 * {@code [b * BLOCK_SIZE, min((b + 1) * BLOCK_SIZE, pathLimit))}, so only the run's last block may
 * be partial.
 *
 * @param first first block of the range
 * @param end one past the last block of the range
 * @param pathLimit paths in the whole run
 */
record BlockRange(long first, long end, long pathLimit) {

  /** Checks that the range is non-empty and lies within the run. */
  BlockRange {
    if (pathLimit < 1) {
      throw new IllegalArgumentException("pathLimit must be >= 1, got " + pathLimit);
    }
    if (first < 0 || end <= first || end > blocksFor(pathLimit)) {
      throw new IllegalArgumentException(
          "block range ["
              + first
              + ", "
              + end
              + ") is empty or outside the run's "
              + blocksFor(pathLimit)
              + " blocks");
    }
  }

  /** Blocks needed for {@code paths} paths. */
  static long blocksFor(long paths) {
    return (paths - 1) / MonteCarloEngine.BLOCK_SIZE + 1;
  }

  /** Number of blocks in the range. */
  long blockCount() {
    return end - first;
  }

  /** Paths in block {@code b}: a full block but for the run's last. */
  int pathsIn(long b) {
    return (int) Math.min(MonteCarloEngine.BLOCK_SIZE, pathLimit - b * MonteCarloEngine.BLOCK_SIZE);
  }

  /** Paths in the blocks before this range. */
  long pathsBefore() {
    return Math.min(first * MonteCarloEngine.BLOCK_SIZE, pathLimit);
  }
}
