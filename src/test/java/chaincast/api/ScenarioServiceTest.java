package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ServerConfig;
import chaincast.v1.CellOverride;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.EventRemoval;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.LocalizedName;
import chaincast.v1.MacroShock;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import chaincast.v1.UpdateScenarioRequest;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * ScenarioService through the real server wiring (in process) and a real database file in a
 * temporary directory.
 */
class ScenarioServiceTest {
  @TempDir Path dataDir;

  ServerFixture start() throws Exception {
    return new ServerFixture(
        ServerConfig.defaults().withPort(0).withThreads(2).withDataDir(dataDir));
  }

  static Scenario scenario(String id, double drift) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setZh("测试情景").setEn("Test scenario " + id))
        .setDescription("pharma@etdz drift " + drift)
        .setOverrides(
            ScenarioOverrides.newBuilder()
                .addCells(CellOverride.newBuilder().setCellId("pharma@etdz").setDriftMean(drift))
                .addMacroShocks(
                    MacroShock.newBuilder()
                        .setId("dip-2024")
                        .setCity(true)
                        .setYear(2024)
                        .setChange(-0.1)))
        .build();
  }

  static Status.Code code(Executable call) {
    return assertThrows(StatusRuntimeException.class, call).getStatus().getCode();
  }

  @Test
  void createGetUpdateDeleteWithEtags() throws Exception {
    try (ServerFixture f = start()) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      Scenario created =
          stub.createScenario(
                  CreateScenarioRequest.newBuilder()
                      .setScenario(scenario("slow-etdz", 0.02))
                      .build())
              .getScenario();
      assertTrue(created.getEtag().length() > 0);
      assertTrue(created.hasCreateTime());
      assertEquals(
          Status.Code.ALREADY_EXISTS,
          code(
              () ->
                  stub.createScenario(
                      CreateScenarioRequest.newBuilder()
                          .setScenario(scenario("slow-etdz", 0.03))
                          .build())));

      Scenario got =
          stub.getScenario(GetScenarioRequest.newBuilder().setScenarioId("slow-etdz").build())
              .getScenario();
      assertEquals(created, got);

      // Two planners read the same version; the first update wins, the second is ABORTED.
      Scenario first =
          stub.updateScenario(
                  UpdateScenarioRequest.newBuilder()
                      .setScenario(scenario("slow-etdz", 0.01).toBuilder().setEtag(got.getEtag()))
                      .build())
              .getScenario();
      assertNotEquals(got.getEtag(), first.getEtag());
      StatusRuntimeException stale =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  stub.updateScenario(
                      UpdateScenarioRequest.newBuilder()
                          .setScenario(
                              scenario("slow-etdz", 0.05).toBuilder().setEtag(got.getEtag()))
                          .build()));
      assertEquals(Status.Code.ABORTED, stale.getStatus().getCode());
      assertEquals(
          0.01,
          stub.getScenario(GetScenarioRequest.newBuilder().setScenarioId("slow-etdz").build())
              .getScenario()
              .getOverrides()
              .getCells(0)
              .getDriftMean(),
          "nothing overwritten");

      assertEquals(
          Status.Code.ABORTED,
          code(
              () ->
                  stub.deleteScenario(
                      DeleteScenarioRequest.newBuilder()
                          .setScenarioId("slow-etdz")
                          .setEtag(got.getEtag())
                          .build())));
      stub.deleteScenario(
          DeleteScenarioRequest.newBuilder()
              .setScenarioId("slow-etdz")
              .setEtag(first.getEtag())
              .build());
      assertEquals(
          Status.Code.NOT_FOUND,
          code(
              () ->
                  stub.getScenario(
                      GetScenarioRequest.newBuilder().setScenarioId("slow-etdz").build())));
      assertEquals(
          Status.Code.NOT_FOUND,
          code(
              () ->
                  stub.deleteScenario(
                      DeleteScenarioRequest.newBuilder().setScenarioId("slow-etdz").build())));
      // Created again, it does not accept the old incarnation's etags.
      Scenario again =
          stub.createScenario(
                  CreateScenarioRequest.newBuilder()
                      .setScenario(scenario("slow-etdz", 0.02))
                      .build())
              .getScenario();
      assertNotEquals(created.getEtag(), again.getEtag());
      assertEquals(
          Status.Code.ABORTED,
          code(
              () ->
                  stub.updateScenario(
                      UpdateScenarioRequest.newBuilder()
                          .setScenario(
                              scenario("slow-etdz", 0.05).toBuilder().setEtag(first.getEtag()))
                          .build())));
    }
  }

  @Test
  void listPagesThroughEveryScenarioOnce() throws Exception {
    try (ServerFixture f = start()) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        String id = String.format("s-%02d", i);
        ids.add(id);
        stub.createScenario(
            CreateScenarioRequest.newBuilder().setScenario(scenario(id, 0.01 * i)).build());
      }
      List<String> seen = new ArrayList<>();
      String token = "";
      int pages = 0;
      do {
        ListScenariosResponse page =
            stub.listScenarios(
                ListScenariosRequest.newBuilder().setPageSize(5).setPageToken(token).build());
        page.getScenariosList().forEach(s -> seen.add(s.getId()));
        assertTrue(page.getScenariosCount() <= 5);
        token = page.getNextPageToken();
        pages++;
      } while (!token.isEmpty());
      assertEquals(ids, seen);
      assertEquals(5, pages);
      assertEquals(
          23, stub.listScenarios(ListScenariosRequest.getDefaultInstance()).getScenariosCount());
      assertEquals(
          Status.Code.INVALID_ARGUMENT,
          code(
              () ->
                  stub.listScenarios(
                      ListScenariosRequest.newBuilder().setPageToken("garbage!").build())));
      assertEquals(
          Status.Code.INVALID_ARGUMENT,
          code(
              () -> stub.listScenarios(ListScenariosRequest.newBuilder().setPageSize(-1).build())));
    }
  }

  @Test
  void scenariosSurviveARestartOnTheSameDataDirectory() throws Exception {
    Scenario stored;
    try (ServerFixture f = start()) {
      stored =
          ScenarioServiceGrpc.newBlockingStub(f.channel)
              .createScenario(
                  CreateScenarioRequest.newBuilder().setScenario(scenario("kept", 0.04)).build())
              .getScenario();
    }
    assertTrue(dataDir.resolve("scenarios.mv.db").toFile().isFile(), "a real database file");
    try (ServerFixture f = start()) {
      assertEquals(
          stored,
          ScenarioServiceGrpc.newBlockingStub(f.channel)
              .getScenario(GetScenarioRequest.newBuilder().setScenarioId("kept").build())
              .getScenario());
    }
  }

  @Test
  void simulateTakesAScenarioIdAndReportsItsEtag() throws Exception {
    try (ServerFixture f = start()) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      var sim = SimulationServiceGrpc.newBlockingStub(f.channel);
      Scenario s =
          stub.createScenario(
                  CreateScenarioRequest.newBuilder().setScenario(scenario("by-id", 0.02)).build())
              .getScenario();
      SimulationSpec base =
          SimulationSpec.newBuilder()
              .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025-etdz"))
              .setPaths(20_000)
              .setSeed(5)
              .build();
      SimulationReport byId =
          sim.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(base.toBuilder().setScenarioId("by-id"))
                      .build())
              .getReport();
      SimulationReport inline =
          sim.simulate(
                  SimulateRequest.newBuilder()
                      .setSpec(base.toBuilder().setInlineOverrides(s.getOverrides()))
                      .build())
              .getReport();
      assertEquals("by-id", byId.getScenarioId());
      assertEquals(s.getEtag(), byId.getScenarioEtag());
      assertEquals(
          inline.getOdds(0).getPHit(),
          byId.getOdds(0).getPHit(),
          "a stored scenario runs as its inline overrides do");
      assertEquals(
          Status.Code.NOT_FOUND,
          code(
              () ->
                  sim.simulate(
                      SimulateRequest.newBuilder()
                          .setSpec(base.toBuilder().setScenarioId("no-such"))
                          .build())));
    }
  }

  @Test
  void badScenariosNameTheField() throws Exception {
    try (ServerFixture f = start()) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      assertField(
          "scenario.id",
          () ->
              stub.createScenario(
                  CreateScenarioRequest.newBuilder().setScenario(scenario("Bad Id", 0.0)).build()));
      assertField(
          "scenario.overrides.cells[0].volatility",
          () ->
              stub.createScenario(
                  CreateScenarioRequest.newBuilder()
                      .setScenario(
                          scenario("vol", 0.0).toBuilder()
                              .setOverrides(
                                  ScenarioOverrides.newBuilder()
                                      .addCells(
                                          CellOverride.newBuilder()
                                              .setCellId("pharma@etdz")
                                              .setVolatility(5))))
                      .build()));
      assertField(
          "scenario.overrides.removed_events[0].event_id",
          () ->
              stub.createScenario(
                  CreateScenarioRequest.newBuilder()
                      .setScenario(
                          scenario("rm", 0.0).toBuilder()
                              .setOverrides(
                                  ScenarioOverrides.newBuilder()
                                      .addRemovedEvents(
                                          EventRemoval.newBuilder()
                                              .setCellId("pharma@etdz")
                                              .setEventId("ghost"))))
                      .build()));
      assertField(
          "scenario.etag",
          () ->
              stub.updateScenario(
                  UpdateScenarioRequest.newBuilder().setScenario(scenario("x", 0.0)).build()));
    }
  }

  static void assertField(String field, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    BadRequest bad = ModelServiceTest.detail(e, BadRequest.class);
    assertTrue(
        bad.getFieldViolationsList().stream().anyMatch(v -> v.getField().equals(field)),
        bad.toString());
  }
}
