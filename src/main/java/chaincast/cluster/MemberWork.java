package chaincast.cluster;

import chaincast.cluster.v1.BlockResult;
import chaincast.cluster.v1.BlockTask;
import chaincast.cluster.v1.Refusal;
import chaincast.cluster.v1.RefusalReason;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.Projection;
import chaincast.engine.RangeResult;
import chaincast.run.PlanningException;
import chaincast.run.ProjectionPlanner;
import chaincast.v1.SimulationSpec;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A member's side of the cluster: checks that a task comes from a coordinator with the same model
 * and engine, plans the request into the projection (cached per request, as a run sends many tasks
 * of one request), and simulates the task's blocks on this member's engine with fresh tallies.
 */
public final class MemberWork {

  /** Requests whose projection is kept: a few concurrent runs' worth. */
  private static final int CACHED_PLANS = 16;

  private final Identity identity;
  private final MonteCarloEngine engine;
  private final ProjectionPlanner planner;

  private final Map<ByteString, Projection> plans =
      new LinkedHashMap<>(CACHED_PLANS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Projection> eldest) {
          return size() > CACHED_PLANS;
        }
      };

  /**
   * The work of a member serving {@code identity}'s model.
   *
   * @param identity this member's model digest and engine version
   * @param engine simulates the blocks
   * @param planner plans requests on this member's model
   */
  public MemberWork(Identity identity, MonteCarloEngine engine, ProjectionPlanner planner) {
    this.identity = identity;
    this.engine = engine;
    this.planner = planner;
  }

  /** This member's identity. */
  public Identity identity() {
    return identity;
  }

  /** Answers a task: its blocks' result, or a refusal saying why not. */
  byte[] answer(byte[] taskBytes) {
    BlockTask task;
    try {
      task = BlockTask.parseFrom(taskBytes);
    } catch (InvalidProtocolBufferException e) {
      return refuse(RefusalReason.REFUSAL_REASON_PLANNING_FAILED, "unreadable task: " + e);
    }
    if (!task.getModelDigest().equals(identity.modelDigest())) {
      return refuse(
          RefusalReason.REFUSAL_REASON_MODEL_DIGEST_MISMATCH,
          "model digest mismatch: this member's model is "
              + identity.modelDigest()
              + ", the coordinator's "
              + task.getModelDigest()
              + "; start every member with the same seeds");
    }
    if (!task.getEngineVersion().equals(identity.engineVersion())) {
      return refuse(
          RefusalReason.REFUSAL_REASON_ENGINE_VERSION_MISMATCH,
          "engine version mismatch: this member's engine is "
              + identity.engineVersion()
              + ", the coordinator's "
              + task.getEngineVersion()
              + "; run the same build on every member");
    }
    Projection projection;
    try {
      projection = plan(task.getRequest());
    } catch (InvalidProtocolBufferException | PlanningException e) {
      return refuse(
          RefusalReason.REFUSAL_REASON_PLANNING_FAILED,
          "this member cannot plan the request: " + e.getMessage());
    }
    RangeResult result =
        engine.simulateRange(
            projection,
            Wire.job(task),
            task.getFirstBlock(),
            task.getEndBlock(),
            CancellationSignal.NEVER); // the coordinator's cancel interrupts this thread
    return BlockResult.newBuilder().setRange(Wire.encode(result)).build().toByteArray();
  }

  private Projection plan(ByteString request) throws InvalidProtocolBufferException {
    synchronized (plans) {
      Projection cached = plans.get(request);
      if (cached != null) {
        return cached;
      }
    }
    SimulationSpec spec = SimulationSpec.parseFrom(request);
    Projection projection =
        planner.plan(spec, spec.getInlineOverrides(), spec.getSeed()).projection();
    synchronized (plans) {
      plans.put(request, projection);
    }
    return projection;
  }

  private byte[] refuse(RefusalReason reason, String message) {
    return BlockResult.newBuilder()
        .setRefusal(
            Refusal.newBuilder()
                .setReason(reason)
                .setMessage(message)
                .setMemberModelDigest(identity.modelDigest())
                .setMemberEngineVersion(identity.engineVersion()))
        .build()
        .toByteArray();
  }

  /** A refusal of a member that has not finished starting. */
  static byte[] notReady() {
    return BlockResult.newBuilder()
        .setRefusal(
            Refusal.newBuilder()
                .setReason(RefusalReason.REFUSAL_REASON_NOT_READY)
                .setMessage("this member has not finished starting"))
        .build()
        .toByteArray();
  }
}
