package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.Fan;
import chaincast.v1.FanRequest;
import chaincast.v1.FanYear;
import chaincast.v1.GetAuditRequest;
import chaincast.v1.GetAuditResponse;
import chaincast.v1.JointRequest;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListActualsResponse;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListCellsResponse;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListChainsResponse;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListPlansResponse;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListRegionsResponse;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ListTargetsResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.ModelServiceGrpc.ModelServiceBlockingStub;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationReport;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationSpec;
import chaincast.v1.Subject;
import chaincast.v1.TargetOdds;
import chaincast.v1.TargetSelection;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subcommand as a real process against a real server on an ephemeral port, in each output
 * format, and once with the in-process default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
  private ChaincastServer server;
  private ManagedChannel channel;
  private String address;
  private ModelServiceBlockingStub model;

  @BeforeAll
  void startServer() throws Exception {
    server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(2)
                    .withDataDir(Files.createTempDirectory("chaincast-it")))
            .start();
    address = "127.0.0.1:" + server.port();
    channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
    model = ModelServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  void stopServer() throws Exception {
    channel.shutdownNow();
    server.stop();
  }

  /** A browse command, the same request made directly, and the column that lists its items. */
  record Browse(
      List<String> args,
      String tableHeader,
      Supplier<Message> direct,
      Supplier<Message.Builder> parseInto,
      String csvKey,
      Function<Message, List<String>> keys) {
    @Override
    public String toString() {
      return String.join(" ", args);
    }
  }

  Stream<Browse> browseCommands() {
    return Stream.of(
        new Browse(
            List.of("targets", "--year", "2025"),
            "目标 Target",
            () -> model.listTargets(ListTargetsRequest.newBuilder().setYear(2025).build()),
            ListTargetsResponse::newBuilder,
            "id",
            m -> ((ListTargetsResponse) m).getTargetsList().stream().map(t -> t.getId()).toList()),
        new Browse(
            List.of("regions"),
            "区域 Region",
            () -> model.listRegions(ListRegionsRequest.getDefaultInstance()),
            ListRegionsResponse::newBuilder,
            "id",
            m -> ((ListRegionsResponse) m).getRegionsList().stream().map(r -> r.getId()).toList()),
        new Browse(
            List.of("chains"),
            "产业链 Chain",
            () -> model.listChains(ListChainsRequest.getDefaultInstance()),
            ListChainsResponse::newBuilder,
            "id",
            m -> ((ListChainsResponse) m).getChainsList().stream().map(c -> c.getId()).toList()),
        new Browse(
            List.of("cells", "--chain", "pharma"),
            "单元 Cell",
            () -> model.listCells(ListCellsRequest.newBuilder().setChainId("pharma").build()),
            ListCellsResponse::newBuilder,
            "id",
            m -> ((ListCellsResponse) m).getCellsList().stream().map(c -> c.getId()).toList()),
        new Browse(
            List.of("plans"),
            "规划 Plan",
            () -> model.listPlans(ListPlansRequest.getDefaultInstance()),
            ListPlansResponse::newBuilder,
            "id",
            m -> ((ListPlansResponse) m).getPlansList().stream().map(p -> p.getId()).toList()),
        new Browse(
            List.of("actuals"),
            "实际 Actual",
            () -> model.listActuals(ListActualsRequest.getDefaultInstance()),
            ListActualsResponse::newBuilder,
            "id",
            m -> ((ListActualsResponse) m).getActualsList().stream().map(a -> a.getId()).toList()),
        new Browse(
            List.of("audit", "--mismatches"),
            "一致 OK",
            () -> model.getAudit(GetAuditRequest.newBuilder().setMismatchesOnly(true).build()),
            GetAuditResponse::newBuilder,
            "headline_target_id",
            m ->
                ((GetAuditResponse) m)
                    .getFindingsList().stream().map(f -> f.getHeadlineTargetId()).toList()));
  }

  private List<String> withServer(List<String> args, String... more) {
    return Stream.concat(
            Stream.concat(args.stream(), Stream.of("--server", address)), Stream.of(more))
        .toList();
  }

  @ParameterizedTest(name = "{0} --format proto-json")
  @MethodSource("browseCommands")
  void browseJsonParsesIntoTheServersAnswer(Browse b) throws Exception {
    CliProcess.Result r =
        CliProcess.run(withServer(b.args(), "--format", "proto-json").toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    Message.Builder parsed = b.parseInto().get();
    JsonFormat.parser().merge(r.stdout(), parsed);
    assertEquals(b.direct().get(), parsed.build());
    assertTrue(r.stderr().isBlank(), "nothing but the result: " + r);
  }

  @ParameterizedTest(name = "{0} --format csv")
  @MethodSource("browseCommands")
  void browseCsvHasOneRowPerItem(Browse b) throws Exception {
    CliProcess.Result r =
        CliProcess.run(withServer(b.args(), "--format", "csv").toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    List<CSVRecord> rows = csv(r.stdout());
    List<String> expected = b.keys().apply(b.direct().get());
    assertTrue(!expected.isEmpty(), "the seeded model has items for " + b);
    assertEquals(expected, rows.stream().map(x -> x.get(b.csvKey())).toList());
  }

  @ParameterizedTest(name = "{0} (table)")
  @MethodSource("browseCommands")
  void browseTableListsEveryItemUnderBilingualHeaders(Browse b) throws Exception {
    CliProcess.Result r = CliProcess.run(withServer(b.args()).toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().lines().findFirst().orElse("").contains(b.tableHeader()), r.stdout());
    for (String key : b.keys().apply(b.direct().get())) {
      assertTrue(r.stdout().contains(key), key + " missing from\n" + r.stdout());
    }
  }

  @ParameterizedTest(name = "{0} (in-process server)")
  @MethodSource("browseCommands")
  void browseWithTheInProcessDefault(Browse b) throws Exception {
    CliProcess.Result r = CliProcess.run(b.args().toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    for (String key : b.keys().apply(b.direct().get())) {
      assertTrue(r.stdout().contains(key), key + " missing from\n" + r.stdout());
    }
    assertTrue(r.stderr().isBlank(), "the in-process server stays quiet: " + r);
  }

  // ---- odds ----

  private SimulationReport direct(SimulationSpec spec) {
    return SimulationServiceGrpc.newBlockingStub(channel)
        .simulate(SimulateRequest.newBuilder().setSpec(spec).build())
        .getReport();
  }

  /** A report without what differs between two runs of the same spec: the wall time. */
  private static SimulationReport timeless(SimulationReport r) {
    return r.toBuilder().setRun(r.getRun().toBuilder().clearElapsedMillis()).build();
  }

  private static SimulationSpec.Builder cliDefaults(long paths) {
    return SimulationSpec.newBuilder().setPaths(paths).setSeed(2025);
  }

  @Test
  void oddsJsonIsTheServersReport() throws Exception {
    CliProcess.Result r =
        CliProcess.run("odds", "--server", address, "--paths", "20000", "--format", "proto-json");
    assertEquals(0, r.exitCode(), r.toString());
    SimulateResponse.Builder parsed = SimulateResponse.newBuilder();
    JsonFormat.parser().merge(r.stdout(), parsed);
    assertEquals(timeless(direct(cliDefaults(20_000).build())), timeless(parsed.getReport()));
  }

  @Test
  void oddsCsvHasATargetRowPerOddsAndAJointRowPerSet() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "odds",
            "--server",
            address,
            "--paths",
            "20000",
            "--chain",
            "pharma",
            "--year",
            "2025",
            "--joint",
            "etdz-and-city=pharma-output-2025-etdz,pharma-output-2025",
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.toString());
    SimulationReport report =
        direct(
            cliDefaults(20_000)
                .setTargets(TargetSelection.newBuilder().setChainId("pharma").setYear(2025))
                .addJoint(
                    JointRequest.newBuilder()
                        .setId("etdz-and-city")
                        .addTargetIds("pharma-output-2025-etdz")
                        .addTargetIds("pharma-output-2025"))
                .build());
    List<CSVRecord> rows = csv(r.stdout());
    List<CSVRecord> targets = rows.stream().filter(x -> x.get("row").equals("target")).toList();
    assertEquals(report.getOddsCount(), targets.size());
    for (int i = 0; i < targets.size(); i++) {
      TargetOdds o = report.getOdds(i);
      assertEquals(o.getTargetId(), targets.get(i).get("target_id"));
      assertEquals(o.getPHit().getEstimate(), Double.parseDouble(targets.get(i).get("p_hit")));
      assertEquals(o.getPHit().getCiLow(), Double.parseDouble(targets.get(i).get("ci_low")));
      assertEquals(o.getPercentiles(2).getValue(), Double.parseDouble(targets.get(i).get("p50")));
    }
    List<CSVRecord> joint = rows.stream().filter(x -> x.get("row").equals("joint")).toList();
    assertEquals(report.getJointCount(), joint.size());
    assertTrue(joint.stream().anyMatch(x -> x.get("target_id").equals("etdz-and-city")));
  }

  @Test
  void oddsTableWithAWhatIfMovesTheOdds() throws Exception {
    CliProcess.Result base =
        CliProcess.run(
            "odds",
            "--server",
            address,
            "--paths",
            "20000",
            "--target",
            "pharma-output-2025-etdz",
            "--format",
            "csv");
    CliProcess.Result slower =
        CliProcess.run(
            "odds",
            "--server",
            address,
            "--paths",
            "20000",
            "--target",
            "pharma-output-2025-etdz",
            "--what-if",
            "pharma@etdz:drift_mean=0.0",
            "--format",
            "csv");
    double before = Double.parseDouble(csv(base.stdout()).get(0).get("p_hit"));
    double after = Double.parseDouble(csv(slower.stdout()).get(0).get("p_hit"));
    assertTrue(after < before / 2, before + " -> " + after);
    CliProcess.Result table = CliProcess.run("odds", "--server", address, "--paths", "20000");
    assertEquals(0, table.exitCode(), table.toString());
    assertTrue(
        table.stdout().contains("P(hit)") && table.stdout().contains("95% CI"), table.stdout());
    assertTrue(
        table.stdout().contains("医药总产值 Pharma output, seven counties"), "UTF-8 under LANG=C");
  }

  @Test
  void oddsWithTheInProcessDefault() throws Exception {
    CliProcess.Result r =
        CliProcess.run("odds", "--paths", "20000", "--target", "pharma-output-2025");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("Pharma output, seven counties"), r.stdout());
    assertTrue(r.stderr().isBlank(), r.toString());
  }

  // ---- fan ----

  private SimulationSpec fanSpec() {
    return cliDefaults(20_000)
        .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025"))
        .addFans(
            FanRequest.newBuilder()
                .setSubject(Subject.newBuilder().setTargetId("pharma-output-2025")))
        .build();
  }

  @Test
  void fanJsonIsTheServersReport() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "fan",
            "--server",
            address,
            "--target",
            "pharma-output-2025",
            "--paths",
            "20000",
            "--format",
            "proto-json");
    assertEquals(0, r.exitCode(), r.toString());
    SimulateResponse.Builder parsed = SimulateResponse.newBuilder();
    JsonFormat.parser().merge(r.stdout(), parsed);
    assertEquals(timeless(direct(fanSpec())), timeless(parsed.getReport()));
  }

  @Test
  void fanCsvIsLongFormatAndMatchesTheServer() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "fan",
            "--server",
            address,
            "--target",
            "pharma-output-2025",
            "--paths",
            "20000",
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.toString());
    Fan fan = direct(fanSpec()).getFans(0);
    List<CSVRecord> rows = csv(r.stdout());
    assertEquals(fan.getYearsCount() * fan.getYears(0).getPercentilesCount(), rows.size());
    CSVRecord last = rows.get(rows.size() - 1);
    FanYear lastYear = fan.getYears(fan.getYearsCount() - 1);
    assertEquals("target:pharma-output-2025", last.get("subject"));
    assertEquals(lastYear.getYear(), Integer.parseInt(last.get("year")));
    assertEquals(95.0, Double.parseDouble(last.get("percentile")));
    assertEquals(lastYear.getPercentiles(4).getValue(), Double.parseDouble(last.get("value")));
    assertEquals("yi_yuan", last.get("unit"));
  }

  @Test
  void fanTableByYearInProcessAndAgainstTheServer() throws Exception {
    for (List<String> args :
        List.of(
            List.of("fan", "--chain", "pharma", "--paths", "20000"),
            List.of("fan", "--server", address, "--cell", "pharma@etdz", "--paths", "20000"))) {
      CliProcess.Result r = CliProcess.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.stdout().contains("P50") && r.stdout().contains("2025"), r.stdout());
      assertTrue(r.stderr().isBlank(), r.toString());
    }
  }

  @Test
  void progressGoesToStderrAndStdoutKeepsOnlyTheResult() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            "odds",
            "--server",
            address,
            "--paths",
            "2000000",
            "--progress",
            "--format",
            "proto-json");
    assertEquals(0, r.exitCode(), r.toString());
    SimulateResponse.Builder parsed = SimulateResponse.newBuilder();
    JsonFormat.parser().merge(r.stdout(), parsed);
    assertEquals(2_000_000, parsed.getReport().getRun().getPaths());
    assertTrue(
        r.stderr()
            .lines()
            .anyMatch(
                l -> l.startsWith("100% [########################] 2,000,000/2,000,000 paths | ")),
        r.stderr());
    assertTrue(r.stderr().contains("pharma-output-2025 P="), r.stderr());
  }

  private static List<CSVRecord> csv(String text) throws Exception {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(text))
        .getRecords();
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
