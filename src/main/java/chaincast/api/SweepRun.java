package chaincast.api;

import chaincast.engine.CancellationSignal;
import chaincast.engine.RunCancelledException;
import chaincast.run.PlannedRun;
import chaincast.run.SimulationRunner;
import chaincast.store.ScenarioStore;
import chaincast.store.StoreException;
import chaincast.store.SweepStore;
import chaincast.v1.SimulationReport;
import chaincast.v1.SweepPointResult;
import chaincast.v1.SweepProgress;
import chaincast.v1.SweepRequest;
import chaincast.v1.SweepResponse;
import chaincast.v1.SweepResult;
import chaincast.v1.SweepState;
import chaincast.v1.SweepTargetOdds;
import chaincast.v1.SweepThresholdOdds;
import chaincast.v1.SweepValue;
import chaincast.v1.TargetOdds;
import chaincast.v1.ThresholdOdds;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One validated sweep, run point by point: a point already stored under the sweep's id is read back
 * (and marked {@code resumed}), any other is simulated and stored before its progress is sent, so a
 * point the client saw is a point the store has.
 *
 * @param runner runs each point
 * @param store the store, or null for a sweep without id (not stored)
 * @param normal the normalized request
 * @param points each point's values
 * @param firstPlan point 0's plan (sizes the admission)
 */
record SweepRun(
    SimulationRunner runner,
    Supplier<ScenarioStore> store,
    SweepRequest normal,
    List<List<SweepValue>> points,
    PlannedRun firstPlan) {

  /** Runs or reads back every point, streaming progress, then the result. */
  void execute(ServerCallStreamObserver<SweepResponse> call, CancellationSignal cancel) {
    String id = normal.getSweepId();
    SortedMap<Integer, byte[]> stored =
        store == null ? new TreeMap<>() : storeCall(() -> store.get().sweepPoints(id));
    List<SweepPointResult> results = new ArrayList<>();
    int resumed = 0;
    for (int i = 0; i < points.size(); i++) {
      if (cancel.isCancelled()) {
        throw new RunCancelledException(0);
      }
      SweepPointResult r;
      byte[] bytes = stored.get(i);
      if (bytes != null) {
        r = parsePoint(bytes).toBuilder().setResumed(true).build();
        resumed++;
      } else {
        PlannedRun plan = i == 0 ? firstPlan : SweepServiceImpl.plan(runner, normal, points, i);
        r = point(i, points.get(i), runner.run(plan, cancel, p -> {}));
        if (store != null) {
          byte[] result = r.toByteArray();
          int index = i;
          storeCall(
              () -> {
                store.get().putSweepPoint(id, index, result);
                return null;
              });
        }
      }
      results.add(r);
      if (!call.isCancelled()) {
        call.onNext(
            SweepResponse.newBuilder()
                .setProgress(
                    SweepProgress.newBuilder()
                        .setPointsDone(i + 1)
                        .setPointsTotal(points.size())
                        .setPoint(r))
                .build());
      }
    }
    if (store != null) {
      storeCall(
          () -> {
            store.get().setSweepState(id, SweepStore.STATE_DONE);
            return null;
          });
    }
    SweepResult result =
        base(id, normal, SweepStore.STATE_DONE)
            .addAllPoints(results)
            .setPointsResumed(resumed)
            .setPointsComputed(points.size() - resumed)
            .build();
    if (!call.isCancelled()) {
      call.onNext(SweepResponse.newBuilder().setResult(result).build());
      call.onCompleted();
    }
  }

  /** One point's answer from its report. */
  static SweepPointResult point(int index, List<SweepValue> values, SimulationReport report) {
    SweepPointResult.Builder b =
        SweepPointResult.newBuilder()
            .setIndex(index)
            .addAllValues(values)
            .setPaths(report.getRun().getPaths());
    for (TargetOdds o : report.getOddsList()) {
      b.addTargets(
          SweepTargetOdds.newBuilder()
              .setTargetId(o.getTargetId())
              .setPHit(o.getPHit())
              .setMethod(o.getMethod())
              .setMedian(o.getMedian()));
    }
    for (ThresholdOdds t : report.getThresholdsList()) {
      b.addThresholds(
          SweepThresholdOdds.newBuilder()
              .setThresholdId(t.getId())
              .setProbability(t.getProbability())
              .setMethod(t.getMethod()));
    }
    return b.build();
  }

  /** A stored sweep as GetSweep reports it. */
  static SweepResult result(
      String id, SweepRequest normal, Map<Integer, byte[]> stored, String state) {
    SweepResult.Builder b = base(id, normal, state);
    for (byte[] bytes : stored.values()) {
      b.addPoints(parsePoint(bytes));
    }
    return b.build();
  }

  private static SweepResult.Builder base(String id, SweepRequest normal, String state) {
    return SweepResult.newBuilder()
        .setSweepId(id)
        .setState(
            SweepStore.STATE_DONE.equals(state)
                ? SweepState.SWEEP_STATE_DONE
                : SweepState.SWEEP_STATE_INCOMPLETE)
        .setPointsTotal((int) SweepRequests.pointCount(normal))
        .setSeed(normal.getSpec().getSeed())
        .setRequest(normal);
  }

  private static SweepPointResult parsePoint(byte[] bytes) {
    try {
      return SweepPointResult.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored sweep point does not parse: " + e.getMessage(), e);
    }
  }

  private static <T> T storeCall(Supplier<T> op) {
    try {
      return op.get();
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, "sweep_id");
    }
  }
}
