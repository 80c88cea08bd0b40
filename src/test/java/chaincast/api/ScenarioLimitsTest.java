package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ServerConfig;
import chaincast.store.H2ScenarioStore;
import chaincast.store.StoreSettings;
import chaincast.v1.Citation;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.GetScenarioRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.Observation;
import chaincast.v1.Provenance;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.UpdateScenarioRequest;
import com.google.rpc.BadRequest;
import com.google.rpc.QuotaFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounds and quotas of stored scenarios through the public API: oversized fields are refused with
 * the field named, a client over its quota gets RESOURCE_EXHAUSTED with a QuotaFailure, list pages
 * stop at their byte budget, and no store message shows server internals.
 */
class ScenarioLimitsTest {
  @TempDir Path dataDir;

  ServerFixture start(StoreSettings store) throws Exception {
    return new ServerFixture(
        ServerConfig.defaults().withPort(0).withThreads(1).withDataDir(dataDir).withStore(store));
  }

  static Scenario scenario(String id) {
    return ScenarioServiceTest.scenario(id, 0.02);
  }

  static Observation observation(String source) {
    return Observation.newBuilder()
        .setId("obs")
        .setCellId("pharma@etdz")
        .setYear(2022)
        .setValue(700)
        .setSource(source)
        .build();
  }

  static StatusRuntimeException refused(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e;
  }

  static Set<String> fields(StatusRuntimeException e) {
    return ModelServiceTest.detail(e, BadRequest.class).getFieldViolationsList().stream()
        .map(BadRequest.FieldViolation::getField)
        .collect(Collectors.toSet());
  }

  @Test
  void everyStringAndListIsBoundedAndTheFieldIsNamedInAShortMessage() throws Exception {
    try (ServerFixture f = start(StoreSettings.defaults())) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      // The case: 4 MB sources. Refused, in a message of a few hundred characters.
      Scenario huge =
          scenario("huge").toBuilder()
              .setOverrides(
                  ScenarioOverrides.newBuilder()
                      .addObservations(observation("s".repeat(3_000_000))))
              .build();
      StatusRuntimeException e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createScenario(
                      CreateScenarioRequest.newBuilder().setScenario(huge).build()));
      assertTrue(
          fields(e).contains("scenario.overrides.observations[0].source"), fields(e).toString());
      assertTrue(e.getStatus().getDescription().length() < 400, e.getStatus().getDescription());

