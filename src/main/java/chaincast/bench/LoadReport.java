package chaincast.bench;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a load run, and its rendering as a Markdown table that pastes into README as it
 * is.
 *
 * @param settings what ran
 * @param seconds length of the measured window
 * @param rows one per RPC called, in {@link LoadRpc} order
 * @param server the server's own figures, or null without a metrics endpoint
 */
public record LoadReport(
    LoadTest.Settings settings,
    double seconds,
    List<Row> rows,
    ServerSampler.ServerFigures server) {
  private static final double MIB = 1024.0 * 1024.0;

  /**
   * One RPC's line.
   *
   * @param codes calls by final status
   * @param p50Ms median latency of OK calls (NaN if none succeeded), likewise p99 and max
   */
  public record Row(
      String rpc,
      Map<Status.Code, Long> codes,
      double p50Ms,
      double p99Ms,
      double maxMs,
      boolean simulate) {
    /** Calls made. */
    public long calls() {
      return codes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls that ended with a status this RPC should not give under load. */
    public long unexpected() {
      long n = 0;
      for (Map.Entry<Status.Code, Long> e : codes.entrySet()) {
        boolean expected =
            e.getKey() == Status.Code.OK
                || (simulate && e.getKey() == Status.Code.RESOURCE_EXHAUSTED);
        n += expected ? 0 : e.getValue();
      }
      return n;
    }
  }

  static LoadReport of(
      LoadTest.Settings settings,
      double seconds,
      LoadTally tally,
      ServerSampler.ServerFigures server) {
    List<Row> rows = new ArrayList<>();
    for (LoadRpc rpc : LoadRpc.values()) {
      Map<Status.Code, Long> codes = tally.codes(rpc);
      if (codes.isEmpty()) {
        continue;
      }
      Histogram h = tally.okLatencies(rpc);
      rows.add(
          new Row(
              rpc.label,
              Map.copyOf(codes),
              h == null ? Double.NaN : h.getValueAtPercentile(50) / 1000.0,
              h == null ? Double.NaN : h.getValueAtPercentile(99) / 1000.0,
              h == null ? Double.NaN : h.getMaxValue() / 1000.0,
              rpc.kind == LoadRpc.Kind.SIMULATE));
    }
    return new LoadReport(settings, seconds, List.copyOf(rows), server);
  }

  /** Calls made, every RPC. */
  public long calls() {
    return rows.stream().mapToLong(Row::calls).sum();
  }

  /** Calls per second over the measured window, every RPC and status. */
  public double throughput() {
    return calls() / seconds;
  }

  /** Calls that ended with a status they should not give under load. */
  public long unexpected() {
    return rows.stream().mapToLong(Row::unexpected).sum();
  }

  /** The row of {@code rpc} (e.g. "SimulationService/Simulate"), if it was called. */
  public Row row(String rpc) {
    return rows.stream().filter(r -> r.rpc().equals(rpc)).findFirst().orElse(null);
  }

  /** The report as Markdown: a heading line, the table, and the summary lines. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append(settings.describe())
        .append(String.format(Locale.ROOT, " (window %.1f s)%n%n", seconds));
    b.append("| RPC | calls | status counts | p50 ms | p99 ms | max ms | calls/s |\n");
    b.append("|---|---:|---|---:|---:|---:|---:|\n");
    Map<Status.Code, Long> all = new TreeMap<>();
    for (Row r : rows) {
      r.codes().forEach((c, n) -> all.merge(c, n, Long::sum));
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %s | %s | %,.1f |%n",
              r.rpc(),
              r.calls(),
              codes(r.codes()),
              ms(r.p50Ms()),
              ms(r.p99Ms()),
              ms(r.maxMs()),
              r.calls() / seconds));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "| all | %,d | %s | | | | %,.1f |%n%n",
            calls(),
            codes(all),
            throughput()));
    b.append("Latencies are of OK calls, as the client saw them. ");
    b.append(
        String.format(
            Locale.ROOT,
            "Unexpected statuses: %,d (expected: OK, and RESOURCE_EXHAUSTED from Simulate when every run slot is taken).%n",
            unexpected()));
    if (server == null) {
      b.append("Server: no figures (give --metrics URL to read its heap, paths and runs).\n");
    } else {
      b.append(
          String.format(
              Locale.ROOT,
              "Server: peak heap %.1f MiB of %.1f MiB, at most %.1f MiB kept after a collection (since start); "
                  + "%,.0f paths simulated (%,.0f paths/s); at most %.0f runs active (sampled each second); "
                  + "%,.0f calls finished.%n",
              server.peakHeapBytes() / MIB,
              server.heapMaxBytes() / MIB,
              server.peakAfterGcBytes() / MIB,
              server.paths(),
              server.pathsPerSecond(),
              server.maxRunsActive(),
              server.calls()));
    }
    return b.toString();
  }

  private static String codes(Map<Status.Code, Long> codes) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(codes)
        .forEach(
            (c, n) ->
                b.append(b.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %,d", c, n)));
    return b.toString();
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 1000 ? "%.1f" : "%,.0f", v);
  }
}
