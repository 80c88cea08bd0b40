package chaincast.engine;

/**
 * Heap sizes of arrays, as upper bounds on a 64-bit HotSpot JVM: a 16-byte array header, elements
 * rounded up to 8 bytes, references counted at 8 bytes (compressed or not).
 *
 * <p>G1 puts an array of half a region or more in whole regions of its own ("humongous"), which can
 * waste up to as much again; regions are at least 1 MiB, so an array of 512 KiB or more is counted
 * twice.
 */
final class Footprint {
  /** Arrays from this size on may be humongous in G1 (half of the smallest region). */
  static final long HUMONGOUS_FROM = 512 * 1024;

  private Footprint() {}

  /** Bytes of an array of {@code n} elements of {@code elementBytes} each. */
  static long array(long n, int elementBytes) {
    long bytes = 16 + ((Math.max(0, n) * elementBytes + 7) & ~7L);
    return bytes >= HUMONGOUS_FROM ? 2 * bytes : bytes;
  }

  static long intArray(long n) {
    return array(n, 4);
  }

  static long longArray(long n) {
    return array(n, 8);
  }

  static long doubleArray(long n) {
    return array(n, 8);
  }

  static long booleanArray(long n) {
    return array(n, 1);
  }

  static long refArray(long n) {
    return array(n, 8);
  }
}
