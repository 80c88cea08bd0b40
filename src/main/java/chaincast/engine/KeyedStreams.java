package chaincast.engine;

import java.nio.charset.StandardCharsets;

/**
 * Random sequences keyed by what draws from them rather than by position in a shared stream: {@code
 * (seed, key, path, purpose)} names one SplitMix64 sequence, read through a reusable {@link Cursor}
 * (no allocation per path).
 *
 * <p>Why: in the block streams every draw's meaning depends on every draw before it, so adding one
 * project event would shift all later shocks of the block. Events and counts draw from keyed
 * sequences instead; a what-if that adds, removes, delays or rescales one of them leaves every
 * other draw of every path unchanged, which is what makes common-random-number comparisons sharp.
 * The key is a 64-bit FNV-1a hash of the event's or count's id, stable across JVMs.
 *
 * <p>The sequence is SplitMix64 (the generator behind {@link java.util.SplittableRandom}): output
 * {@code i} is {@code mix64(start + (i + 1) * golden)}, so any draw can also be read directly by
 * its index ({@link Cursor#at}).
 */
final class KeyedStreams {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private KeyedStreams() {}

  /** The start of the sequence for one purpose of one keyed item on one path of a run. */
  static long start(long seed, long key, long path, int purpose) {
    long h = BlockStreams.mix64(seed ^ BlockStreams.mix64(key));
    h = BlockStreams.mix64(h + GOLDEN_GAMMA * (path + 1));
    return BlockStreams.mix64(h + GOLDEN_GAMMA * (purpose + 1));
  }

  /**
   * The part of {@link #start} that depends on the run and the item only: computed once per block.
   */
  static long itemBase(long seed, long key) {
    return BlockStreams.mix64(seed ^ BlockStreams.mix64(key));
  }

  /**
   * The start of one path's sequence for an item, from its {@link #itemBase}: the draws of a path
   * are {@code mix64(pathStart + (i + 1) * golden)}, read with {@link #uniform}.
   */
  static long pathStart(long itemBase, long path) {
    return BlockStreams.mix64(itemBase + GOLDEN_GAMMA * (path + 1));
  }

  /**
   * Draw number {@code index} of the sequence starting at {@code start}, as a uniform in [0, 1).
   */
  static double uniform(long start, long index) {
    return (BlockStreams.mix64(start + GOLDEN_GAMMA * (index + 1)) >>> 11) * DOUBLE_UNIT;
  }

  /** A stable 64-bit key for an id: FNV-1a over its UTF-8 bytes. */
  static long keyOf(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Reads one keyed sequence; reset it for the next one. Not thread-safe: one per worker. */
  static final class Cursor {
    private long start;
    private long next;

    /** Points the cursor at the first draw of the sequence starting at {@code start}. */
    Cursor reset(long start) {
      this.start = start;
      this.next = 0;
      return this;
    }

    /**
     * Draw number {@code index} of the sequence as a uniform in [0, 1), without moving the cursor.
     */
    double at(long index) {
      return (BlockStreams.mix64(start + GOLDEN_GAMMA * (index + 1)) >>> 11) * DOUBLE_UNIT;
    }

    /** The next uniform in [0, 1). */
    double nextDouble() {
      return at(next++);
    }

    /** The next standard normal (Marsaglia's polar method; the second value is discarded). */
    double nextGaussian() {
      while (true) {
        double u = 2 * nextDouble() - 1;
        double v = 2 * nextDouble() - 1;
        double s = u * u + v * v;
        if (s > 0 && s < 1) {
          return u * Math.sqrt(-2 * Math.log(s) / s);
        }
      }
    }
  }
}
