package chaincast.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The count laws of one run, one per distinct (mean rate, shape, span): count cells with the
 * same parameters (often every county's cell of a row, or every cell a scenario overrides alike)
 * and the two sides of a comparison share one {@link CountTable}. Thread-safe.
 */
final class CountTables {
  private record Key(double rate, double shape, int years) {}

  private final Map<Key, CountTable> tables = new HashMap<>();

  /** The law for these parameters, built on first use. */
  synchronized CountTable get(double rate, double shape, int years) {
    return tables.computeIfAbsent(new Key(rate, shape, years), k -> CountTable.of(k.rate(), k.shape(), k.years()));
  }

  /**
   * Heap bytes of the distinct count laws the given models (compiled without laws) will build
   * when they are compiled on one {@code CountTables}.
   */
  static long bytesFor(CompiledModel... models) {
    Map<Key, Long> sizes = new HashMap<>();
    for (CompiledModel m : models) {
      for (int k : m.countCellsDrawn) {
        if (m.countYears[k].length > 0) {
          sizes.computeIfAbsent(
              new Key(m.countRate[k], m.countShape[k], m.countFirstSpan(k)),
              key -> CountTable.bytesOf(key.rate(), key.shape(), key.years()) + 64);
        }
      }
    }
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }
}
