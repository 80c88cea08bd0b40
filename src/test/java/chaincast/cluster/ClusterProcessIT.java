package chaincast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.soak.ServerProcess;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateStreamRequest;
import chaincast.v1.SimulateStreamResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.VarianceReduction;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three {@code chaincast serve --cluster} processes from the packaged jar: a Simulate call on one
 * of them gives a single-node server's report bit for bit; so does a call during which another
 * member is SIGKILLed after the first partial results (the first progress of the run, which needs
 * the other members' first ranges), and the coordinator resubmits its range.
 */
class ClusterProcessIT {

  private static ServerProcess serve(String jar, Path dir, List<String> args) throws Exception {
    return ServerProcess.start(jar, List.of("-Xmx384m"), dir, args, 120);
  }

  private static SimulationReport timeless(SimulationReport r) {
    return r.toBuilder().setRun(r.getRun().toBuilder().clearElapsedMillis()).build();
  }

  private static SimulationReport simulate(ManagedChannel channel, SimulationSpec spec) {
    return timeless(
        SimulationServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.MINUTES)
            .simulate(SimulateRequest.newBuilder().setSpec(spec).build())
            .getReport());
  }

  @Test
  void threeProcessesGiveTheSingleNodeReportAlsoWhenAMemberIsKilled() throws Exception {
    String jar = System.getProperty("chaincast.jar");
    Path dir = Files.createTempDirectory("chaincast-cluster-it");
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      addresses.add("127.0.0.1:" + LocalCluster.freePort());
    }
    List<ServerProcess> members = new ArrayList<>();
    ServerProcess single = null;
    List<ManagedChannel> channels = new ArrayList<>();
    try {
      // One after the other: a member serves only once it has joined, so the third one's start
      // means all three are in the cluster.
      for (int i = 0; i < 3; i++) {
        String port = addresses.get(i).substring(addresses.get(i).indexOf(':') + 1);
        members.add(
            serve(
                jar,
                dir.resolve("member" + i),
                List.of(
                    "--no-access-log",
                    "--cluster",
                    String.join(",", addresses),
                    "--cluster-port",
                    port)));
      }
      single = serve(jar, dir.resolve("single"), List.of("--no-access-log"));
      ManagedChannel coordinator = channel(members.get(0).port(), channels);
      ManagedChannel alone = channel(single.port(), channels);

      SimulationSpec first =
          SimulationSpec.newBuilder()
              .setPaths(150_000)
              .setSeed(21)
              .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
              .build();
      assertEquals(simulate(alone, first), simulate(coordinator, first));

      SimulationSpec second = first.toBuilder().setPaths(400_000).setSeed(22).build();
      Iterator<SimulateStreamResponse> stream =
          SimulationServiceGrpc.newBlockingStub(coordinator)
              .withDeadlineAfter(5, TimeUnit.MINUTES)
              .simulateStream(SimulateStreamRequest.newBuilder().setSpec(second).build());
      SimulationReport spread = null;
      boolean killed = false;
      while (stream.hasNext()) {
        SimulateStreamResponse event = stream.next();
        if (event.hasProgress() && !killed) {
          members.get(2).kill(); // SIGKILL, while the next round's ranges are out
          killed = true;
        }
        if (event.hasReport()) {
          spread = timeless(event.getReport());
        }
      }
      assertTrue(killed, "a member was killed during the run");
      assertEquals(simulate(alone, second), spread);
      assertTrue(
          members.get(0).resubmissions() > 0,
          "the coordinator resubmitted the killed member's range: " + members.get(0).lastLines());
    } finally {
      for (ManagedChannel c : channels) {
        c.shutdownNow();
      }
      for (ServerProcess p : members) {
        p.close();
      }
      if (single != null) {
        single.close();
      }
    }
  }

  private static ManagedChannel channel(int port, List<ManagedChannel> channels) {
    ManagedChannel c = ManagedChannelBuilder.forTarget("127.0.0.1:" + port).usePlaintext().build();
    channels.add(c);
    return c;
  }
}
