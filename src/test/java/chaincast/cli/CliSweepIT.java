package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaincast sweep} and {@code goal-seek} as a user runs them, against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliSweepIT {
  private ChaincastServer server;
  private String address;

  @TempDir Path dir;

  @BeforeAll
  void startServer() throws Exception {
    server =
        new ChaincastServer(
                ServerConfig.defaults()
                    .withPort(0)
                    .withThreads(2)
                    .withDataDir(Files.createTempDirectory("chaincast-sweep-cli")))
            .start();
    address = "127.0.0.1:" + server.port();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.stop();
  }

  private CliProcess.Result cli(String... args) throws Exception {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--server";
    all[args.length + 1] = address;
    return CliProcess.run(Map.of("LANG", "C.UTF-8"), Duration.ofMinutes(2), all);
  }

  @Test
  void aStoredSweepRunsOnceAndIsReadBackTheSecondTime() throws Exception {
    Path png = dir.resolve("sweep.png");
    String[] args = {
      "sweep",
      "--axis",
      "pharma@etdz.drift=0.05:0.25:3",
      "--target",
      "pharma-output-2025-etdz",
      "--paths",
      "4000",
      "--sweep-id",
      "cli-sweep",
      "--format",
      "csv",
      "--png",
      png.toString()
    };
    CliProcess.Result first = cli(args);
    assertEquals(0, first.exitCode(), first.toString());
    List<String> lines = first.stdout().lines().toList();
    assertEquals(
        "point,pharma@etdz.drift_mean,target_id,p_hit,standard_error,median,resumed", lines.get(0));
    assertEquals(4, lines.size(), first.stdout());
    assertTrue(lines.get(1).endsWith(",false"), lines.get(1));
    assertTrue(Files.size(png) > 1000);
    CliProcess.Result again = cli(args);
    assertEquals(0, again.exitCode(), again.toString());
    List<String> resumed = again.stdout().lines().toList();
    for (int i = 1; i < 4; i++) {
      assertEquals(lines.get(i).replace(",false", ",true"), resumed.get(i));
    }
  }

  @Test
  void goalSeekPrintsTheValueWithItsError() throws Exception {
    CliProcess.Result r =
        cli(
            "goal-seek",
            "--target",
            "pharma-output-2025-etdz",
            "--param",
            "pharma@etdz.drift",
            "--range",
            "0:0.5",
            "--probability",
            "0.8",
            "--paths",
            "4000");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().contains("pharma@etdz.drift_mean = 0.15"), r.stdout());
    assertTrue(r.stdout().contains("(wanted 80.0%)"), r.stdout());
  }

  @Test
  void badInputIsRefusedWithTheFieldOrOption() throws Exception {
    CliProcess.Result p =
        cli(
            "goal-seek",
            "--target",
            "pharma-output-2025-etdz",
            "--param",
            "pharma@etdz.drift",
            "--range",
            "0:0.5",
            "--probability",
            "1");
    assertEquals(ExitCode.REJECTED.code(), p.exitCode(), p.toString());
    assertTrue(p.stderr().contains("probability"), p.stderr());
    CliProcess.Result axis = cli("sweep", "--axis", "pharma@etdz.speed=1,2");
    assertEquals(ExitCode.USAGE.code(), axis.exitCode(), axis.toString());
    assertTrue(axis.stderr().contains("speed"), axis.stderr());
  }
}
