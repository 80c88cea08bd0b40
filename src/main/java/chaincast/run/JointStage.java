package chaincast.run;

import chaincast.engine.JointSpec;
import chaincast.model.Model;
import chaincast.v1.JointRequest;
import chaincast.v1.JointSet;
import chaincast.v1.LocalizedName;
import chaincast.v1.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage that picks the joint sets a run reports: every seeded joint set whose targets are all
 * simulated, then the request's own sets (named {@code joint-N} when they have no id).
 *
 * @param specs what the engine counts, by positions among the simulated targets
 * @param metas how the report names each set, in the same order
 */
record JointStage(List<JointSpec> specs, List<PlannedRun.JointMeta> metas) {
  /** The name of a joint set the request defines. */
  static final LocalizedName REQUESTED =
      LocalizedName.newBuilder().setZh("自定义联合目标").setEn("Requested joint set").build();

  JointStage {
    specs = List.copyOf(specs);
    metas = List.copyOf(metas);
  }

  /** The joint sets over {@code simulated}: seeded ones that fit, then {@code requested}. */
  static JointStage of(Model model, List<Target> simulated, List<JointRequest> requested) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < simulated.size(); i++) {
      position.put(simulated.get(i).getId(), i);
    }
    List<JointSpec> specs = new ArrayList<>();
    List<PlannedRun.JointMeta> metas = new ArrayList<>();
    for (JointSet js : model.jointSets()) {
      if (position.keySet().containsAll(js.getTargetIdsList())) {
        specs.add(new JointSpec(js.getId(), positions(js.getTargetIdsList(), position)));
        metas.add(new PlannedRun.JointMeta(js.getId(), js.getName(), js.getTargetIdsList()));
      }
    }
    for (JointRequest j : requested) {
      String id = j.getId().isEmpty() ? "joint-" + (specs.size() + 1) : j.getId();
      specs.add(new JointSpec(id, positions(j.getTargetIdsList(), position)));
      metas.add(new PlannedRun.JointMeta(id, REQUESTED, j.getTargetIdsList()));
    }
    return new JointStage(specs, metas);
  }

  private static int[] positions(List<String> ids, Map<String, Integer> position) {
    return ids.stream().mapToInt(position::get).toArray();
  }
}
