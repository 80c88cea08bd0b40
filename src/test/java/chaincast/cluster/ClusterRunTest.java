package chaincast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.cluster.v1.BlockResult;
import chaincast.cluster.v1.RefusalReason;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.NormalSourceSpec;
import chaincast.engine.RemoteJob;
import chaincast.engine.RemoteOrigin;
import chaincast.model.Model;
import chaincast.run.Limits;
import chaincast.run.SimulationRunner;
import chaincast.seed.SeedLoader;
import chaincast.v1.Precision;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import chaincast.v1.VarianceReduction;
import com.hazelcast.cluster.Member;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three embedded members in this JVM on loopback: a run spread over them gives the single-node
 * report bit for bit (plain, default AUTO with quasi-random paths and importance sampling, and a
 * precision run), also when a member leaves after the first partial result; a member with another
 * model digest is refused and the run goes on without it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunTest {
  private static Model model;
  private static LocalCluster cluster;
  private static LocalCluster.Member coordinator;
  private static MonteCarloEngine alone;
  private static SimulationRunner single;

  @BeforeAll
  static void startCluster() throws Exception {
    model = SeedLoader.fromClasspath();
    cluster = new LocalCluster(3);
    for (int i = 0; i < 3; i++) {
      cluster.start(i, model, Identity.of(model), 1);
    }
    coordinator = cluster.members.get(0);
    coordinator.engine().distributeWith(coordinator.node().scheduler());
    assertEquals(3, coordinator.node().instance().getCluster().getMembers().size());
    alone = new MonteCarloEngine(1);
    single = new SimulationRunner(model, alone, Limits.defaults());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
    alone.close();
  }

  private static SimulationReport run(SimulationRunner runner, SimulationSpec spec) {
    SimulationReport r = runner.run(spec, CancellationSignal.NEVER, p -> {});
    return r.toBuilder().setRun(r.getRun().toBuilder().clearElapsedMillis()).build();
  }

  /** Runs {@code spec} spread and alone; returns the ranges other members ran. */
  private static long assertSameAsSingleNode(SimulationSpec spec) {
    ClusterBlockScheduler scheduler = coordinator.node().scheduler();
    long before = scheduler.remoteRanges();
    SimulationReport spread = run(coordinator.runner(), spec);
    long remote = scheduler.remoteRanges() - before;
    assertTrue(remote > 0, "other members ran some of the blocks");
    assertEquals(run(single, spec), spread);
    return remote;
  }

  @Test
  @Order(1)
  void plainRunIsBitIdentical() {
    assertSameAsSingleNode(
        SimulationSpec.newBuilder()
            .setPaths(120_000)
            .setSeed(11)
            .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
            .build());
  }

  @Test
  @Order(2)
  void defaultAutoRunWithQuasiRandomAndImportanceIsBitIdentical() {
    SimulationSpec spec = SimulationSpec.newBuilder().setPaths(40_000).setSeed(12).build();
    SimulationReport r = run(single, spec);
    assertTrue(
        r.getOddsList().stream()
            .anyMatch(o -> o.getMethod().name().equals("ESTIMATION_METHOD_IMPORTANCE")),
        "the run reaches its importance-sampling pass");
    assertSameAsSingleNode(spec);
  }

  @Test
  @Order(3)
  void precisionRunIsBitIdentical() {
    assertSameAsSingleNode(
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().setChainId("pharma").setYear(2025))
            .setPrecision(Precision.newBuilder().setHalfWidth(0.004).setMaxPaths(400_000))
            .setSeed(13)
            .build());
  }

  @Test
  @Order(4)
  void memberWithAnotherModelIsRefusedAndTheRunGoesOn() throws Exception {
    LocalCluster stranger = new LocalCluster(0);
    stranger.addresses.addAll(cluster.addresses);
    stranger.addresses.add("127.0.0.1:" + LocalCluster.freePort());
    String wrong = "0".repeat(64);
    LocalCluster.Member odd =
        stranger.start(3, model, new Identity(wrong, Identity.thisEngineVersion()), 1);
    try {
      Member oddMember = odd.node().instance().getCluster().getLocalMember();
      // The task names both digests.
      byte[] task =
          Wire.task(
                  new RemoteJob(
                      RemoteOrigin.of(
                          SimulationSpec.newBuilder()
                              .setPaths(4096)
                              .setSeed(1)
                              .build()
                              .toByteArray()),
                      1,
                      new NormalSourceSpec(
                          NormalSourceSpec.Kind.PSEUDO_RANDOM, 0, 0, new double[0], 0),
                      false,
                      0,
                      4096),
                  0,
                  1,
                  coordinator.node().identity())
              .toByteArray();
      Future<byte[]> answer =
          coordinator
              .node()
              .instance()
              .getExecutorService(ClusterNode.EXECUTOR)
              .submitToMember(new BlockCall(task), oddMember);
      BlockResult refused = BlockResult.parseFrom(answer.get(60, TimeUnit.SECONDS));
      assertEquals(
          RefusalReason.REFUSAL_REASON_MODEL_DIGEST_MISMATCH, refused.getRefusal().getReason());
      String message = refused.getRefusal().getMessage();
      assertTrue(
          message.contains(wrong) && message.contains(coordinator.node().identity().modelDigest()),
          message);
      // A run with it in the cluster leaves it out and still gives the single node's report.
      assertSameAsSingleNode(
          SimulationSpec.newBuilder()
              .setPaths(60_000)
              .setSeed(14)
              .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
              .build());
      assertTrue(
          coordinator.node().scheduler().refusedMembers().contains(oddMember.getUuid()),
          "the member with another model is left out");
    } finally {
      stranger.close();
    }
  }

  @Test
  @Order(5)
  void memberLeavingAfterTheFirstPartialResultChangesNothing() {
    ClusterBlockScheduler scheduler = coordinator.node().scheduler();
    LocalCluster.Member leaving = cluster.members.get(2);
    Member gone = leaving.node().instance().getCluster().getLocalMember();
    AtomicBoolean left = new AtomicBoolean();
    scheduler.listener(
        (from, first, end) -> {
          if (left.compareAndSet(false, true)) {
            leaving.node().instance().getLifecycleService().terminate();
          }
        });
    long resubmittedBefore = scheduler.resubmitted();
    try {
      assertSameAsSingleNode(
          SimulationSpec.newBuilder()
              .setPaths(200_000)
              .setSeed(15)
              .setVarianceReduction(VarianceReduction.VARIANCE_REDUCTION_PLAIN)
              .build());
    } finally {
      scheduler.listener((from, first, end) -> {});
    }
    assertTrue(left.get(), "the member was stopped");
    assertTrue(
        scheduler.resubmitted() > resubmittedBefore,
        "a range of the member that left (" + gone.getAddress() + ") was resubmitted");
  }
}
