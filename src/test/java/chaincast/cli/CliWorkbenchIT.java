package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.chart.TornadoChart;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.v1.CompareRequest;
import chaincast.v1.CompareResponse;
import chaincast.v1.CreateScenarioResponse;
import chaincast.v1.GetDatasetResponse;
import chaincast.v1.GetScenarioResponse;
import chaincast.v1.ListDatasetsResponse;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.ScenarioChoice;
import chaincast.v1.SensitivityRequest;
import chaincast.v1.SensitivityResponse;
import chaincast.v1.SimulateRequest;
import chaincast.v1.SimulateResponse;
import chaincast.v1.SimulationServiceGrpc;
import chaincast.v1.SimulationServiceGrpc.SimulationServiceBlockingStub;
import chaincast.v1.SimulationSpec;
import chaincast.v1.TargetDifference;
import chaincast.v1.TargetSelection;
import chaincast.v1.UpdateScenarioResponse;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios, comparisons and sensitivity through the CLI, as separate processes against a real
 * server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliWorkbenchIT {
  private ChaincastServer server;
  private Path serverData;
  private ManagedChannel channel;
  private String address;
  private SimulationServiceBlockingStub simulation;

  @TempDir Path dir;

  @BeforeAll
  void startServer() throws Exception {
    serverData = Files.createTempDirectory("chaincast-wb");
    server =
        new ChaincastServer(
                ServerConfig.defaults().withPort(0).withThreads(2).withDataDir(serverData))
            .start();
    address = "127.0.0.1:" + server.port();
    channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
    simulation = SimulationServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  void stopServer() throws Exception {
    channel.shutdownNow();
    server.stop();
  }

  private CliProcess.Result cli(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = address;
    return CliProcess.run(all);
  }

  /** As {@link #cli}, in a UTF-8 locale: the JVM decodes arguments in the locale's charset. */
  private CliProcess.Result cliUtf8(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = address;
    return CliProcess.run(Map.of("LANG", "C.UTF-8"), Duration.ofSeconds(60), all);
  }

  private static <B extends Message.Builder> B parse(CliProcess.Result r, B into) throws Exception {
    assertEquals(0, r.exitCode(), r.toString());
    JsonFormat.parser().merge(r.stdout(), into);
    return into;
  }

  @Test
  void datasetsOfActualsFromTheCommandLine() throws Exception {
    Path example = Path.of("clients/examples/synthetic-import.csv").toAbsolutePath();
    int rows = Files.readAllLines(example).size() - 1;
    CliProcess.Result imported =
        cliUtf8(
            "actuals",
            "import",
            example.toString(),
            "--id",
            "cli-synthetic",
            "--name-en",
            "Synthetic");
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(
        imported.stdout().contains("imported dataset cli-synthetic: " + rows + " points"),
        imported.stdout());
    ListDatasetsResponse listed =
        parse(
                cli("actuals", "datasets", "--format", "proto-json"),
                ListDatasetsResponse.newBuilder())
            .build();
    assertEquals(1, listed.getDatasetsCount(), listed.toString());
    assertEquals(rows, listed.getDatasets(0).getPointCount());
    // show --format csv writes the import format: it imports again as it is.
    CliProcess.Result csv = cliUtf8("actuals", "show", "cli-synthetic", "--format", "csv");
    assertEquals(0, csv.exitCode(), csv.toString());
    assertTrue(
        csv.stdout().startsWith("subject_id,year,value,unit,period,source,relative_error"),
        csv.stdout());
    Path again = dir.resolve("again.csv");
    Files.writeString(again, csv.stdout());
    assertEquals(0, cliUtf8("actuals", "import", again.toString(), "--id", "cli-again").exitCode());
    assertEquals(
        parse(
                cli("actuals", "show", "cli-synthetic", "--format", "proto-json"),
                GetDatasetResponse.newBuilder())
            .getDataset()
            .getPointsList(),
        parse(
                cli("actuals", "show", "cli-again", "--format", "proto-json"),
                GetDatasetResponse.newBuilder())
            .getDataset()
            .getPointsList());
    // A bad file: every listed violation with its row and column, exit 4, nothing stored.
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        "subject_id,year,value,unit\npharma@etdz,2021,700,亿元\npharma@etdz,2022,-1,亿元\nnosuch@x,2022,1,万元\n");
    CliProcess.Result refused = cliUtf8("actuals", "import", bad.toString(), "--id", "cli-bad");
    assertEquals(ExitCode.REJECTED.code(), refused.exitCode(), refused.toString());
    for (String field :
        List.of(
            "csv row 3, column value", "csv row 4, column subject_id", "csv row 4, column unit")) {
      assertTrue(refused.stderr().contains(field), refused.stderr());
    }
    assertEquals(
        ExitCode.USAGE.code(),
        cli("actuals", "import", dir.resolve("missing.csv").toString(), "--id", "x").exitCode());
    assertEquals(0, cli("actuals", "delete", "cli-again").exitCode());
    assertEquals(0, cli("actuals", "delete", "cli-synthetic").exitCode());
    assertEquals(
        0,
        parse(
                cli("actuals", "datasets", "--format", "proto-json"),
                ListDatasetsResponse.newBuilder())
            .getDatasetsCount());
    // Without a subcommand, actuals still lists the documents' figures.
    CliProcess.Result seeded = cli("actuals", "--format", "csv");
    assertEquals(0, seeded.exitCode(), seeded.toString());
    assertTrue(seeded.stdout().startsWith("id,name"), seeded.stdout());
  }

  @Test
  void scenarioLifecycleWithEtags() throws Exception {
    CreateScenarioResponse created =
        parse(
                cliUtf8(
                    "scenario",
                    "create",
                    "haizhou-slow",
                    "--name-en",
                    "Haizhou slower",
                    "--name-zh",
                    "海州放缓",
                    "--what-if",
                    "pharma@haizhou:drift_mean=0.0",
                    "--macro-shock",
                    "dip:city:2024:-0.10",
                    "--format",
                    "proto-json"),
                CreateScenarioResponse.newBuilder())
            .build();
    String etag = created.getScenario().getEtag();
    assertTrue(!etag.isEmpty());
    assertEquals(1, created.getScenario().getOverrides().getCellsCount());
    assertEquals(-0.10, created.getScenario().getOverrides().getMacroShocks(0).getChange());

    ListScenariosResponse listed =
        parse(cli("scenario", "list", "--format", "proto-json"), ListScenariosResponse.newBuilder())
            .build();
    assertTrue(listed.getScenariosList().stream().anyMatch(s -> s.getId().equals("haizhou-slow")));

    UpdateScenarioResponse updated =
        parse(
                cli(
                    "scenario",
                    "update",
                    "haizhou-slow",
                    "--etag",
                    etag,
                    "--description",
                    "lower growth",
                    "--format",
                    "proto-json"),
                UpdateScenarioResponse.newBuilder())
            .build();
    assertNotEquals(etag, updated.getScenario().getEtag());
    assertEquals("lower growth", updated.getScenario().getDescription());
    assertEquals(
        created.getScenario().getOverrides(), updated.getScenario().getOverrides(), "changes kept");

    CliProcess.Result stale =
        cli("scenario", "update", "haizhou-slow", "--etag", etag, "--description", "mine");
    assertEquals(ExitCode.REJECTED.code(), stale.exitCode(), stale.toString());
    assertTrue(stale.stderr().contains("ABORTED"), stale.toString());
    GetScenarioResponse after =
        parse(
                cli("scenario", "show", "haizhou-slow", "--format", "proto-json"),
                GetScenarioResponse.newBuilder())
            .build();
    assertEquals(
        "lower growth", after.getScenario().getDescription(), "the stale write changed nothing");

    CliProcess.Result table = cli("scenario", "show", "haizhou-slow");
    assertTrue(
        table.stdout().contains("海州放缓 Haizhou slower")
            && table.stdout().contains("\"driftMean\": 0.0"),
        table.stdout());

    assertEquals(
        0,
        cli("scenario", "delete", "haizhou-slow", "--etag", after.getScenario().getEtag())
            .exitCode());
    CliProcess.Result gone = cli("scenario", "show", "haizhou-slow");
    assertEquals(ExitCode.REJECTED.code(), gone.exitCode(), gone.toString());
    assertTrue(gone.stderr().contains("NOT_FOUND"), gone.toString());
  }

  @Test
  void oddsAndCompareOfAStoredScenarioAreTheServersAnswers() throws Exception {
    parse(
        cli(
            "scenario",
            "create",
            "etdz-slow",
            "--name-en",
            "ETDZ pharma slower",
            "--what-if",
            "pharma@etdz:drift_mean=0.03",
            "--format",
            "proto-json"),
        CreateScenarioResponse.newBuilder());
    SimulateResponse odds =
        parse(
                cli(
                    "odds",
                    "--scenario",
                    "etdz-slow",
                    "--target",
                    "pharma-output-2025",
                    "--paths",
                    "20000",
                    "--format",
                    "proto-json"),
                SimulateResponse.newBuilder())
            .build();
    SimulationSpec spec =
        SimulationSpec.newBuilder()
            .setTargets(TargetSelection.newBuilder().addTargetIds("pharma-output-2025"))
            .setPaths(20_000)
            .setSeed(2025)
            .setScenarioId("etdz-slow")
            .build();
    var direct =
        simulation.simulate(SimulateRequest.newBuilder().setSpec(spec).build()).getReport();
    assertEquals(direct.getOdds(0), odds.getReport().getOdds(0));

    CompareResponse compared =
        parse(
                cli(
                    "compare",
                    "--alternative",
                    "etdz-slow",
                    "--target",
                    "pharma-output-2025",
                    "--target",
                    "pharma-output-2025-etdz",
                    "--paths",
                    "20000",
                    "--format",
                    "proto-json"),
                CompareResponse.newBuilder())
            .build();
    CompareResponse expected =
        simulation.compare(
            CompareRequest.newBuilder()
                .setSpec(
                    SimulationSpec.newBuilder()
                        .setTargets(
                            TargetSelection.newBuilder()
                                .addTargetIds("pharma-output-2025")
                                .addTargetIds("pharma-output-2025-etdz"))
                        .setPaths(20_000)
                        .setSeed(2025))
                .setBaseline(ScenarioChoice.newBuilder().setSeeded(true))
                .setAlternative(ScenarioChoice.newBuilder().setScenarioId("etdz-slow"))
                .build());
    assertEquals(
        expected.getComparison().getTargetsList(), compared.getComparison().getTargetsList());
    TargetDifference etdz = compared.getComparison().getTargets(1);
    assertTrue(etdz.getDifference() < 0, "slower growth lowers the odds");
    assertTrue(
        etdz.getStandardError() < etdz.getIndependentStandardError(), "common random numbers pay");

    CompareResponse same =
        parse(
                cli(
                    "compare",
                    "--baseline",
                    "etdz-slow",
                    "--alternative",
                    "etdz-slow",
                    "--target",
                    "pharma-output-2025",
                    "--paths",
                    "20000",
                    "--format",
                    "proto-json"),
                CompareResponse.newBuilder())
            .build();
    assertEquals(0.0, same.getComparison().getTargets(0).getDifference());
    assertEquals(0.0, same.getComparison().getTargets(0).getStandardError());

    CliProcess.Result inline =
        cli(
            "compare",
            "--what-if",
            "pharma@etdz:drift_mean=0.03",
            "--target",
            "pharma-output-2025",
            "--paths",
            "20000",
            "--format",
            "csv");
    assertEquals(0, inline.exitCode(), inline.toString());
    String row = inline.stdout().lines().skip(1).findFirst().orElseThrow();
    assertTrue(row.startsWith("pharma-output-2025,"), row);
    assertTrue(
        row.contains("," + expected.getComparison().getTargets(0).getDifference() + ","),
        "inline changes equal to the stored scenario give its difference: " + row);
  }

  @Test
  void sensitivityTablesAndTornado() throws Exception {
    SensitivityResponse json =
        parse(
                cli(
                    "sensitivity",
                    "--target",
                    "pharma-output-2025-etdz",
                    "--paths",
                    "5000",
                    "--format",
                    "proto-json"),
                SensitivityResponse.newBuilder())
            .build();
    SensitivityResponse direct =
        simulation.sensitivity(
            SensitivityRequest.newBuilder()
                .setSpec(SimulationSpec.newBuilder().setPaths(5000).setSeed(2025))
                .setTargetId("pharma-output-2025-etdz")
                .build());
    assertEquals(direct.getReport().getTornadoList(), json.getReport().getTornadoList());
    assertEquals(direct.getReport().getImportance(), json.getReport().getImportance());

    Path png = dir.resolve("tornado.png");
    CliProcess.Result table =
        cli(
            "sensitivity",
            "--target",
            "pharma-output-2025-etdz",
            "--paths",
            "5000",
            "--bars",
            "6",
            "--png",
            png.toString());
    assertEquals(0, table.exitCode(), table.toString());
    assertTrue(
        table.stdout().contains("Tornado") && table.stdout().contains("Shapley"), table.stdout());
    String first = json.getReport().getTornado(0).getInputId();
    assertTrue(table.stdout().contains(first), table.stdout());
    int bars = Math.min(6, json.getReport().getTornadoCount());
    CliChartsIT.assertPicture(png, 1000, TornadoChart.suggestedHeight(bars));
    var importance = json.getReport().getImportance();
    assertTrue(
        table
            .stdout()
            .contains(
                String.format(
                    Locale.ROOT,
                    "the inputs explain %.1f%% of it",
                    100 * importance.getExplainedShare())),
        table.stdout());
    assertEquals(
        importance.getExplainedShare() < 0.9,
        table.stdout().contains("may disagree with the tornado"),
        table.stdout());
    assertTrue(table.stdout().contains(SensitivityCommand.SHARED_VARIANCE), table.stdout());

    // The CSV holds both tables, told apart by the `table` column.
    CliProcess.Result csv =
        cli(
            "sensitivity",
            "--target",
            "pharma-output-2025-etdz",
            "--paths",
            "5000",
            "--format",
            "csv");
    assertEquals(0, csv.exitCode(), csv.toString());
    List<String> lines = csv.stdout().lines().toList();
    assertTrue(
        lines.get(0).startsWith("table,input_id,cell_id,parameter,")
            && lines.get(0).endsWith(",swing,shapley_share,correlation,explained_share"),
        lines.get(0));
    assertEquals(
        json.getReport().getTornadoCount(),
        lines.stream().filter(l -> l.startsWith("tornado,")).count());
    List<String> shapley = lines.stream().filter(l -> l.startsWith("shapley,")).toList();
    assertEquals(importance.getInputsCount(), shapley.size());
    var topInput = importance.getInputs(0);
    assertTrue(
        shapley.get(0).startsWith("shapley," + topInput.getInputId() + ",")
            && shapley
                .get(0)
                .endsWith(
                    ","
                        + topInput.getShapleyShare()
                        + ","
                        + topInput.getCorrelation()
                        + ","
                        + importance.getExplainedShare()),
        shapley.get(0));
  }

  @Test
  void aStoreHeldByAnotherServerIsAClearRejection() throws Exception {
    // The test's server opens its store; a CLI with no --server starts its own server on the same
    // directory.
    parse(
        cli("scenario", "create", "held-1", "--name-en", "Held", "--format", "proto-json"),
        CreateScenarioResponse.newBuilder());
    CliProcess.Result r =
        CliProcess.run(
            Map.of("CHAINCAST_DATA_DIR", serverData.toString()),
            Duration.ofSeconds(60),
            "scenario",
            "list");
    assertEquals(ExitCode.REJECTED.code(), r.exitCode(), r.toString());
    assertEquals(1, r.stderr().strip().lines().count(), "one line, no stack trace: " + r);
    assertTrue(
        r.stderr().contains("FAILED_PRECONDITION")
            && r.stderr().contains("in use by another Chaincast server"),
        r.toString());
    assertTrue(r.stderr().contains("--server HOST:PORT"), r.toString());
    assertTrue(
        !r.stderr().contains(serverData.toString()), "no server path in a client's message: " + r);
  }

  @Test
  void usageErrors() throws Exception {
    CliProcess.Result neither = cli("compare", "--target", "pharma-output-2025");
    assertEquals(ExitCode.USAGE.code(), neither.exitCode(), neither.toString());
    assertTrue(neither.stderr().contains("side B"), neither.toString());
    CliProcess.Result badShock =
        cli("scenario", "create", "x-1", "--macro-shock", "dip:county:2024:-0.1");
    assertEquals(ExitCode.USAGE.code(), badShock.exitCode(), badShock.toString());
    assertTrue(badShock.stderr().contains("WHERE must be city"), badShock.toString());
    CliProcess.Result noEtag = cli("scenario", "update", "x-1", "--description", "d");
    assertEquals(ExitCode.USAGE.code(), noEtag.exitCode(), noEtag.toString());
  }
}
