package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ServerConfig;
import chaincast.store.StoreSettings;
import chaincast.v1.ActualPoint;
import chaincast.v1.CreateDatasetRequest;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.Dataset;
import chaincast.v1.DatasetServiceGrpc;
import chaincast.v1.DeleteDatasetRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.GetDatasetRequest;
import chaincast.v1.ListDatasetsRequest;
import chaincast.v1.ListDatasetsResponse;
import chaincast.v1.LocalizedName;
import chaincast.v1.Period;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetSelection;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DatasetService through the real server wiring (in process) and a real database file: round trips,
 * paging, every kind of bad input with its row and column (and nothing stored), the limits, the
 * references between scenarios and datasets, and persistence across a restart.
 */
class DatasetServiceTest {
  static final String HEADER = "subject_id,year,value,unit,period,source,relative_error\n";
  static final String GOOD_ROW = "pharma@etdz,2021,700.5,亿元,,synthetic,0.02\n";

  @TempDir Path dataDir;

  ServerFixture start() throws Exception {
    return new ServerFixture(
        ServerConfig.defaults().withPort(0).withThreads(2).withDataDir(dataDir));
  }

  static CreateDatasetRequest csv(String id, String text) {
    return csv(id, text.getBytes(StandardCharsets.UTF_8));
  }

  static CreateDatasetRequest csv(String id, byte[] bytes) {
    return CreateDatasetRequest.newBuilder()
        .setDataset(
            Dataset.newBuilder()
                .setId(id)
                .setName(LocalizedName.newBuilder().setZh("合成数据").setEn("Synthetic " + id))
                .setDescription("SYNTHETIC test figures"))
        .setCsv(ByteString.copyFrom(bytes))
        .build();
  }

  static StatusRuntimeException refused(Status.Code code, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e;
  }

  static List<BadRequest.FieldViolation> violations(StatusRuntimeException e) {
    return ModelServiceTest.detail(e, BadRequest.class).getFieldViolationsList();
  }

  static String describe(List<BadRequest.FieldViolation> vs) {
    return vs.stream()
        .map(v -> v.getField() + ": " + v.getDescription())
        .collect(Collectors.joining("\n"));
  }

  static void assertNothingStored(DatasetServiceGrpc.DatasetServiceBlockingStub stub) {
    assertEquals(0, stub.listDatasets(ListDatasetsRequest.getDefaultInstance()).getDatasetsCount());
  }

