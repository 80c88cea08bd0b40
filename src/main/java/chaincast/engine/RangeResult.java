package chaincast.engine;

import java.util.Objects;

/**
 * What blocks {@code [first, first + blockSums.length)} of a run contribute, as another machine
 * returns them: each block's floating-point sums, to be folded in block order, and the range's
 * integer counts, which add up exactly in any order.
 *
 * @param first the range's first block
 * @param blockSums per block of the range, in block order, its sums
 * @param counts the range's integer counts and histograms
 */
public record RangeResult(long first, double[][] blockSums, TallyCounts counts) {

  /** Checks the parts. */
  public RangeResult {
    Objects.requireNonNull(blockSums, "blockSums");
    Objects.requireNonNull(counts, "counts");
    if (first < 0 || blockSums.length == 0) {
      throw new IllegalArgumentException("a range result needs a first block >= 0 and blocks");
    }
  }

  /** One past the range's last block. */
  public long end() {
    return first + blockSums.length;
  }
}
