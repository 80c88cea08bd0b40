package chaincast.bench;

import java.util.EnumSet;
import java.util.Set;

/** The RPCs the load driver calls, by the kind of work each stands for. */
enum LoadRpc {
  LIST_REGIONS("ModelService/ListRegions", Kind.BROWSE),
  LIST_CHAINS("ModelService/ListChains", Kind.BROWSE),
  LIST_PLANS("ModelService/ListPlans", Kind.BROWSE),
  LIST_TARGETS("ModelService/ListTargets", Kind.BROWSE),
  LIST_ACTUALS("ModelService/ListActuals", Kind.BROWSE),
  LIST_CELLS("ModelService/ListCells", Kind.BROWSE),
  GET_AUDIT("ModelService/GetAudit", Kind.BROWSE),
  SIMULATE("SimulationService/Simulate", Kind.SIMULATE),
  CREATE_SCENARIO("ScenarioService/CreateScenario", Kind.SCENARIO),
  GET_SCENARIO("ScenarioService/GetScenario", Kind.SCENARIO),
  UPDATE_SCENARIO("ScenarioService/UpdateScenario", Kind.SCENARIO),
  LIST_SCENARIOS("ScenarioService/ListScenarios", Kind.SCENARIO),
  DELETE_SCENARIO("ScenarioService/DeleteScenario", Kind.SCENARIO);

  /** What a client does in one step of the mix. */
  enum Kind {
    /** One unary call of the model service. */
    BROWSE,
    /** One small Simulate. */
    SIMULATE,
    /** One step of create, get, update, list, delete of the client's own scenario. */
    SCENARIO
  }

  /** The method's name under {@code chaincast.v1.}, as the report prints it. */
  final String label;

  final Kind kind;

  LoadRpc(String label, Kind kind) {
    this.label = label;
    this.kind = kind;
  }

  /** The browse RPCs, which the browse mode and the mix's browse steps draw from. */
  static final Set<LoadRpc> BROWSE =
      EnumSet.of(
          LIST_REGIONS, LIST_CHAINS, LIST_PLANS, LIST_TARGETS, LIST_ACTUALS, LIST_CELLS, GET_AUDIT);
}
