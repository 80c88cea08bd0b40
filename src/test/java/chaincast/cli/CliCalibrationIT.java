package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaincast estimate} and {@code backtest} on the committed synthetic example file. */
class CliCalibrationIT {
  static final String EXAMPLE = "clients/examples/synthetic-actuals.csv";

  @TempDir Path dir;

  @Test
  void estimatePrintsEveryCellOfTheExample() throws Exception {
    CliProcess.Result r = CliProcess.run("estimate", "--file", EXAMPLE);
    assertEquals(0, r.exitCode(), r.stderr());
    for (String cell :
        new String[] {
          "pharma@etdz",
          "pharma@haizhou",
          "pharma@ganyu",
          "pharma@donghai",
          "steel@unallocated",
          "new_energy@unallocated"
        }) {
      assertTrue(r.stdout().contains(cell), r.stdout());
    }
    assertTrue(r.stdout().contains("2010–2024"), r.stdout());
  }

  @Test
  void backtestPrintsTheSummaryAndDrawsBothCharts() throws Exception {
    Path png = dir.resolve("backtest.png");
    CliProcess.Result r =
        CliProcess.run("backtest", "--file", EXAMPLE, "--horizon", "2", "--png", png.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    for (String method : new String[] {"model", "random_walk", "plan"}) {
      assertTrue(r.stdout().contains(method), r.stdout());
    }
    CliChartsIT.assertPicture(png, 1000, 480);
    CliProcess.Result csv =
        CliProcess.run("backtest", "--file", EXAMPLE, "--format", "csv", "--rows");
    assertEquals(0, csv.exitCode(), csv.stderr());
    // Header plus 3 methods × 6 cells × 30: vantages 2013..2023 (4 years of history), 3 years
    // ahead for 2013..2021, 2 for 2022, 1 for 2023.
    assertEquals(1 + 3 * 6 * 30, csv.stdout().strip().split("\n").length);
  }

  @Test
  void aBadFileNamesTheRowAndColumn() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        """
        subject_id,year,value,unit,period,source,relative_error
        pharma@etdz,2020,10,亿元,,,
        pharma@etdz,2021,ten,亿元,,,
        """);
    CliProcess.Result r = CliProcess.run("estimate", "--file", bad.toString());
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("row 3 column value"), r.stderr());
    CliProcess.Result both = CliProcess.run("backtest", "--file", EXAMPLE, "--dataset", "yearbook");
    assertEquals(2, both.exitCode(), both.stderr());
  }
}
