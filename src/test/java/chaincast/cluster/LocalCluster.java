package chaincast.cluster;

import chaincast.engine.MonteCarloEngine;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.SimulationRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Embedded cluster members on loopback, each with its own engine and runner, for tests. */
final class LocalCluster implements AutoCloseable {

  /** One member: its Hazelcast node, engine and runner. */
  record Member(ClusterNode node, MonteCarloEngine engine, SimulationRunner runner) {}

  final List<Member> members = new ArrayList<>();
  final List<String> addresses;

  LocalCluster(int size) throws IOException {
    addresses = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      addresses.add("127.0.0.1:" + freePort());
    }
  }

  /** Starts member {@code i} with {@code identity} (the model's own, or a wrong one). */
  Member start(int i, Model model, Identity identity, int threads) {
    int port = Integer.parseInt(addresses.get(i).substring(addresses.get(i).indexOf(':') + 1));
    ClusterNode node =
        ClusterNode.start(new ClusterSettings("127.0.0.1", port, addresses), identity);
    MonteCarloEngine engine = new MonteCarloEngine(threads);
    SimulationRunner runner = new SimulationRunner(model, engine, Limits.defaults());
    node.serve(engine, runner.planner());
    Member m = new Member(node, engine, runner);
    members.add(m);
    return m;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Member m : members) {
      m.node().instance().getLifecycleService().terminate();
      m.engine().close();
    }
  }
}
