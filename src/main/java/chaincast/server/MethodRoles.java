package chaincast.server;

import chaincast.api.Caller.Role;
import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SweepServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one table of which role each RPC needs when the server checks tokens. The README's roles
 * table is this table; keep the two in step.
 *
 * <p>An RPC missing from the table needs {@link Role#ADMIN}: a new RPC is closed until someone
 * decides who may call it (a test fails until every served method is listed).
 */
final class MethodRoles {
  /** Services anyone may call without a token: load balancers and orchestrators probe health. */
  static final Set<String> OPEN_SERVICES = Set.of(HealthGrpc.SERVICE_NAME);

  private static final Map<String, Role> REQUIRED = new LinkedHashMap<>();

  static {
    // Browsing the seeded model.
    put(ModelServiceGrpc.getListRegionsMethod(), Role.READ);
    put(ModelServiceGrpc.getListChainsMethod(), Role.READ);
    put(ModelServiceGrpc.getListPlansMethod(), Role.READ);
    put(ModelServiceGrpc.getListTargetsMethod(), Role.READ);
    put(ModelServiceGrpc.getListActualsMethod(), Role.READ);
    put(ModelServiceGrpc.getListCellsMethod(), Role.READ);
    put(ModelServiceGrpc.getGetAuditMethod(), Role.READ);
    // Simulating changes nothing stored.
    put(SimulationServiceGrpc.getSimulateMethod(), Role.READ);
    put(SimulationServiceGrpc.getSimulateStreamMethod(), Role.READ);
    put(SimulationServiceGrpc.getCompareMethod(), Role.READ);
    put(SimulationServiceGrpc.getSensitivityMethod(), Role.READ);
    // Calibration and backtests read actuals and store nothing.
    put(CalibrationServiceGrpc.getEstimateParametersMethod(), Role.READ);
    put(CalibrationServiceGrpc.getBacktestMethod(), Role.READ);
    // Stored scenarios: reading them is browsing, changing them is writing.
    put(ScenarioServiceGrpc.getGetScenarioMethod(), Role.READ);
    put(ScenarioServiceGrpc.getListScenariosMethod(), Role.READ);
    put(ScenarioServiceGrpc.getCreateScenarioMethod(), Role.WRITE);
    put(ScenarioServiceGrpc.getUpdateScenarioMethod(), Role.WRITE);
    put(ScenarioServiceGrpc.getDeleteScenarioMethod(), Role.WRITE);

    // Sweeps store their points (resumable), so starting one writes; reading one back and goal
    // seek (stores nothing) only read.
    put(SweepServiceGrpc.getSweepMethod(), Role.WRITE);
    put(SweepServiceGrpc.getGetSweepMethod(), Role.READ);
    put(SweepServiceGrpc.getGoalSeekMethod(), Role.READ);

    put(DatasetServiceGrpc.getGetDatasetMethod(), Role.READ);
    put(DatasetServiceGrpc.getListDatasetsMethod(), Role.READ);
    put(DatasetServiceGrpc.getCreateDatasetMethod(), Role.WRITE);
    put(DatasetServiceGrpc.getDeleteDatasetMethod(), Role.WRITE);
    // Reflection describes the API to any authenticated caller (grpcurl -H 'authorization: Bearer
    // ...').
    put(ServerReflectionGrpc.getServerReflectionInfoMethod(), Role.READ);
  }

  private MethodRoles() {}

  private static void put(MethodDescriptor<?, ?> method, Role role) {
    REQUIRED.put(method.getFullMethodName(), role);
  }

  /** The role {@code fullMethodName} needs; {@link Role#ADMIN} for any method not in the table. */
  static Role required(String fullMethodName) {
    return REQUIRED.getOrDefault(fullMethodName, Role.ADMIN);
  }

  /** The table itself, full method name to role, in the README's order. */
  static Map<String, Role> table() {
    return Collections.unmodifiableMap(REQUIRED);
  }
}
