package chaincast.engine;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random streams keyed by what draws from them rather than by position in a shared sequence:
 * {@code (seed, key, path, purpose)} names one {@link SplittableRandom}.
 *
 * <p>Why: in the block streams every draw's meaning depends on every draw before it, so adding
 * one project event would shift all later shocks of the block. Events and counts draw from keyed
 * streams instead; a what-if that adds, removes, delays or rescales one of them leaves every
 * other draw of every path unchanged, which is what makes common-random-number comparisons
 * sharp. The key is a 64-bit FNV-1a hash of the event's or count's id, stable across JVMs.
 */
final class KeyedStreams {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private KeyedStreams() {}

  /** The stream for one purpose of one keyed item on one path of a run with {@code seed}. */
  static SplittableRandom stream(long seed, long key, long path, int purpose) {
    long h = SplittableRandomAdapter.mix64(seed ^ SplittableRandomAdapter.mix64(key));
    h = SplittableRandomAdapter.mix64(h + GOLDEN_GAMMA * (path + 1));
    h = SplittableRandomAdapter.mix64(h + GOLDEN_GAMMA * (purpose + 1));
    return new SplittableRandom(h);
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
}
