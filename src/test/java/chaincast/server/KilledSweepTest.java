package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.soak.ServerProcess;
import chaincast.v1.CellOverride;
import chaincast.v1.GetSweepRequest;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SweepAxis;
import chaincast.v1.SweepGrid;
import chaincast.v1.SweepParameter;
import chaincast.v1.SweepPointResult;
import chaincast.v1.SweepQuantity;
import chaincast.v1.SweepRequest;
import chaincast.v1.SweepResponse;
import chaincast.v1.SweepResult;
import chaincast.v1.SweepServiceGrpc;
import chaincast.v1.SweepState;
import chaincast.v1.TargetSelection;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep survives the SIGKILL of the server coordinating it: a real server process ({@code java
 * -cp <test classpath> chaincast.cli.Main serve}) is killed once three points have been streamed,
 * restarted on the same data directory, and the same request resumes: exactly the points stored
 * before the kill are read back (none recomputed), only the missing ones run, and the result equals
 * an uninterrupted sweep bit for bit.
 */
class KilledSweepTest {
  static final int POINTS = 24;
  static final List<String> JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  @TempDir Path dataDir;

  static SweepRequest request(String id) {
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setPaths(100_000)
            .setSeed(20261201L)
            .setIgnoreSeededObservations(true)
            .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025-lianyun"))
            .setInlineOverrides(
                ScenarioOverrides.newBuilder()
                    .addCells(
                        CellOverride.newBuilder()
                            .setCellId("pharma@lianyun")
                            .setBaseValue(10)
                            .setDriftSd(0)
                            .setVolatility(0.2)))
            .build();
    SweepAxis.Builder axis =
        SweepAxis.newBuilder()
            .setParameter(
                SweepParameter.newBuilder()
                    .setCellId("pharma@lianyun")
                    .setQuantity(SweepQuantity.SWEEP_QUANTITY_BASE_VALUE));
    for (int i = 0; i < POINTS; i++) {
      axis.addValues(0.05 + 0.02 * i);
    }
    return SweepRequest.newBuilder()
        .setSweepId(id)
        .setSpec(spec)
        .setGrid(SweepGrid.newBuilder().addAxes(axis))
        .build();
  }

  static ManagedChannel channel(ServerProcess server) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  static SweepResult drain(Iterator<SweepResponse> it) {
    SweepResult result = null;
    while (it.hasNext()) {
      SweepResponse r = it.next();
      if (r.hasResult()) {
        result = r.getResult();
      }
    }
    return result;
  }

  static List<SweepPointResult> strip(List<SweepPointResult> points) {
    return points.stream()
        .map(p -> p.toBuilder().clearResumed().build())
        .collect(Collectors.toList());
  }

  @Test
  void aSweepResumesAfterItsServerIsKilledWithoutRecomputingStoredPoints() throws Exception {
    String cp = System.getProperty("java.class.path");
    SweepRequest request = request("killed-sweep");
    int seen = 0;
    try (ServerProcess server = ServerProcess.start(cp, JVM, dataDir, List.of(), 180)) {
      ManagedChannel ch = channel(server);
      try {
        Iterator<SweepResponse> it =
            SweepServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(300, TimeUnit.SECONDS)
                .sweep(request);
        while (seen < 3 && it.hasNext()) {
          if (it.next().hasProgress()) {
            seen++;
          }
        }
        server.kill(); // SIGKILL while point 4 or later runs
        try {
          drain(it);
        } catch (StatusRuntimeException expected) {
          // the stream dies with the server
        }
      } finally {
        ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    assertEquals(3, seen);

    try (ServerProcess server = ServerProcess.start(cp, JVM, dataDir, List.of(), 180)) {
      ManagedChannel ch = channel(server);
      try {
        SweepServiceGrpc.SweepServiceBlockingStub stub =
            SweepServiceGrpc.newBlockingStub(ch).withDeadlineAfter(300, TimeUnit.SECONDS);
        SweepResult before =
            stub.getSweep(GetSweepRequest.newBuilder().setSweepId("killed-sweep").build())
                .getSweep();
        int stored = before.getPointsCount();
        assertEquals(SweepState.SWEEP_STATE_INCOMPLETE, before.getState());
        assertTrue(
            stored >= 3 && stored < POINTS,
            "every streamed point was stored before the kill, and some were left: " + stored);

        SweepResult resumed = drain(stub.sweep(request));
        assertEquals(stored, resumed.getPointsResumed(), "stored points are read back");
        assertEquals(POINTS - stored, resumed.getPointsComputed(), "only missing points run");
        for (SweepPointResult p : resumed.getPointsList()) {
          assertEquals(p.getIndex() < stored, p.getResumed(), "point " + p.getIndex());
        }
        // The stored points are those from before the kill, untouched by the resumed call.
        assertEquals(before.getPointsList(), strip(resumed.getPointsList()).subList(0, stored));

        SweepResult whole = drain(stub.sweep(request("uninterrupted")));
        assertEquals(POINTS, whole.getPointsComputed());
        assertEquals(strip(whole.getPointsList()), strip(resumed.getPointsList()));
        assertFalse(whole.getPointsList().isEmpty());
        assertEquals(
            SweepState.SWEEP_STATE_DONE,
            stub.getSweep(GetSweepRequest.newBuilder().setSweepId("killed-sweep").build())
                .getSweep()
                .getState());
      } finally {
        ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }
}
