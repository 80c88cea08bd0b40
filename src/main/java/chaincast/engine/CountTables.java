package chaincast.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The count laws of one run, one per distinct (mean rate, shape, span): count cells with the same
 * parameters (often every county's cell of a row, or every cell a scenario overrides alike) and the
 * two sides of a comparison share one {@link CountTable}. Thread-safe.
 */
final class CountTables {
  private record Key(double rate, double shape, int years) {}

  private final Map<Key, CountTable> tables = new HashMap<>();
  private final Map<Key, Integer> lasts = new HashMap<>();
  private final boolean build;

  /** Laws built on first use, for a run. */
  CountTables() {
    this(true);
  }

  private CountTables(boolean build) {
    this.build = build;
  }

  /** No law built, only their lengths found (once per distinct law): for sizing a run. */
  static CountTables sizing() {
    return new CountTables(false);
  }

  /** The law for these parameters, built on first use; null when only sizing. */
  synchronized CountTable get(double rate, double shape, int years) {
    if (!build) {
      return null;
    }
    return tables.computeIfAbsent(
        new Key(rate, shape, years), k -> CountTable.of(k.rate(), k.shape(), k.years()));
  }

  /** The most arrivals the law for these parameters draws ({@link CountTable#last()}). */
  synchronized int last(double rate, double shape, int years) {
    Key key = new Key(rate, shape, years);
    CountTable built = tables.get(key);
    if (built != null) {
      return built.last();
    }
    return lasts.computeIfAbsent(key, k -> CountTable.lastOf(k.rate(), k.shape(), k.years()));
  }

  /**
   * Heap bytes of the distinct count laws the given models (compiled without laws) will build when
   * they are compiled on one {@code CountTables}.
   */
  static long bytesFor(CompiledModel... models) {
    Map<Key, Long> sizes = new HashMap<>();
    for (CompiledModel m : models) {
      CountCells c = m.counts;
      for (int k : c.drawn) {
        if (c.years[k].length > 0) {
          sizes.computeIfAbsent(
              new Key(c.rate[k], c.shape[k], c.firstSpan(k)),
              key -> CountTable.bytesOf(key.rate(), key.shape(), key.years()) + 64);
        }
      }
    }
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }
}
