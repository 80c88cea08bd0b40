package chaincast.bench;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one load client saw, per RPC: how many calls ended with each status code, and the latencies
 * of the successful ones (HdrHistogram, microseconds, three significant digits, sized to the range
 * seen). Each client keeps its own, with no locks, and they are merged at the end.
 */
final class LoadTally {
  private final Map<LoadRpc, Map<Status.Code, Long>> codes = new EnumMap<>(LoadRpc.class);
  private final Map<LoadRpc, Histogram> latencies = new EnumMap<>(LoadRpc.class);
  private long calls;

  void record(LoadRpc rpc, Status.Code code, long nanos) {
    calls++;
    codes.computeIfAbsent(rpc, r -> new TreeMap<>()).merge(code, 1L, Long::sum);
    if (code == Status.Code.OK) {
      latencies.computeIfAbsent(rpc, r -> new Histogram(3)).recordValue(Math.max(1, nanos / 1000));
    }
  }

  /** Adds every count and latency of {@code other}. */
  void add(LoadTally other) {
    calls += other.calls;
    other.codes.forEach(
        (rpc, m) ->
            m.forEach(
                (code, n) ->
                    codes.computeIfAbsent(rpc, r -> new TreeMap<>()).merge(code, n, Long::sum)));
    other.latencies.forEach(
        (rpc, h) -> latencies.computeIfAbsent(rpc, r -> new Histogram(3)).add(h));
  }

  /** Calls of {@code rpc} by final status code. */
  Map<Status.Code, Long> codes(LoadRpc rpc) {
    return codes.getOrDefault(rpc, Map.of());
  }

  /** Latencies of {@code rpc}'s OK calls in microseconds, or null if none succeeded. */
  Histogram okLatencies(LoadRpc rpc) {
    return latencies.get(rpc);
  }

  /** Calls recorded, every RPC. */
  long calls() {
    return calls;
  }
}
