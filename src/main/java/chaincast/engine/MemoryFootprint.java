package chaincast.engine;

import java.util.Locale;

/**
 * The most heap a run holds at once, by what holds it, computed from the run's shape before it
 * starts (see {@link RunSizer}). Each part is an upper bound of the structures it names.
 *
 * @param valueHistograms percentiles of targets' and fans' values: one histogram per value series
 *     (a group in a year) and worker thread, each at most its window's pages
 * @param countHistograms percentiles of counts: one histogram per count or chains-above target and
 *     worker thread
 * @param countLaws the count cells' arrival laws, one per distinct rate, shape and span
 * @param workspace the compiled model, the simulators' scratch arrays, buffers and counters, and a
 *     comparison's per-path hit flags
 * @param output the estimates, the report and its encoded copy
 */
public record MemoryFootprint(
    long valueHistograms, long countHistograms, long countLaws, long workspace, long output) {

  /** Nothing. */
  public static final MemoryFootprint NONE = new MemoryFootprint(0, 0, 0, 0, 0);

  /** Bytes of all parts. */
  public long total() {
    return valueHistograms + countHistograms + countLaws + workspace + output;
  }

  /** Both held at once. */
  public MemoryFootprint plus(MemoryFootprint o) {
    return new MemoryFootprint(
        valueHistograms + o.valueHistograms,
        countHistograms + o.countHistograms,
        countLaws + o.countLaws,
        workspace + o.workspace,
        output + o.output);
  }

  /** Extra workspace bytes (held beside the rest). */
  public MemoryFootprint plusWorkspace(long bytes) {
    return new MemoryFootprint(
        valueHistograms, countHistograms, countLaws, workspace + bytes, output);
  }

  /** Whichever of two phases that run one after the other holds more. */
  public static MemoryFootprint larger(MemoryFootprint a, MemoryFootprint b) {
    return a.total() >= b.total() ? a : b;
  }

  /** E.g. "value histograms 61.2 MiB, count histograms 1.1 MiB, ...", the parts above 0. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    part(s, "value histograms", valueHistograms);
    part(s, "count histograms", countHistograms);
    part(s, "count laws", countLaws);
    part(s, "workspace", workspace);
    part(s, "report", output);
    return s.toString();
  }

  private static void part(StringBuilder s, String name, long bytes) {
    if (bytes > 0) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(name).append(' ').append(mebibytes(bytes));
    }
  }

  /** Bytes as MiB with one decimal, e.g. "12.5 MiB". */
  public static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
