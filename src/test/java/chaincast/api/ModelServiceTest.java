package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.AuditFinding;
import chaincast.v1.Cell;
import chaincast.v1.Chain;
import chaincast.v1.GetAuditRequest;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ProvenanceKind;
import chaincast.v1.Region;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ModelService through the real server wiring, in process. */
class ModelServiceTest {
  static ServerFixture fixture;
  static ModelServiceGrpc.ModelServiceBlockingStub stub;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    stub = ModelServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @Test
  void regionsAreTheSevenCountiesPlusTheUnallocatedRest() {
    List<Region> regions =
        stub.listRegions(ListRegionsRequest.getDefaultInstance()).getRegionsList();
    Set<String> ids = regions.stream().map(Region::getId).collect(Collectors.toSet());
    assertTrue(
        ids.containsAll(
            Set.of("etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun")),
        ids::toString);
    for (Region r : regions) {
      assertFalse(r.getName().getZh().isEmpty(), r.getId());
      assertFalse(r.getName().getEn().isEmpty(), r.getId());
    }
  }

  @Test
  void pharmaIsOneChainUnderThreeNames() {
    List<Chain> chains = stub.listChains(ListChainsRequest.getDefaultInstance()).getChainsList();
    Chain pharma =
        chains.stream().filter(c -> c.getId().equals("pharma")).findFirst().orElseThrow();
    String aliases = String.join(" ", pharma.getAliasesList());
    assertTrue(aliases.contains("新医药") && aliases.contains("医药"), aliases);
    assertTrue(chains.size() >= 10);
  }

  @Test
  void plansAreTheDocuments() {
    assertTrue(stub.listPlans(ListPlansRequest.getDefaultInstance()).getPlansCount() >= 3);
  }

  @Test
  void targetFiltersCombine() {
    List<Target> all = stub.listTargets(ListTargetsRequest.getDefaultInstance()).getTargetsList();
    List<Target> pharma2025 =
        stub.listTargets(ListTargetsRequest.newBuilder().setChainId("pharma").setYear(2025).build())
            .getTargetsList();
    assertTrue(pharma2025.size() > 8 && pharma2025.size() < all.size());
    for (Target t : pharma2025) {
      assertEquals(2025, t.getYear());
      assertTrue(t.getScope().getChainIdsList().contains("pharma"), t.getId());
    }
    List<Target> etdzSimulated =
        stub.listTargets(
                ListTargetsRequest.newBuilder().setRegionId("etdz").setSimulatedOnly(true).build())
            .getTargetsList();
    assertFalse(etdzSimulated.isEmpty());
    for (Target t : etdzSimulated) {
      assertTrue(t.getNotSimulatedReason().isEmpty(), t.getId());
    }
    List<Target> counts =
        stub.listTargets(
                ListTargetsRequest.newBuilder().setKind(TargetKind.TARGET_KIND_COUNT).build())
            .getTargetsList();
    assertTrue(counts.size() >= 64, "all count rows of 附件1, county by county: " + counts.size());
  }

  @Test
  void unknownFilterIdsAreNotFoundAndNamed() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.listTargets(
                    ListTargetsRequest.newBuilder().setPlanId("no-such-plan").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("no-such-plan"));
    ResourceInfo info = detail(e, ResourceInfo.class);
    assertEquals("no-such-plan", info.getResourceName());

    e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub.listCells(ListCellsRequest.newBuilder().setRegionId("mars").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub.listActuals(ListActualsRequest.newBuilder().setPlanId("x").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void badYearIsInvalidArgumentWithTheFieldNamed() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub.listTargets(ListTargetsRequest.newBuilder().setYear(25).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("year", detail(e, BadRequest.class).getFieldViolations(0).getField());
    e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub.listTargets(ListTargetsRequest.newBuilder().setKindValue(42).build()));
    assertEquals("kind", detail(e, BadRequest.class).getFieldViolations(0).getField());
  }

  @Test
  void cellsCarryProvenanceAndFilter() {
    var response = stub.listCells(ListCellsRequest.newBuilder().setChainId("pharma").build());
    assertEquals(7, response.getCellsCount());
    for (Cell c : response.getCellsList()) {
      assertEquals("pharma", c.getChainId());
      assertTrue(
          c.getParameters().getBaseValue().getProvenance().getKind()
              != ProvenanceKind.PROVENANCE_KIND_UNSPECIFIED);
    }
    assertTrue(response.getShocks().hasCityWeight());
    assertEquals(56, response.getCountCellsCount(), "the count cells of the pharma chain");
    assertEquals(
        Set.of("etdz-pharma-2020", "city-chains-2021"),
        response.getObservationsList().stream().map(o -> o.getId()).collect(Collectors.toSet()));
    var zone = stub.listCells(ListCellsRequest.newBuilder().setChainId("zone_materials").build());
    assertEquals(0, zone.getCountCellsCount());
    assertEquals(0, zone.getObservationsCount(), "no observation touches the zone's own chains");
  }

  @Test
  void auditShowsWherePlansDoNotAddUp() {
    List<AuditFinding> all = stub.getAudit(GetAuditRequest.getDefaultInstance()).getFindingsList();
    List<AuditFinding> mismatches =
        stub.getAudit(GetAuditRequest.newBuilder().setMismatchesOnly(true).build())
            .getFindingsList();
    assertTrue(mismatches.size() < all.size());
    assertTrue(mismatches.stream().noneMatch(AuditFinding::getConsistent));
    // 附件1 row 1: the seven county figures add up to 1003 against a headline of 1000.
    assertTrue(
        mismatches.stream()
            .anyMatch(
                f -> f.getHeadlineValue() == 1000 && Math.abs(f.getComparedValue() - 1003) < 1e-9),
        mismatches::toString);
  }

  static <T extends Message> T detail(StatusRuntimeException e, Class<T> type) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    for (Any any : status.getDetailsList()) {
      if (any.is(type)) {
        try {
          return any.unpack(type);
        } catch (InvalidProtocolBufferException ex) {
          throw new AssertionError(ex);
        }
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + status);
  }
}
