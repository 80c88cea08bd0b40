package chaincast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.calibration.CellPosterior;
import chaincast.calibration.Estimate;
import chaincast.calibration.proto.ModelCalibration;
import chaincast.seed.SeedLoader;
import chaincast.v1.ActualPoint;
import chaincast.v1.BacktestMethod;
import chaincast.v1.BacktestRequest;
import chaincast.v1.BacktestResponse;
import chaincast.v1.BacktestSummary;
import chaincast.v1.CalibrationServiceGrpc;
import chaincast.v1.CellEstimate;
import chaincast.v1.EstimateParametersRequest;
import chaincast.v1.EstimateParametersResponse;
import chaincast.v1.Period;
import chaincast.v1.ProvenanceKind;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CalibrationService through the real server wiring, in process, with inline points. */
class CalibrationServiceTest {
  static ServerFixture fixture;
  static CalibrationServiceGrpc.CalibrationServiceBlockingStub stub;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    stub = CalibrationServiceGrpc.newBlockingStub(fixture.channel);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private static ActualPoint point(String id, int year, double value) {
    return ActualPoint.newBuilder()
        .setSubjectId(id)
        .setYear(year)
        .setValue(value)
        .setUnit("亿元")
        .setSource("synthetic test series")
        .build();
  }

  /** Three pharma cells 2012–2024 growing 8%, 5% and 11% a year with a deterministic wobble. */
  static List<ActualPoint> series() {
    List<ActualPoint> out = new ArrayList<>();
    String[] cells = {"pharma@etdz", "pharma@haizhou", "pharma@ganyu"};
    double[] growth = {0.08, 0.05, 0.11};
    for (int c = 0; c < cells.length; c++) {
      double ln = Math.log(100 + 50 * c);
      for (int y = 2012; y <= 2024; y++) {
        out.add(point(cells[c], y, Math.exp(ln)));
        ln += growth[c] + 0.06 * Math.sin(1.7 * y + c);
      }
    }
    return out;
  }

  @Test
  void estimatesCarryEstimatedProvenanceAndMatchTheLibrary() {
    List<ActualPoint> points = new ArrayList<>(series());
    points.add(point("pharma@*", 2021, 900));
    points.add(
        point("pharma@etdz", 2025, 300).toBuilder()
            .setPeriod(Period.newBuilder().setFirstMonth(1).setLastMonth(7))
            .build());
    EstimateParametersResponse r =
        stub.estimateParameters(
            EstimateParametersRequest.newBuilder().addAllPoints(points).build());
    assertEquals(3, r.getEstimatesCount());
    Estimate direct = ModelCalibration.estimate(SeedLoader.fromClasspath(), points);
    for (CellEstimate e : r.getEstimatesList()) {
      CellPosterior p =
          direct.posteriors().stream()
              .filter(x -> x.cellId().equals(e.getCellId()))
              .findFirst()
              .orElseThrow();
      assertEquals(p.driftMean(), e.getDriftMean().getValue(), 0);
      assertEquals(p.shape(), e.getShape(), 0);
      assertEquals(12, e.getObservations());
      assertEquals(
          ProvenanceKind.PROVENANCE_KIND_ESTIMATED, e.getDriftMean().getProvenance().getKind());
      assertEquals(
          ProvenanceKind.PROVENANCE_KIND_ESTIMATED, e.getVolatility().getProvenance().getKind());
      assertTrue(e.getDriftP10() < e.getDriftMean().getValue());
      assertTrue(e.getDriftMean().getValue() < e.getDriftP90());
      assertTrue(e.getVolatilityP10() < e.getVolatilityP90());
    }
    Set<String> skipped =
        r.getSkippedList().stream().map(s -> s.getSubjectId()).collect(Collectors.toSet());
    assertEquals(
        Set.of("pharma@*", "pharma@etdz (part-year)"), skipped, r.getSkippedList().toString());
    assertTrue(r.getMethod().contains("normal-inverse-gamma"));
  }

  @Test
  void backtestScoresThreeMethodsAtEachHorizon() {
    BacktestResponse r =
        stub.backtest(BacktestRequest.newBuilder().addAllPoints(series()).setHorizon(2).build());
    assertEquals(2, r.getHorizon());
    assertEquals(4, r.getMinHistory());
    assertEquals(6, r.getSummariesCount());
    // Vantages 2015..2022 forecast 2 years, 2023 one: 17 forecasts per cell and method.
    assertEquals(3 * 3 * 17, r.getRowsCount());
    for (BacktestSummary s : r.getSummariesList()) {
      assertEquals(
          s.getForecasts(), s.getPitHistogramList().stream().mapToInt(Integer::intValue).sum());
      assertTrue(s.getMeanCrps() > 0);
    }
    assertTrue(
        r.getRowsList().stream()
            .anyMatch(x -> x.getMethod() == BacktestMethod.BACKTEST_METHOD_PLAN));
    BacktestResponse one =
        stub.backtest(
            BacktestRequest.newBuilder().addAllPoints(series()).addCellIds("pharma@ganyu").build());
    assertTrue(one.getRowsList().stream().allMatch(x -> x.getCellId().equals("pharma@ganyu")));
    assertEquals(3 * 3, one.getSummariesCount());
  }

