package chaincast.bench;

import chaincast.engine.ParameterDomain;
import chaincast.v1.CompareRequest;
import chaincast.v1.CountOverride;
import chaincast.v1.FanRequest;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListCellsResponse;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ShockDistribution;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetSelection;
import io.grpc.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The heaviest valid requests, built from what a server's model lists: for memory measurements and
 * tests of admission.
 *
 * <ul>
 *   <li>{@link #heaviest()}: every target, horizon 2035, Student-t shocks, 20 percentiles and 50
 *       fans (every cell, chain and region with cells, the city, then output targets' scopes);
 *   <li>{@link #hugeCounts()} and {@link #hugeCountsCompared()}: every count cell at 10 000
 *       arrivals a year with the smallest gamma shape the API accepts, 0.01 (smaller shapes, such
 *       as the 1e-6 once measured, are now refused as numerical noise: a rate of almost surely 0,
 *       else anything), 2.8 KB of request, alone and against the seeded model.
 * </ul>
 */
public final class HeavyRequests {
  private final List<Target> targets;
  private final ListCellsResponse cells;
  private final long paths;

  /** Lists the model through {@code channel}; the requests run {@code paths} paths. */
  public HeavyRequests(Channel channel, long paths) {
    var model = ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    this.targets = model.listTargets(ListTargetsRequest.getDefaultInstance()).getTargetsList();
    this.cells = model.listCells(ListCellsRequest.getDefaultInstance());
    this.paths = paths;
  }

  /** Every target, horizon 2035, Student-t, 20 percentiles: what both cases share. */
  private SimulationSpec.Builder base() {
    TargetSelection.Builder all = TargetSelection.newBuilder();
    targets.forEach(t -> all.addTargetIds(t.getId()));
    SimulationSpec.Builder spec =
        SimulationSpec.newBuilder()
            .setTargets(all)
            .setPaths(paths)
            .setSeed(7)
            .setHorizonYear(2035)
            .setShockDistribution(ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T);
    for (double p :
        new double[] {
          0.1, 1, 2.5, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 97.5, 99, 99.9, 99.99
        }) {
      spec.addPercentiles(p);
    }
    return spec;
  }

  /** The heaviest valid Simulate. */
  public SimulateRequest heaviest() {
    List<Subject> subjects = new ArrayList<>();
    cells
        .getCellsList()
        .forEach(c -> subjects.add(Subject.newBuilder().setCellId(c.getId()).build()));
    cells.getCellsList().stream()
        .map(c -> c.getChainId())
        .distinct()
        .forEach(id -> subjects.add(Subject.newBuilder().setChainId(id).build()));
    cells.getCellsList().stream()
        .map(c -> c.getRegionId())
        .distinct()
        .forEach(id -> subjects.add(Subject.newBuilder().setRegionId(id).build()));
    subjects.add(Subject.newBuilder().setCity(true).build());
    targets.stream()
        .filter(
            t ->
                t.getNotSimulatedReason().isEmpty() && t.getKind() == TargetKind.TARGET_KIND_OUTPUT)
        .forEach(t -> subjects.add(Subject.newBuilder().setTargetId(t.getId()).build()));
    SimulationSpec.Builder spec = base();
    for (int i = 0; i < 50; i++) {
      spec.addFans(FanRequest.newBuilder().setSubject(subjects.get(i)));
    }
    return SimulateRequest.newBuilder().setSpec(spec).build();
  }

  /** Every count cell at 10 000 arrivals a year with the smallest accepted gamma shape (0.01). */
  public ScenarioOverrides hugeCountOverrides() {
    ScenarioOverrides.Builder o = ScenarioOverrides.newBuilder();
    cells
        .getCountCellsList()
        .forEach(
            c ->
                o.addCounts(
                    CountOverride.newBuilder()
                        .setCountCellId(c.getId())
                        .setYearlyRate(10_000)
                        .setRateShape(ParameterDomain.RATE_SHAPE.smallest())));
    return o.build();
  }

  /** A Simulate of every target with {@link #hugeCountOverrides()}. */
  public SimulateRequest hugeCounts() {
    return SimulateRequest.newBuilder()
        .setSpec(base().setInlineOverrides(hugeCountOverrides()))
        .build();
  }

  /** The same counts compared with the seeded model. */
  public CompareRequest hugeCountsCompared() {
    return CompareRequest.newBuilder()
        .setSpec(base())
        .setBaseline(ScenarioChoice.newBuilder().setSeeded(true))
        .setAlternative(ScenarioChoice.newBuilder().setInlineOverrides(hugeCountOverrides()))
        .build();
  }
}
