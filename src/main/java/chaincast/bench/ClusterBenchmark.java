package chaincast.bench;

import chaincast.cluster.ClusterNode;
import chaincast.cluster.ClusterSettings;
import chaincast.cluster.Identity;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.SimulationRunner;
import chaincast.seed.SeedLoader;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationSpec;
import chaincast.v1.VarianceReduction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of one seeded run on this machine alone, through the cluster scheduler with a cluster
 * of one member, and spread over three embedded members on loopback, measured in the same JVM one
 * after the other, with the reports checked to be the same bit for bit. Run: {@code java -cp
 * target/chaincast.jar chaincast.bench.ClusterBenchmark [paths] [threads] [repeats]}.
 */
public final class ClusterBenchmark {
  private ClusterBenchmark() {}

  /** Runs the comparison and prints it. */
  public static void main(String[] args) throws Exception {
    long paths = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Model model = SeedLoader.fromClasspath();
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setPaths(paths)
            .setSeed(2025)
            .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
            .build();
    System.out.printf(
        Locale.ROOT,
        "Seeded model, every 2025 target, %,d paths, plain Monte Carlo, %d engine threads per"
            + " member, %d cores; best of %d runs after a warm-up%n",
        paths,
        threads,
        Runtime.getRuntime().availableProcessors(),
        repeats);
    double local;
    SimulationReport reference;
    try (MonteCarloEngine engine = new MonteCarloEngine(threads)) {
      SimulationRunner runner = new SimulationRunner(model, engine, Limits.defaults());
      reference = run(runner, spec);
      local = best(runner, spec, repeats, reference);
    }
    print("local engine (no cluster)", local, local, paths, 0, 0);
    // The control for 3 members: as many engine threads in one engine. On a shared machine more
    // threads take a larger share of its cores; this line tells that apart from the cluster.
    try (MonteCarloEngine engine = new MonteCarloEngine(3 * threads)) {
      SimulationRunner runner = new SimulationRunner(model, engine, Limits.defaults());
      run(runner, spec);
      print("local engine, 3x the threads", best(runner, spec, repeats, null), local, paths, 0, 0);
    }
    for (int size : new int[] {1, 3}) {
      List<ClusterNode> nodes = new ArrayList<>();
      List<MonteCarloEngine> engines = new ArrayList<>();
      try {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          addresses.add("127.0.0.1:" + freePort());
        }
        SimulationRunner coordinator = null;
        for (int i = 0; i < size; i++) {
          int port = Integer.parseInt(addresses.get(i).substring("127.0.0.1:".length()));
          ClusterNode node =
              ClusterNode.start(
                  new ClusterSettings("127.0.0.1", port, addresses), Identity.of(model));
          MonteCarloEngine engine = new MonteCarloEngine(threads);
          SimulationRunner runner = new SimulationRunner(model, engine, Limits.defaults());
          node.serve(engine, runner.planner());
          nodes.add(node);
          engines.add(engine);
          if (i == 0) {
            engine.distributeWith(node.scheduler());
            coordinator = runner;
          }
        }
        long rangesBefore = nodes.get(0).scheduler().remoteRanges();
        long bytesBefore = nodes.get(0).scheduler().answerBytes();
        run(coordinator, spec);
        double seconds = best(coordinator, spec, repeats, reference);
        long ranges = nodes.get(0).scheduler().remoteRanges() - rangesBefore;
        long bytes = nodes.get(0).scheduler().answerBytes() - bytesBefore;
        print(
            size + (size == 1 ? " member (cluster scheduler)" : " members (one JVM, loopback)"),
            seconds,
            local,
            paths,
            ranges / (repeats + 1),
            bytes / (repeats + 1));
      } finally {
        for (ClusterNode n : nodes) {
          n.close();
        }
        engines.forEach(MonteCarloEngine::close);
      }
    }
  }

  private static SimulationReport run(SimulationRunner runner, SimulationSpec spec) {
    SimulationReport r = runner.run(spec, CancellationSignal.NEVER, p -> {});
    return r.toBuilder().setRun(r.getRun().toBuilder().clearElapsedMillis()).build();
  }

  /** The fastest of {@code repeats} runs, in seconds; each report must equal the reference. */
  private static double best(
      SimulationRunner runner, SimulationSpec spec, int repeats, SimulationReport reference) {
    double[] seconds = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      SimulationReport r = run(runner, spec);
      seconds[i] = (System.nanoTime() - start) / 1e9;
      if (reference != null && !r.equals(reference)) {
        throw new IllegalStateException("a spread run's report differs from the local one");
      }
    }
    return Arrays.stream(seconds).min().orElseThrow();
  }

  private static void print(
      String what, double seconds, double local, long paths, long ranges, long bytes) {
    System.out.printf(
        Locale.ROOT,
        "%-36s %6.2f s  %,11.0f paths/s  %.2fx local  remote ranges/run %3d  answer MiB/run %.1f%n",
        what,
        seconds,
        paths / seconds,
        local / seconds,
        ranges,
        bytes / 1048576.0);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