  @Test
  void badPointsAreNamedOneViolationEach() {
    List<ActualPoint> points = new ArrayList<>(series());
    points.add(point("pharma@etdz", 2012, 5)); // duplicate of points[0]
    points.add(point("pharma@atlantis", 2020, 5));
    points.add(point("pharma@ganyu", 1900, -1));
    points.add(point("pharma@guannan", 2020, 5).toBuilder().setUnit("万元").build());
    points.add(point("pharma@guannan", 2021, Double.NaN));
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.estimateParameters(
                    EstimateParametersRequest.newBuilder().addAllPoints(points).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    Set<String> fields =
        ModelServiceTest.detail(e, BadRequest.class).getFieldViolationsList().stream()
            .map(BadRequest.FieldViolation::getField)
            .collect(Collectors.toSet());
    int n = series().size();
    assertEquals(
        Set.of(
            "points[" + n + "]",
            "points[" + (n + 1) + "].subject_id",
            "points[" + (n + 2) + "].year",
            "points[" + (n + 2) + "].value",
            "points[" + (n + 3) + "].unit",
            "points[" + (n + 4) + "].value"),
        fields);
  }

  @Test
  void requestFieldsAreChecked() {
    assertInvalid(
        () ->
            stub.backtest(
                BacktestRequest.newBuilder().addAllPoints(series()).setHorizon(11).build()),
        "horizon");
    assertInvalid(
        () ->
            stub.backtest(
                BacktestRequest.newBuilder().addAllPoints(series()).setMinHistory(3).build()),
        "min_history");
    assertInvalid(() -> stub.backtest(BacktestRequest.getDefaultInstance()), "points");
    assertInvalid(
        () ->
            stub.estimateParameters(
                EstimateParametersRequest.newBuilder()
                    .setDatasetId("yearbook")
                    .addAllPoints(series())
                    .build()),
        "dataset_id");
  }

  @Test
  void unknownDatasetsAndCellsAreNotFound() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.backtest(BacktestRequest.newBuilder().setDatasetId("yearbook-2024").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("yearbook-2024"));
    StatusRuntimeException cell =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub.estimateParameters(
                    EstimateParametersRequest.newBuilder()
                        .addAllPoints(series())
                        .addCellIds("pharma@mars")
                        .build()));
    assertEquals(Status.Code.NOT_FOUND, cell.getStatus().getCode());
    assertTrue(cell.getStatus().getDescription().contains("cell_ids[0]"));
  }

  @Test
  void tooShortSeriesSayHowManyYearsAreNeeded() {
    List<ActualPoint> short4 =
        List.of(
            point("pharma@etdz", 2021, 10),
            point("pharma@etdz", 2022, 11),
            point("pharma@etdz", 2023, 12),
            point("pharma@etdz", 2024, 13));
    StatusRuntimeException e =
        assertInvalid(
            () -> stub.backtest(BacktestRequest.newBuilder().addAllPoints(short4).build()),
            "points");
    assertTrue(
        e.getStatus().getDescription().contains("at least min_history + 1 = 5"),
        e.getStatus().getDescription());
    assertTrue(e.getStatus().getDescription().contains("longest series has 4"));
    StatusRuntimeException one =
        assertInvalid(
            () ->
                stub.estimateParameters(
                    EstimateParametersRequest.newBuilder()
                        .addAllPoints(series())
                        .addPoints(point("pharma@guannan", 2020, 7))
                        .addCellIds("pharma@guannan")
                        .build()),
            "cell_ids[0]");
    assertTrue(
        one.getStatus().getDescription().contains("at least 2 consecutive full years"),
        one.getStatus().getDescription());
  }

  private static StatusRuntimeException assertInvalid(Runnable call, String field) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    List<String> fields =
        ModelServiceTest.detail(e, BadRequest.class).getFieldViolationsList().stream()
            .map(BadRequest.FieldViolation::getField)
            .toList();
    assertTrue(fields.contains(field), fields.toString());
    return e;
  }
}
