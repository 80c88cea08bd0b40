package chaincast.fuzz;

import chaincast.engine.ParameterDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values a mutation writes into a field, by type: the edges of every parameter domain (on and
 * just beyond them), subnormal, tiny, huge and non-finite numbers, integer extremes and calendar
 * years around the model's, and strings that are empty, unknown, Unicode, control characters or
 * oversized. Valid ids of the model are among them, so a mutation also produces requests that
 * should succeed.
 */
final class FuzzValues {
  /**
   * Characters of the oversized string: above what any field allows, far above what a status may
   * echo.
   */
  static final int OVERSIZED_CHARS = 100_000;

  private static final double[] SPECIAL_DOUBLES = {
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    -Double.MIN_NORMAL,
    1e-300,
    -1e-300,
    1e-12,
    1e-9,
    1e-7,
    1e-6,
    0.0,
    -0.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    1e300,
    -1e300,
    1e30,
    -1,
    1,
    -0.5,
    0.5,
    2,
    3,
    10,
    11,
    100,
    1e4,
    1e6,
    1e8,
    1e9
  };

  private static final long[] SPECIAL_LONGS = {
    0,
    1,
    -1,
    2,
    16,
    1000,
    2000,
    2020,
    2021,
    2025,
    2035,
    2036,
    1999,
    2100,
    2101,
    50_000_000L,
    50_000_001L,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE
  };

  private final List<String> ids;
  private final List<Double> doubles = new ArrayList<>();
  private final String oversized = "A".repeat(OVERSIZED_CHARS);

  /**
   * @param ids valid ids of the model and the store, so some mutations land on real things
   */
  FuzzValues(List<String> ids) {
    this.ids = List.copyOf(ids);
    for (double d : SPECIAL_DOUBLES) {
      doubles.add(d);
    }
    for (ParameterDomain d : ParameterDomain.values()) {
      double low = d.low();
      double high = d.high();
      doubles.add(low);
      doubles.add(high);
      doubles.add(Math.nextDown(low));
      doubles.add(Math.nextUp(high));
      doubles.add(d.lowOpen() ? Math.nextUp(low) : low);
      doubles.add(d.highOpen() ? Math.nextDown(high) : high);
      if (d.smallest() > 0) {
        doubles.add(d.smallest());
        doubles.add(Math.nextDown(d.smallest()));
        doubles.add(-d.smallest());
      }
    }
  }

  double nextDouble(SplittableRandom r) {
    return r.nextInt(5) == 0
        ? (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 13))
        : doubles.get(r.nextInt(doubles.size()));
  }

  long nextLong(SplittableRandom r) {
    return r.nextInt(5) == 0
        ? r.nextLong(-3000, 3000)
        : SPECIAL_LONGS[r.nextInt(SPECIAL_LONGS.length)];
  }

  String nextString(SplittableRandom r) {
    return switch (r.nextInt(16)) {
      case 0 -> "";
      case 1 -> " ";
      case 2 -> "no-such-id";
      case 3 -> "医药@开发区";
      case 4 -> "🧪💊\u200f\u202eRTL";
      case 5 -> "a\u0000b\u0007\n\t";
      case 6 -> oversized;
      case 7 -> "'; DROP TABLE scenarios; --";
      case 8 -> "../../etc/passwd";
      case 9 -> "%s%n%d${jndi:ldap://x}";
      case 10 -> "x".repeat(r.nextInt(60, 70));
      case 11 -> "中".repeat(r.nextInt(1, 3000));
      default -> ids.get(r.nextInt(ids.size()));
    };
  }
}
