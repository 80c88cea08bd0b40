package chaincast.engine;

/**
 * The integer part of a tally, as plain values: what a range of blocks run on another machine adds
 * to a run's hits and histograms. Histograms are sparse (only bins that counted something), so what
 * travels grows with the values seen, not with the histograms' windows, and the receiver adds them
 * into the one histogram per series it already has.
 *
 * @param hits per target, the fixed-point weight of the paths that hit it
 * @param jointHits per joint set, the fixed-point weight of the paths that hit all of it
 * @param hitPaths per target, the paths that hit it
 * @param jointHitPaths per joint set, the paths that hit all of it
 * @param totalWeight the fixed-point weight of every path
 * @param clampedPaths paths whose weight was clamped
 * @param series per value series, its histogram
 * @param countHistograms per target, its count histogram; null for a value target
 */
public record TallyCounts(
    long[] hits,
    long[] jointHits,
    long[] hitPaths,
    long[] jointHitPaths,
    long totalWeight,
    long clampedPaths,
    Bins[] series,
    Counts[] countHistograms) {

  /**
   * A {@link LogHistogram}'s non-zero bins.
   *
   * @param count the weight counted
   * @param min the smallest value counted (+inf when empty)
   * @param max the largest value counted (-inf when empty)
   * @param fineKeys fine bins' keys (the exponent times 1024 plus the bin in the octave), ascending
   * @param fineCounts the fine bins' counts
   * @param coarseExponents the coarse bins' exponents, ascending
   * @param coarseCounts the coarse bins' counts
   */
  public record Bins(
      long count,
      double min,
      double max,
      int[] fineKeys,
      long[] fineCounts,
      int[] coarseExponents,
      long[] coarseCounts) {

    /** Checks that keys and counts pair up. */
    public Bins {
      if (fineKeys.length != fineCounts.length || coarseExponents.length != coarseCounts.length) {
        throw new IllegalArgumentException("histogram keys and counts differ in number");
      }
    }
  }

  /**
   * A {@link CountHistogram}'s non-zero bins.
   *
   * @param exactLength the length of its exact part
   * @param exactIndexes the counts with a non-zero exact bin, ascending
   * @param exactWeights their bins
   * @param large the log bins of large counts, or null when none was seen
   */
  public record Counts(int exactLength, int[] exactIndexes, long[] exactWeights, Bins large) {

    /** Checks that indexes and weights pair up. */
    public Counts {
      if (exactIndexes.length != exactWeights.length) {
        throw new IllegalArgumentException("count indexes and weights differ in number");
      }
    }
  }
}
