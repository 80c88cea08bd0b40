package chaincast.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Sobol points in up to {@value #MAX_DIMENSION} dimensions, as 64-bit binary fractions, optionally
 * scrambled. The direction numbers are Joe and Kuo's {@code new-joe-kuo-6.1000} (the file Commons
 * Math's {@link SobolSequenceGenerator} ships and reads), extended by the primitive-polynomial
 * recurrence to 64 bits; point {@code n} is generated in Gray-code order (the order Commons Math
 * uses too), so the next point costs one XOR per coordinate and any point index can be reached
 * directly. The first 2^k points of each coordinate, in any aligned run of 2^k indices, fall one in
 * each interval of width 2^-k.
 *
 * <p>The randomisation ({@link #scrambled}) is Matoušek's affine matrix scramble: each coordinate's
 * generator matrix is multiplied on the left by a random lower-triangular binary matrix with a unit
 * diagonal (output digit j is digit j plus a random combination of the more significant digits),
 * then a random 64-bit digital shift is added. Why this one: it keeps the points a digital (t, m,
 * s)-net with the same t (so the stratification above survives the randomisation), every point is
 * uniform on [0, 1)^s, it randomises all 64 bits rather than only shifting them, and it costs
 * nothing per point (the scrambled direction numbers are computed once); it is the scramble SciPy's
 * {@code qmc.Sobol} uses. Owen's nested scrambling has a better variance rate only for smooth
 * integrands, while a hit indicator is discontinuous, and costs a hash per coordinate and point.
 */
final class SobolPoints {

  /** Dimensions the direction numbers cover. */
  static final int MAX_DIMENSION = 1000;

  /** Bits of each direction number. */
  static final int BITS = 64;

  private static final String FILE = "/assets/org/apache/commons/math3/random/new-joe-kuo-6.1000";

  /** Unscrambled direction numbers of every dimension, loaded once. */
  private static volatile long[][] joeKuo;

  /** Per dimension, the 64 direction numbers (index k: bit k of the Gray code, bit 0 lowest). */
  final long[][] direction;

  /**
   * The same direction numbers by Gray-code bit, then dimension: {@link #advance} reads one
   * contiguous row instead of one array per dimension.
   */
  private final long[][] byBit;

  /** Per dimension, the digital shift added to every point (0 when unscrambled). */
  final long[] shift;

  private SobolPoints(long[][] direction, long[] shift) {
    this.direction = direction;
    this.shift = shift;
    this.byBit = new long[BITS][direction.length];
    for (int d = 0; d < direction.length; d++) {
      for (int k = 0; k < BITS; k++) {
        byBit[k][d] = direction[d][k];
      }
    }
  }

  /** The plain Sobol points in {@code dims} dimensions. */
  static SobolPoints plain(int dims) {
    checkDims(dims);
    long[][] all = joeKuo();
    long[][] direction = new long[dims][];
    for (int d = 0; d < dims; d++) {
      direction[d] = all[d].clone();
    }
    return new SobolPoints(direction, new long[dims]);
  }

  /**
   * Sobol points in {@code dims} dimensions under a random affine matrix scramble drawn from {@code
   * random}.
   */
  static SobolPoints scrambled(int dims, UniformRandomProvider random) {
    checkDims(dims);
    long[][] all = joeKuo();
    long[][] direction = new long[dims][];
    long[] shift = new long[dims];
    long[] rows = new long[BITS];
    for (int d = 0; d < dims; d++) {
      // row j (from the most significant digit) of the lower-triangular matrix: the unit diagonal
      // and random bits on the more significant digits
      for (int j = 0; j < BITS; j++) {
        long diagonal = 1L << (BITS - 1 - j);
        long above = j == 0 ? 0 : random.nextLong() & (-1L << (BITS - j));
        rows[j] = diagonal | above;
      }
      direction[d] = new long[BITS];
      for (int k = 0; k < BITS; k++) {
        direction[d][k] = multiply(rows, all[d][k]);
      }
      shift[d] = random.nextLong();
    }
    return new SobolPoints(direction, shift);
  }

  /** The matrix product {@code rows · v} over GF(2), bit j of the result from row j. */
  private static long multiply(long[] rows, long v) {
    long out = 0;
    for (int j = 0; j < BITS; j++) {
      out |= (long) (Long.bitCount(rows[j] & v) & 1) << (BITS - 1 - j);
    }
    return out;
  }

  /** Dimensions. */
  int dimensions() {
    return direction.length;
  }

  /** Writes point {@code index} (Gray-code order) into {@code x}, unshifted. */
  void point(long index, long[] x) {
    long gray = index ^ (index >>> 1);
    for (int d = 0; d < x.length; d++) {
      long v = 0;
      long[] dir = direction[d];
      for (long g = gray; g != 0; g &= g - 1) {
        v ^= dir[Long.numberOfTrailingZeros(g)];
      }
      x[d] = v;
    }
  }

  /**
   * Moves {@code x} from point {@code index - 1} to point {@code index} (shifted or not: the shift
   * is an XOR too, so it stays).
   */
  void advance(long index, long[] x) {
    long[] row = byBit[Long.numberOfTrailingZeros(index)];
    for (int d = 0; d < x.length; d++) {
      x[d] ^= row[d];
    }
  }

  /** Adds the digital shift to an unshifted point. */
  void shift(long[] x) {
    for (int d = 0; d < x.length; d++) {
      x[d] ^= shift[d];
    }
  }

  /** The uniform of coordinate {@code d} whose unshifted digits are {@code bits}. */
  double uniform(int d, long bits) {
    return toUniform(bits ^ shift[d]);
  }

  /**
   * The uniform of a shifted coordinate: the midpoint of its 2^-52 cell, from 2^-53 to 1 - 2^-53,
   * so never 0 or 1 (with 53 bits the last midpoint, 1 - 2^-54, would round to 1).
   */
  static double toUniform(long shifted) {
    return ((shifted >>> 12) + 0.5) * 0x1p-52;
  }

  private static void checkDims(int dims) {
    if (dims < 1 || dims > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "Sobol dimensions must be from 1 to " + MAX_DIMENSION + ", got " + dims);
    }
  }

  private static long[][] joeKuo() {
    long[][] all = joeKuo;
    if (all == null) {
      synchronized (SobolPoints.class) {
        all = joeKuo;
        if (all == null) {
          all = load();
          joeKuo = all;
        }
      }
    }
    return all;
  }

  /** Reads the direction-number file: a header, then per dimension d, s, a and m_1..m_s. */
  private static long[][] load() {
    long[][] all = new long[MAX_DIMENSION][];
    all[0] = new long[BITS];
    for (int k = 0; k < BITS; k++) {
      all[0][k] = 1L << (BITS - 1 - k); // van der Corput: every m_i is 1
    }
    try (InputStream in = SobolSequenceGenerator.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("Sobol direction numbers not on the class path: " + FILE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // header
      for (int d = 1; d < MAX_DIMENSION; d++) {
        String[] f = reader.readLine().trim().split("\\s+", -1);
        int s = Integer.parseInt(f[1]);
        long a = Long.parseLong(f[2]);
        long[] m = new long[s + 1];
        for (int i = 1; i <= s; i++) {
          m[i] = Long.parseLong(f[2 + i]);
        }
        all[d] = directions(s, a, m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** Bratley and Fox's recurrence for one dimension's direction numbers, 64 bits wide. */
  private static long[] directions(int s, long a, long[] m) {
    long[] v = new long[BITS + 1]; // 1-based as in the literature
    for (int i = 1; i <= Math.min(s, BITS); i++) {
      v[i] = m[i] << (BITS - i);
    }
    for (int i = s + 1; i <= BITS; i++) {
      v[i] = v[i - s] ^ (v[i - s] >>> s);
      for (int k = 1; k < s; k++) {
        v[i] ^= ((a >>> (s - 1 - k)) & 1) * v[i - k];
      }
    }
    long[] out = new long[BITS];
    System.arraycopy(v, 1, out, 0, BITS);
    return out;
  }
}
