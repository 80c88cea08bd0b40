package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.JointOdds;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetKind;
import chaincast.v1.TargetOdds;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The odds as a terminal user sees them first, and the tidy CSV and JSON, as real processes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliOddsScreenIT {
  /** The first screen of a terminal. */
  static final int SCREEN_LINES = 40;

  private ChaincastServer server;
  private ManagedChannel channel;
  private String address;

  @BeforeAll
  void startServer() throws Exception {
    server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(2)
                    .withDataDir(Files.createTempDirectory("chaincast-odds-it")))
            .start();
    address = "127.0.0.1:" + server.port();
    channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
  }

  @AfterAll
  void stopServer() throws Exception {
    channel.shutdownNow();
    server.stop();
  }

  private SimulationReport direct(long paths) {
    return SimulationServiceGrpc.newBlockingStub(channel)
        .simulate(
            SimulateRequest.newBuilder()
                .setSpec(SimulationSpec.newBuilder().setPaths(paths).setSeed(2025))
                .build())
        .getReport();
  }

  @Test
  void theDefaultOddsFit120ColumnsAndTheFirstScreenHoldsJointSetsAndHeadlines() throws Exception {
    CliProcess.Result r = CliProcess.run("odds", "--server", address, "--paths", "20000");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.stdout().lines().toList();
    for (String line : lines) {
      assertTrue(TextTable.width(line) <= 120, TextTable.width(line) + " columns: " + line);
    }
    String firstScreen = String.join("\n", lines.subList(0, Math.min(SCREEN_LINES, lines.size())));
    SimulationReport report = direct(20_000);
    assertTrue(report.getJointCount() > 0);
    for (JointOdds j : report.getJointList()) {
      assertTrue(firstScreen.contains(prefix(j.getName().getZh())), j.getId() + "\n" + firstScreen);
    }
    int headlines = 0;
    for (TargetOdds o : report.getOddsList()) {
      if (o.getPartOf().isEmpty() && o.getKind() != TargetKind.TARGET_KIND_COUNT) {
        headlines++;
        assertTrue(
            firstScreen.contains(prefix(o.getName().getZh())),
            o.getTargetId() + "\n" + firstScreen);
        assertTrue(
            firstScreen.contains(Formats.pct(o.getPHit().getEstimate())),
            o.getTargetId() + " P(hit) on the first screen");
      }
    }
    assertTrue(headlines >= 5, "headline targets: " + headlines);
    // Counts are a matrix, not one row per county: far fewer lines than targets.
    assertTrue(lines.size() < report.getOddsCount(), lines.size() + " lines");
  }

  private static String prefix(String zh) {
    return zh.substring(0, Math.min(6, zh.length()));
  }

  @Test
  void csvAndJsonHoldTheSameColumnsAndValues() throws Exception {
    String[] common = {
      "odds",
      "--server",
      address,
      "--paths",
      "5000",
      "--chain",
      "pharma",
      "--joint",
      "both=pharma-output-2025,pharma-output-2025-etdz",
      "--at",
      "pharma-output-2025>=900",
      "--at",
      "pharma_firms_above_size@etdz=25..35"
    };
    CliProcess.Result csv = CliProcess.run(concat(common, "--format", "csv"));
    CliProcess.Result json = CliProcess.run(concat(common, "--format", "json"));
    assertEquals(0, csv.exitCode(), csv.toString());
    assertEquals(0, json.exitCode(), json.toString());
    CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv.stdout()));
    List<String> columns = parser.getHeaderNames();
    List<CSVRecord> rows = parser.getRecords();
    JsonObject doc = JsonParser.parseString(json.stdout()).getAsJsonObject();
    JsonArray jsonRows = doc.getAsJsonArray("rows");
    assertEquals(rows.size(), jsonRows.size());
    assertTrue(doc.getAsJsonObject("run").get("paths").isJsonPrimitive());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject o = jsonRows.get(i).getAsJsonObject();
      assertEquals(columns, List.copyOf(o.keySet()), "same columns, same order");
      for (String c : columns) {
        assertSameValue(rows.get(i).get(c), o.get(c), rows.get(i).get("target_id") + "." + c);
      }
    }
    assertTrue(rows.stream().anyMatch(x -> x.get("row").equals("threshold")));
    assertTrue(rows.stream().anyMatch(x -> x.get("row").equals("joint")));
    CSVRecord at900 =
        rows.stream()
            .filter(x -> x.get("target_id").equals("pharma-output-2025@2025>=900"))
            .findFirst()
            .orElseThrow();
    assertEquals(">=", at900.get("comparison"));
    assertEquals("亿元", at900.get("unit"));
    CSVRecord range =
        rows.stream().filter(x -> x.get("comparison").equals("between")).findFirst().orElseThrow();
    assertEquals("count", range.get("unit"));
    assertEquals("35.0", range.get("upper_value"));
  }

  /** A CSV field and its JSON value: numbers equal as numbers, empty fields null. */
  private static void assertSameValue(String field, JsonElement json, String what) {
    if (json.isJsonNull()) {
      assertEquals("", field, what);
    } else if (json.isJsonArray()) {
      List<String> items =
          json.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
      assertEquals(field, String.join(";", items), what);
    } else if (json.getAsJsonPrimitive().isNumber()) {
      assertEquals(Double.parseDouble(field), json.getAsDouble(), 0.0, what);
    } else if (json.getAsJsonPrimitive().isBoolean()) {
      assertEquals(field, String.valueOf(json.getAsBoolean()), what);
    } else {
      assertEquals(field, json.getAsString(), what);
    }
  }

  @Test
  void regionMeansTheRegionsOwnTargetsOf2025AndExcelGetsABom() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "odds",
            "--server",
            address,
            "--paths",
            "2000",
            "--region",
            "haizhou",
            "--format",
            "csv",
            "--excel");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().startsWith("\uFEFF"), "UTF-8 byte-order mark for Excel");
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(r.stdout().substring(1)))
            .getRecords();
    assertTrue(rows.size() >= 9, rows.size() + " rows");
    for (CSVRecord row : rows) {
      assertEquals("haizhou", row.get("region_id"), row.get("target_id"));
      assertEquals("2025", row.get("year"), row.get("target_id"));
    }
  }

  @Test
  void anUnknownIdSuggestsTheClosestAndUsageErrorsNameTheOption() throws Exception {
    CliProcess.Result r =
        CliProcess.run("odds", "--server", address, "--target", "pharma-output-2025-haizou");
    assertFalse(r.exitCode() == 0, r.toString());
    assertTrue(r.stderr().contains("did you mean 'pharma-output-2025-haizhou'"), r.toString());
    CliProcess.Result bad = CliProcess.run("odds", "--at", "pharma>=lots");
    assertEquals(ExitCode.USAGE.code(), bad.exitCode(), bad.toString());
    assertTrue(bad.stderr().contains("--at"), bad.toString());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