  @Test
  void csvRoundTripNormalisesAndDeletes() throws Exception {
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      String text =
          HEADER
              + GOOD_ROW
              + "pharma@etdz,2021,400,yi_yuan,1-7,\"table 3, Jan-Jul\",\n"
              + "pharma@*,2022,1500,亿元,1-12,yearbook,\n"
              + "*@etdz,2022,2000,亿元,,yearbook,\n"
              + "*@*,2022,9000,亿元,,yearbook,\n"
              + "incubators@etdz,2022,0,count,,yearbook,\n";
      Dataset created = stub.createDataset(csv("yearbook-a", text)).getDataset();
      assertEquals(6, created.getPointCount());
      assertEquals(0, created.getPointsCount(), "the answer leaves the points out");
      assertTrue(created.getEtag().startsWith("v"));
      Dataset got =
          stub.getDataset(GetDatasetRequest.newBuilder().setDatasetId("yearbook-a").build())
              .getDataset();
      assertEquals(created.getEtag(), got.getEtag());
      assertEquals(created.getCreateTime(), got.getCreateTime());
      assertEquals(6, got.getPointsCount());
      ActualPoint partYear = got.getPoints(1);
      assertEquals("亿元", partYear.getUnit(), "yi_yuan is written 亿元");
      assertEquals(
          Period.newBuilder().setFirstMonth(1).setLastMonth(7).build(), partYear.getPeriod());
      assertEquals("table 3, Jan-Jul", partYear.getSource());
      assertFalse(got.getPoints(2).hasPeriod(), "1-12 is the full year: no period");
      assertEquals(0.02, got.getPoints(0).getRelativeError());
      assertEquals("count", got.getPoints(5).getUnit());
      assertEquals("Synthetic yearbook-a", got.getName().getEn());
      stub.deleteDataset(DeleteDatasetRequest.newBuilder().setDatasetId("yearbook-a").build());
      assertNothingStored(stub);
      refused(
          Status.Code.NOT_FOUND,
          () -> stub.getDataset(GetDatasetRequest.newBuilder().setDatasetId("yearbook-a").build()));
      refused(
          Status.Code.NOT_FOUND,
          () ->
              stub.deleteDataset(
                  DeleteDatasetRequest.newBuilder().setDatasetId("yearbook-a").build()));
    }
  }

  @Test
  void pointsRoundTripAndIdRules() throws Exception {
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      Dataset d =
          Dataset.newBuilder()
              .setId("points-a")
              .addPoints(point("pharma@etdz", 2021, 700))
              .addPoints(point("pharma@etdz", 2022, 780))
              .build();
      stub.createDataset(CreateDatasetRequest.newBuilder().setDataset(d).build());
      assertEquals(
          d.getPointsList(),
          stub.getDataset(GetDatasetRequest.newBuilder().setDatasetId("points-a").build())
              .getDataset()
              .getPointsList());
      StatusRuntimeException taken =
          refused(
              Status.Code.ALREADY_EXISTS,
              () -> stub.createDataset(CreateDatasetRequest.newBuilder().setDataset(d).build()));
      assertTrue(taken.getStatus().getDescription().contains("points-a"));
      StatusRuntimeException badId =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createDataset(
                      CreateDatasetRequest.newBuilder()
                          .setDataset(d.toBuilder().setId("Bad Id"))
                          .build()));
      assertEquals("dataset.id", violations(badId).get(0).getField());
      StatusRuntimeException both =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createDataset(
                      CreateDatasetRequest.newBuilder()
                          .setDataset(d.toBuilder().setId("both"))
                          .setCsv(ByteString.copyFromUtf8(HEADER + GOOD_ROW))
                          .build()));
      assertEquals("csv", violations(both).get(0).getField());
    }
  }

  static ActualPoint point(String subject, int year, double value) {
    return ActualPoint.newBuilder()
        .setSubjectId(subject)
        .setYear(year)
        .setValue(value)
        .setUnit("亿元")
        .setSource("SYNTHETIC")
        .build();
  }

  @Test
  void pointsGetViolationsNamingIndexAndField() throws Exception {
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      Dataset d =
          Dataset.newBuilder()
              .setId("points-bad")
              .addPoints(point("pharma@etdz", 2021, 700))
              .addPoints(point("pharma@etdz", 2022, Double.NaN))
              .addPoints(point("pharma@nowhere", 2022, 5))
              .addPoints(
                  point("pharma@etdz", 2023, 5).toBuilder()
                      .setPeriod(Period.newBuilder().setFirstMonth(8).setLastMonth(3)))
              .addPoints(point("pharma@etdz", 2021, 710))
              .build();
      var e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () -> stub.createDataset(CreateDatasetRequest.newBuilder().setDataset(d).build()));
      List<String> fields =
          violations(e).stream().map(BadRequest.FieldViolation::getField).toList();
      assertEquals(
          List.of(
              "dataset.points[1].value",
              "dataset.points[2].subject_id",
              "dataset.points[3].period",
              "dataset.points[4].subject_id"),
          fields,
          describe(violations(e)));
      assertTrue(violations(e).get(3).getDescription().contains("repeats dataset.points[0]"));
      assertNothingStored(stub);
    }
  }

  /** One bad row in an otherwise good file: its violation names the row and the column. */
  record BadRow(String row, String field, String says) {}

  @Test
  void eachKindOfBadRowGetsItsViolationAndNothingIsStored() throws Exception {
    List<BadRow> cases =
        List.of(
            new BadRow("nosuch@etdz,2021,1,亿元,,,", "csv row 3, column subject_id", "unknown"),
            new BadRow(",2021,1,亿元,,,", "csv row 3, column subject_id", "required"),
            new BadRow("pharma@*,2021,-5,亿元,,,", "csv row 3, column value", "positive"),
            new BadRow("pharma@etdz,2021,0,亿元,,,", "csv row 3, column value", "positive"),
            new BadRow("pharma@etdz,2021,NaN,亿元,,,", "csv row 3, column value", "finite"),
            new BadRow("pharma@etdz,2021,Infinity,亿元,,,", "csv row 3, column value", "finite"),
            new BadRow("pharma@etdz,2021,abc,亿元,,,", "csv row 3, column value", "number"),
            new BadRow("pharma@etdz,2021,\"1,234\",亿元,,,", "csv row 3, column value", "thousands"),
            new BadRow("pharma@etdz,2021,,亿元,,,", "csv row 3, column value", "required"),
            new BadRow("incubators@etdz,2021,2.5,count,,,", "csv row 3, column value", "count"),
            new BadRow("incubators@etdz,2021,-1,count,,,", "csv row 3, column value", "count"),
            new BadRow(
                "pharma@etdz,2021,700.5,亿元,,,", "csv row 3, column subject_id", "repeats row 2"),
            new BadRow("pharma@etdz,2021,7000000,万元,,,", "csv row 3, column unit", "10,000"),
            new BadRow("pharma@etdz,2022,7,count,,,", "csv row 3, column unit", "mix units"),
            new BadRow("incubators@etdz,2022,7,亿元,,,", "csv row 3, column unit", "'count'"),
            new BadRow("pharma@etdz,2022,7,,,,", "csv row 3, column unit", "required"),
            new BadRow("pharma@etdz,2022,7,亿元,8-3,,", "csv row 3, column period", "months"),
            new BadRow("pharma@etdz,2022,7,亿元,0-7,,", "csv row 3, column period", "months"),
            new BadRow("pharma@etdz,2022,7,亿元,1-13,,", "csv row 3, column period", "months"),
            new BadRow("pharma@etdz,2022,7,亿元,Jan-Jul,,", "csv row 3, column period", "M1-M2"),
            new BadRow(
                "incubators@etdz,2022,7,count,1-7,,", "csv row 3, column period", "year-end"),
            new BadRow("pharma@etdz,1948,7,亿元,,,", "csv row 3, column year", "1949 to 2035"),
            new BadRow("pharma@etdz,2036,7,亿元,,,", "csv row 3, column year", "1949 to 2035"),
            new BadRow("pharma@etdz,20x1,7,亿元,,,", "csv row 3, column year", "calendar year"),
            new BadRow(
                "pharma@etdz,2022,7,亿元,,,-0.1", "csv row 3, column relative_error", "from 0"),
            new BadRow("pharma@etdz,2022,7,亿元,,,nan", "csv row 3, column relative_error", "finite"),
            new BadRow("pharma@etdz,2022,7,亿元,,", "csv row 3", "has 6 cells"),
            new BadRow("pharma@etdz,2022,7,亿元,,\"open", "csv row 3", "never closed"));
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      for (BadRow c : cases) {
        var e =
            refused(
                Status.Code.INVALID_ARGUMENT,
                () -> stub.createDataset(csv("bad", HEADER + GOOD_ROW + c.row() + "\n")));
        List<BadRequest.FieldViolation> vs = violations(e);
        assertEquals(1, vs.size(), c + "\n" + describe(vs));
        assertEquals(c.field(), vs.get(0).getField(), c + "\n" + describe(vs));
        assertTrue(vs.get(0).getDescription().contains(c.says()), c + "\n" + describe(vs));
      }
      assertNothingStored(stub);
    }
  }

  @Test
  void everyBadRowIsCountedAndTheErrorStaysSmall() throws Exception {
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < 5000; i++) {
      text.append("nosuch@etdz,").append(2000 + i % 30).append(",-1,万元,,,\n");
    }
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      var e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () -> stub.createDataset(csv("big-bad", text.toString())));
      List<BadRequest.FieldViolation> vs = violations(e);
      assertTrue(vs.size() >= 3 && vs.size() <= ApiException.MAX_VIOLATIONS, describe(vs));
      assertEquals("csv row 2, column subject_id", vs.get(0).getField());
      assertEquals("csv row 2, column value", vs.get(1).getField());
      assertEquals("csv row 2, column unit", vs.get(2).getField());
      assertTrue(
          e.getStatus().getDescription().contains("of 15000 are in the details"),
          e.getStatus().getDescription());
      assertTrue(StatusProto.fromThrowable(e).getSerializedSize() <= StatusBudget.MAX_STATUS_BYTES);
      assertNothingStored(stub);
    }
  }

  @Test
  void fileLimitsAndEncodingAndHeader() throws Exception {
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      // Over 1 MiB.
      StringBuilder big = new StringBuilder(HEADER);
      while (big.length() <= ActualsCsv.MAX_BYTES) {
        big.append("pharma@etdz,2021,1,亿元,,").append("x".repeat(200)).append(",\n");
      }
      var tooBig =
          refused(
              Status.Code.INVALID_ARGUMENT, () -> stub.createDataset(csv("big", big.toString())));
      assertEquals("csv", violations(tooBig).get(0).getField());
      assertTrue(violations(tooBig).get(0).getDescription().contains("at most 1048576 bytes"));
      // Over 20,000 rows (and under 1 MiB).
      StringBuilder many = new StringBuilder("subject_id,year,value,unit\n");
      for (int i = 0; i <= DatasetValidator.MAX_POINTS; i++) {
        many.append("pharma@etdz,2021,1,亿元\n");
      }
      var tooMany =
          refused(
              Status.Code.INVALID_ARGUMENT, () -> stub.createDataset(csv("many", many.toString())));
      assertEquals(
          "has 20001 data rows; at most 20000 (and 1048576 bytes): split it into several datasets",
          violations(tooMany).get(0).getDescription());
      // GBK bytes in rows 3 and 5: one violation each, with the offset of the first bad byte.
      String ascii = "pharma@etdz,2021,700.5,yi_yuan,,,\n";
      String before = HEADER + ascii + "pharma@etdz,2022,7,yi_yuan,,";
      byte[] head = before.getBytes(StandardCharsets.UTF_8);
      byte[] gbk =
          (before + "年鉴,\n" + ascii + "pharma@etdz,2023,7,yi_yuan,,年鉴,\n")
              .getBytes(Charset.forName("GBK"));
      var notUtf8 =
          refused(Status.Code.INVALID_ARGUMENT, () -> stub.createDataset(csv("gbk", gbk)));
      List<BadRequest.FieldViolation> vs = violations(notUtf8);
      assertEquals(List.of("csv row 3", "csv row 5"), vs.stream().map(v -> v.getField()).toList());
      assertTrue(vs.get(0).getDescription().contains("byte offset " + head.length), describe(vs));
      // A UTF-8 byte order mark (Excel's "CSV UTF-8") is fine.
      byte[] bom = ("\uFEFF" + HEADER + GOOD_ROW).getBytes(StandardCharsets.UTF_8);
      stub.createDataset(csv("with-bom", bom));
      stub.deleteDataset(DeleteDatasetRequest.newBuilder().setDatasetId("with-bom").build());
      // Header problems.
      var noHeader =
          refused(Status.Code.INVALID_ARGUMENT, () -> stub.createDataset(csv("nh", GOOD_ROW)));
      assertEquals("csv row 1", violations(noHeader).get(0).getField());
      assertTrue(violations(noHeader).get(0).getDescription().contains("is not a header"));
      var noValue =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  stub.createDataset(
                      csv("nv", "subject_id,year,unit,colour\npharma@etdz,2021,亿元,red\n")));
      assertEquals(
          List.of("csv row 1, column 4", "csv row 1"),
          violations(noValue).stream().map(v -> v.getField()).toList(),
          describe(violations(noValue)));
      var empty = refused(Status.Code.INVALID_ARGUMENT, () -> stub.createDataset(csv("e", "")));
      assertEquals("dataset.points", violations(empty).get(0).getField());
      var blank = refused(Status.Code.INVALID_ARGUMENT, () -> stub.createDataset(csv("e", "\n\n")));
      assertEquals("csv", violations(blank).get(0).getField());
      assertNothingStored(stub);
    }
  }

  @Test
  void listPagesInIdOrderWithoutPoints() throws Exception {
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      List<String> ids = List.of("d-e", "d-a", "d-c", "d-b", "d-d");
      for (String id : ids) {
        stub.createDataset(csv(id, HEADER + GOOD_ROW));
      }
      List<String> seen = new ArrayList<>();
      String token = "";
      int pages = 0;
      do {
        ListDatasetsResponse page =
            stub.listDatasets(
                ListDatasetsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
        for (Dataset d : page.getDatasetsList()) {
          seen.add(d.getId());
          assertEquals(0, d.getPointsCount());
          assertEquals(1, d.getPointCount());
        }
        token = page.getNextPageToken();
        pages++;
      } while (!token.isEmpty());
      assertEquals(List.of("d-a", "d-b", "d-c", "d-d", "d-e"), seen);
      assertEquals(3, pages);
      refused(
          Status.Code.INVALID_ARGUMENT,
          () -> stub.listDatasets(ListDatasetsRequest.newBuilder().setPageToken("junk").build()));
      refused(
          Status.Code.INVALID_ARGUMENT,
          () -> stub.listDatasets(ListDatasetsRequest.newBuilder().setPageSize(1001).build()));
    }
  }

  @Test
  void longDescriptionsMakeShorterPages() throws Exception {
    try (ServerFixture f =
        new ServerFixture(
            ServerConfig.defaults()
                .withPort(0)
                .withThreads(2)
                .withDataDir(dataDir)
                .withStore(StoreSettings.defaults().withMaxPageBytes(5_000)))) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      for (int i = 0; i < 6; i++) {
        CreateDatasetRequest r = csv("long-" + i, HEADER + GOOD_ROW);
        stub.createDataset(
            r.toBuilder()
                .setDataset(r.getDataset().toBuilder().setDescription("长".repeat(600)))
                .build());
      }
      List<Integer> sizes = new ArrayList<>();
      String token = "";
      do {
        ListDatasetsResponse page =
            stub.listDatasets(
                ListDatasetsRequest.newBuilder().setPageSize(100).setPageToken(token).build());
        sizes.add(page.getDatasetsCount());
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      // About 1.9 kB a dataset: two fit 5,000 bytes, three do not.
      assertEquals(List.of(2, 2, 2), sizes);
    }
  }

  static Scenario naming(String id, String datasetId) {
    return Scenario.newBuilder()
        .setId(id)
        .setName(LocalizedName.newBuilder().setEn("Calibrated " + id))
        .setOverrides(ScenarioOverrides.newBuilder().setDatasetId(datasetId))
        .build();
  }

  @Test
  void scenariosNameOnlyStoredDatasetsAndKeepThemFromDeletion() throws Exception {
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      var scenarios = ScenarioServiceGrpc.newBlockingStub(f.channel);
      var missing =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  scenarios.createScenario(
                      CreateScenarioRequest.newBuilder()
                          .setScenario(naming("uses-yb", "yearbook"))
                          .build()));
      assertEquals("scenario.overrides.dataset_id", violations(missing).get(0).getField());
      stub.createDataset(csv("yearbook", HEADER + GOOD_ROW));
      for (String id : List.of("uses-yb", "also-uses-yb")) {
        scenarios.createScenario(
            CreateScenarioRequest.newBuilder().setScenario(naming(id, "yearbook")).build());
      }
      var inUse =
          refused(
              Status.Code.FAILED_PRECONDITION,
              () ->
                  stub.deleteDataset(
                      DeleteDatasetRequest.newBuilder().setDatasetId("yearbook").build()));
      assertTrue(
          inUse.getStatus().getDescription().contains("also-uses-yb, uses-yb"),
          inUse.getStatus().getDescription());
      assertEquals(
          List.of("scenario:also-uses-yb", "scenario:uses-yb"),
          ModelServiceTest.detail(inUse, PreconditionFailure.class).getViolationsList().stream()
              .map(PreconditionFailure.Violation::getSubject)
              .toList());
      for (String id : List.of("uses-yb", "also-uses-yb")) {
        scenarios.deleteScenario(DeleteScenarioRequest.newBuilder().setScenarioId(id).build());
      }
      var stale =
          refused(
              Status.Code.ABORTED,
              () ->
                  stub.deleteDataset(
                      DeleteDatasetRequest.newBuilder()
                          .setDatasetId("yearbook")
                          .setEtag("v999999")
                          .build()));
      assertTrue(stale.getStatus().getDescription().contains("yearbook"));
      stub.deleteDataset(DeleteDatasetRequest.newBuilder().setDatasetId("yearbook").build());
      assertNothingStored(stub);
    }
  }

  @Test
  void inlineOverridesNamingAnUnknownDatasetAreRefused() throws Exception {
    try (ServerFixture f = start()) {
      var sim = SimulationServiceGrpc.newBlockingStub(f.channel);
      var e =
          refused(
              Status.Code.INVALID_ARGUMENT,
              () ->
                  sim.simulate(
                      SimulateRequest.newBuilder()
                          .setSpec(
                              SimulationSpec.newBuilder()
                                  .setTargets(
                                      TargetSelection.newBuilder()
                                          .addTargetIds("pharma-output-2025-etdz"))
                                  .setPaths(1000)
                                  .setInlineOverrides(
                                      ScenarioOverrides.newBuilder().setDatasetId("no-such-data")))
                          .build()));
      assertEquals("spec.inline_overrides.dataset_id", violations(e).get(0).getField());
      assertTrue(violations(e).get(0).getDescription().contains("not stored"));
    }
  }

  @Test
  void datasetsCountAgainstTheClientsQuotaWithItsScenarios() throws Exception {
    try (ServerFixture f =
        new ServerFixture(
            ServerConfig.defaults()
                .withPort(0)
                .withThreads(2)
                .withDataDir(dataDir)
                .withStore(StoreSettings.defaults().withQuota(2, 1_000_000)))) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      stub.createDataset(csv("quota-a", HEADER + GOOD_ROW));
      ScenarioServiceGrpc.newBlockingStub(f.channel)
          .createScenario(
              CreateScenarioRequest.newBuilder().setScenario(naming("quota-s", "quota-a")).build());
      var over =
          refused(
              Status.Code.RESOURCE_EXHAUSTED,
              () -> stub.createDataset(csv("quota-b", HEADER + GOOD_ROW)));
      assertTrue(
          over.getStatus().getDescription().contains("at most 2 scenarios and datasets"),
          over.getStatus().getDescription());
      assertEquals(
          List.of("quota-a"),
          stub.listDatasets(ListDatasetsRequest.getDefaultInstance()).getDatasetsList().stream()
              .map(Dataset::getId)
              .toList());
    }
  }

  @Test
  void datasetsSurviveARestartOnTheSameStore() throws Exception {
    Dataset before;
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      stub.createDataset(csv("kept", HEADER + GOOD_ROW + "pharma@etdz,2022,780,亿元,1-7,,\n"));
      before =
          stub.getDataset(GetDatasetRequest.newBuilder().setDatasetId("kept").build()).getDataset();
    }
    try (ServerFixture f = start()) {
      var stub = DatasetServiceGrpc.newBlockingStub(f.channel);
      assertEquals(
          before,
          stub.getDataset(GetDatasetRequest.newBuilder().setDatasetId("kept").build())
              .getDataset());
      assertEquals(before, f.server.datasets().load("kept", "dataset_id"));
    }
  }
}
