package chaincast.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chaincast.engine.MonteCarloEngine;
import chaincast.v1.EventRemoval;
import chaincast.v1.RunInfo;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.SimulationSpec;
import chaincast.v1.StopReason;
import chaincast.v1.TargetSelection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeds, run info, and the planner as a whole. */
class RunContextTest {
  private final RunContext context =
      new RunContext(Limits.defaults(), 3, MonteCarloEngine.BLOCK_SIZE);

  @Test
  void aSpecsSeedIsUsedAndAnUnseededSpecGetsADrawnOne() {
    assertEquals(42, context.seed(SimulationSpec.newBuilder().setSeed(42).build()));
    Set<Long> drawn = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      drawn.add(context.seed(SimulationSpec.getDefaultInstance()));
    }
    assertNotEquals(1, drawn.size(), "twenty drawn seeds are not all the same");
  }

  @Test
  void runInfoStatesThePlansSeedHorizonAndDistribution() {
    ProjectionPlanner planner = new ProjectionPlanner(Seeded.model(), Limits.defaults());
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025"))
            .setHorizonYear(2027)
            .build();
    PlannedRun plan = planner.plan(spec, 77);
    RunInfo info = context.runInfo(plan, 1234, 5_000_000).build();
    assertEquals(1234, info.getPaths());
    assertEquals(77, info.getSeed());
    assertEquals(2027, info.getHorizonYear());
    assertEquals(plan.distribution(), info.getShockDistribution());
    assertEquals(StopReason.STOP_REASON_PATHS_DONE, info.getStopReason());
    assertEquals(5, info.getElapsedMillis());
    assertEquals(3, info.getThreads());
    assertEquals(MonteCarloEngine.BLOCK_SIZE, info.getBlockSize());
  }

  @Test
  void thePlannerChecksOverridesAsARunWould() {
    ProjectionPlanner planner = new ProjectionPlanner(Seeded.model(), Limits.defaults());
    ScenarioOverrides bad =
        ScenarioOverrides.newBuilder()
            .addRemovedEvents(EventRemoval.newBuilder().setCellId("pharma@etdz").setEventId("nope"))
            .build();
    assertEquals(
        "removed_events[0].event_id",
        assertThrows(PlanningException.class, () -> planner.check(bad)).field());
    planner.check(ScenarioOverrides.getDefaultInstance());
  }

  @Test
  void planningTwiceGivesTheSameProjection() {
    // Sizing and running share one plan today; a plan must not depend on anything but its inputs.
    ProjectionPlanner planner = new ProjectionPlanner(Seeded.model(), Limits.defaults());
    SimulationSpec spec = SimulationSpec.newBuilder().setSeed(3).build();
    PlannedRun a = planner.plan(spec, 3);
    PlannedRun b = planner.plan(spec, 3);
    assertEquals(a.targets(), b.targets());
    assertEquals(a.assumptions(), b.assumptions());
    assertEquals(a.observations(), b.observations());
    assertEquals(a.projection().cells(), b.projection().cells());
    assertEquals(a.projection().groups().size(), b.projection().groups().size());
  }
}