      Provenance manyCitations =
          Provenance.newBuilder()
              .addAllCitations(
                  Collections.nCopies(21, Citation.newBuilder().setPlanId("lzbf-2023-53").build()))
              .build();
      Scenario lists =
          scenario("lists").toBuilder()
              .setDescription("d".repeat(4001))
              .setOverrides(
                  ScenarioOverrides.newBuilder()
                      .addObservations(observation("ok").toBuilder().setProvenance(manyCitations)))
              .build();
      e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createScenario(
                      CreateScenarioRequest.newBuilder().setScenario(lists).build()));
      assertEquals(
          Set.of("scenario.description", "scenario.overrides.observations[0].provenance.citations"),
          fields(e));

      Scenario longName =
          scenario("named").toBuilder()
              .setName(scenario("named").getName().toBuilder().setEn("n".repeat(201)))
              .build();
      e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createScenario(
                      CreateScenarioRequest.newBuilder().setScenario(longName).build()));
      assertEquals(Set.of("scenario.name.en"), fields(e));

      e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.getScenario(
                      GetScenarioRequest.newBuilder().setScenarioId("A".repeat(100_000)).build()));
      assertTrue(
          e.getStatus().getDescription().length() < 300,
          "a 100,000-character id is not echoed: " + e.getStatus().getDescription().length());
      e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.deleteScenario(
                      DeleteScenarioRequest.newBuilder()
                          .setScenarioId("ok")
                          .setEtag("e".repeat(100_000))
                          .build()));
      assertTrue(e.getStatus().getDescription().length() < 300, e.getStatus().getDescription());
      e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.updateScenario(
                      UpdateScenarioRequest.newBuilder()
                          .setScenario(scenario("x").toBuilder().setEtag("e".repeat(50)))
                          .build()));
      assertEquals(Set.of("scenario.etag"), fields(e));
      assertTrue(e.getStatus().getDescription().length() < 300, e.getStatus().getDescription());
    }
  }

  @Test
  void aScenarioLargerThanTheServersBoundIsRefusedAsAWhole() throws Exception {
    try (ServerFixture f = start(StoreSettings.defaults().withMaxScenarioBytes(2_000))) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      ScenarioOverrides.Builder o = ScenarioOverrides.newBuilder();
      for (int year = 2021; year <= 2025; year++) {
        o.addObservations(
            observation("s".repeat(450)).toBuilder().setId("obs-" + year).setYear(year));
      }
      Scenario big = scenario("big").toBuilder().setOverrides(o).build();
      StatusRuntimeException e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createScenario(CreateScenarioRequest.newBuilder().setScenario(big).build()));
      assertEquals(Set.of("scenario"), fields(e));
      assertTrue(
          e.getStatus()
              .getDescription()
              .contains("this server stores at most 2000 bytes per scenario"),
          e.getStatus().getDescription());
      assertNoOption(e);
    }
  }

  @Test
  void aClientOverItsQuotaGetsResourceExhaustedWithAQuotaFailure() throws Exception {
    try (ServerFixture f = start(StoreSettings.defaults().withQuota(3, 1_000_000))) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      for (int i = 0; i < 3; i++) {
        stub.createScenario(
            CreateScenarioRequest.newBuilder().setScenario(scenario("q-" + i)).build());
      }
      StatusRuntimeException e =
          refused(
              Status.Code.RESOURCE_EXHAUSTED,
              () ->
                  stub.createScenario(
                      CreateScenarioRequest.newBuilder().setScenario(scenario("q-3")).build()));
      QuotaFailure quota = ModelServiceTest.detail(e, QuotaFailure.class);
      // In process, every caller is the same local peer.
      assertEquals("client:peer:local", quota.getViolations(0).getSubject());
      assertTrue(
          e.getStatus().getDescription().contains("at most 3 scenarios")
              && e.getStatus()
                  .getDescription()
                  .contains("ask the server's operator to raise this limit"),
          e.getStatus().getDescription());
      assertNoOption(e);
      refused(
          Status.Code.NOT_FOUND,
          () -> stub.getScenario(GetScenarioRequest.newBuilder().setScenarioId("q-3").build()));
      // Deleting one makes room again.
      stub.deleteScenario(DeleteScenarioRequest.newBuilder().setScenarioId("q-0").build());
      stub.createScenario(CreateScenarioRequest.newBuilder().setScenario(scenario("q-3")).build());
    }
    try (ServerFixture f = start(StoreSettings.defaults().withQuota(100, 3_000))) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      stub.createScenario(
          CreateScenarioRequest.newBuilder()
              .setScenario(scenario("b-0").toBuilder().setDescription("d".repeat(2000)))
              .build());
      StatusRuntimeException e =
          refused(
              Status.Code.RESOURCE_EXHAUSTED,
              () ->
                  stub.createScenario(
                      CreateScenarioRequest.newBuilder()
                          .setScenario(scenario("b-1").toBuilder().setDescription("d".repeat(2000)))
                          .build()));
      assertTrue(
          ModelServiceTest.detail(e, QuotaFailure.class)
              .getViolations(0)
              .getDescription()
              .startsWith("bytes of stored scenarios"));
      assertTrue(
          e.getStatus().getDescription().contains("at most 3000 bytes of scenarios"),
          e.getStatus().getDescription());
      assertNoOption(e);
    }
  }

  /**
   * A client of the API cannot use the server's command-line options: its errors never name one.
   */
  private static void assertNoOption(StatusRuntimeException e) {
    String text = e.getStatus().getDescription() + " " + StatusProto.fromThrowable(e);
    assertFalse(text.matches("(?s).*--[a-z].*"), text);
  }

  @Test
  void listPagesStopAtTheirByteBudgetAndVisitEveryScenarioOnce() throws Exception {
    try (ServerFixture f = start(StoreSettings.defaults().withMaxPageBytes(10_000))) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String id = String.format("p-%02d", i);
        ids.add(id);
        stub.createScenario(
            CreateScenarioRequest.newBuilder()
                .setScenario(scenario(id).toBuilder().setDescription("d".repeat(3_900)))
                .build());
      }
      List<String> seen = new ArrayList<>();
      String token = "";
      int pages = 0;
      do {
        ListScenariosResponse page =
            stub.listScenarios(
                ListScenariosRequest.newBuilder().setPageSize(1000).setPageToken(token).build());
        assertTrue(
            page.getSerializedSize() < 10_000 + 1_000,
            "page of " + page.getSerializedSize() + " bytes");
        page.getScenariosList().forEach(s -> seen.add(s.getId()));
        token = page.getNextPageToken();
        pages++;
      } while (!token.isEmpty());
      assertEquals(ids, seen);
      assertEquals(5, pages, "two scenarios of about 4 kB per 10 kB page");
    }
  }

  @Test
  void aStoreFailureIsInternalWithAnErrorIdAndNoInternals() throws Exception {
    try (ServerFixture f = start(StoreSettings.defaults())) {
      var stub = ScenarioServiceGrpc.newBlockingStub(f.channel);
      stub.createScenario(
          CreateScenarioRequest.newBuilder().setScenario(scenario("broken")).build());
      try (Connection c =
              DriverManager.getConnection(H2ScenarioStore.jdbcUrl(dataDir), "chaincast", "");
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE scenario SET content = X'FFFFFFFF' WHERE id = 'broken'");
      }
      StatusRuntimeException e =
          refused(
              Status.Code.INTERNAL,
              () ->
                  stub.getScenario(
                      GetScenarioRequest.newBuilder().setScenarioId("broken").build()));
      String message = e.getStatus().getDescription();
      assertTrue(
          message.matches(
              "the scenario store failed; the server logged the details as error [0-9a-f]{8}"),
          message);
      for (String internal :
          List.of(dataDir.toString(), "SQL", "org.h2", "Exception", "parse", "scenarios.mv.db")) {
        assertFalse(message.contains(internal), internal + " in: " + message);
      }
    }
  }
}
