package chaincast.run;

import chaincast.model.Model;
import chaincast.v1.JointRequest;
import chaincast.v1.RegionMatch;
import chaincast.v1.SimulationSpec;
import chaincast.v1.SkippedTarget;
import chaincast.v1.Target;
import chaincast.v1.TargetSelection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stage that decides which targets a request simulates: those its selection picks that the
 * engine can simulate, then the targets of its joint sets the selection left out; the rest of the
 * selection is reported as skipped with the model's reason.
 *
 * @param simulated the targets to simulate, in that order and without repeats
 * @param skipped selected targets the engine cannot simulate
 */
record TargetChoice(List<Target> simulated, List<SkippedTarget> skipped) {

  TargetChoice {
    simulated = List.copyOf(simulated);
    skipped = List.copyOf(skipped);
  }

  /**
   * The targets a selection picks, simulated or not: explicit ids first, then the filter's in model
   * order.
   */
  static List<Target> select(Model model, TargetSelection selection) {
    Set<String> ids = new LinkedHashSet<>(selection.getTargetIdsList());
    boolean filtered =
        !selection.getPlanId().isEmpty()
            || selection.getYear() != 0
            || !selection.getChainId().isEmpty()
            || !selection.getRegionId().isEmpty();
    int year = selection.getYear();
    if (ids.isEmpty() && !filtered) {
      year = Limits.DEFAULT_HORIZON_YEAR;
      filtered = true;
    }
    if (filtered) {
      for (Target t : model.targets()) {
        if (matches(model, selection, year, t)) {
          ids.add(t.getId());
        }
      }
    }
    List<Target> out = new ArrayList<>();
    for (String id : ids) {
      out.add(model.target(id).orElseThrow());
    }
    return out;
  }

  /** The targets {@code spec} simulates and skips. */
  static TargetChoice of(Model model, SimulationSpec spec) {
    List<Target> simulated = new ArrayList<>();
    List<SkippedTarget> skipped = new ArrayList<>();
    Set<String> chosen = new LinkedHashSet<>();
    for (Target t : select(model, spec.getTargets())) {
      if (!model.isSimulated(t)) {
        skipped.add(
            SkippedTarget.newBuilder()
                .setTargetId(t.getId())
                .setReason(t.getNotSimulatedReason())
                .build());
      } else if (chosen.add(t.getId())) {
        simulated.add(t);
      }
    }
    // A joint set's targets are simulated even when the selection left them out.
    for (JointRequest j : spec.getJointList()) {
      for (String id : j.getTargetIdsList()) {
        if (chosen.add(id)) {
          simulated.add(model.target(id).orElseThrow());
        }
      }
    }
    return new TargetChoice(simulated, skipped);
  }

  private static boolean matches(Model model, TargetSelection selection, int year, Target t) {
    boolean planOk = selection.getPlanId().isEmpty() || t.getPlanId().equals(selection.getPlanId());
    boolean yearOk = year == 0 || t.getYear() == year;
    boolean chainOk =
        selection.getChainId().isEmpty()
            || model.scopeCoversChain(t.getScope(), selection.getChainId());
    boolean regionOk =
        selection.getRegionId().isEmpty()
            || (selection.getRegionMatch() == RegionMatch.REGION_MATCH_OWN
                ? t.getScope().getRegionIdsList().equals(List.of(selection.getRegionId()))
                : model.scopeCoversRegion(t.getScope(), selection.getRegionId()));
    return planOk && yearOk && chainOk && regionOk;
  }
}
