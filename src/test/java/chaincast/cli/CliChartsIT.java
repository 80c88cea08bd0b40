package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.chart.OddsChart;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's pictures: written, of the stated size, and with something drawn on them. */
class CliChartsIT {
  /**
   * The README's fan picture and the command that regenerates it (kept in step with the README).
   */
  static final Path COMMITTED_FAN = Path.of("src/site/resources/images/pharma-fan-2025.png");

  static final String[] REGENERATE_FAN = {"fan", "--target", "pharma-output-2025", "--png"};

  @TempDir Path dir;

  /** Asserts a real, non-blank picture of the given size. */
  static void assertPicture(Path png, int width, int height) throws Exception {
    assertTrue(Files.size(png) > 0, png + " is empty");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth(), "width of " + png);
    assertEquals(height, image.getHeight(), "height of " + png);
    int background = image.getRGB(0, 0);
    int differing = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < height; y += 2) {
      for (int x = 0; x < width; x += 2) {
        int rgb = image.getRGB(x, y);
        colours.add(rgb);
        if (rgb != background) {
          differing++;
        }
      }
    }
    double share = differing / ((width / 2.0) * (height / 2.0));
    assertTrue(share > 0.05, png + ": only " + share + " of the picture is drawn on");
    assertTrue(
        colours.size() > 20,
        png + ": only " + colours.size() + " colours; bands, text and axes need more");
  }

  @Test
  void fanPngAndSvgOfTheStatedSize() throws Exception {
    Path png = dir.resolve("fan.png");
    Path svg = dir.resolve("fan.svg");
    CliProcess.Result r =
        CliProcess.run(
            "fan",
            "--region",
            "etdz",
            "--mark",
            "etdz-pharma-output-2025",
            "--paths",
            "20000",
            "--png",
            png.toString(),
            "--svg",
            svg.toString(),
            "--width",
            "800",
            "--height",
            "500");
    assertEquals(0, r.exitCode(), r.toString());
    assertPicture(png, 800, 500);
    String text = Files.readString(svg);
    assertTrue(
        text.contains("<svg")
            && text.matches(
                "(?s).*<svg[^>]*width=['\"]800(\\.0)?['\"][^>]*height=['\"]500(\\.0)?['\"].*"),
        "SVG header: " + text.substring(0, Math.min(400, text.length())));
    assertTrue(
        text.contains("2025") && text.contains("Year"), "the SVG carries its axis labels as text");
    assertTrue(r.stderr().contains("wrote " + png + " (800x500 PNG)"), r.stderr());
  }

  @Test
  void oddsPngHasARowPerTarget() throws Exception {
    Path png = dir.resolve("odds.png");
    CliProcess.Result r =
        CliProcess.run(
            "odds",
            "--plan",
            "lzbf-2023-53",
            "--year",
            "2025",
            "--paths",
            "20000",
            "--png",
            png.toString(),
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.toString());
    long rows = r.stdout().lines().count() - 1; // one CSV line per bar, after the header
    assertPicture(png, 1000, OddsChart.suggestedHeight((int) rows));
  }

  @Test
  void englishOnlyLabelsStillDraw() throws Exception {
    Path png = dir.resolve("en.png");
    CliProcess.Result r =
        CliProcess.run(
            "fan", "--city", "--paths", "20000", "--english-labels", "--png", png.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertPicture(png, 1000, 600);
  }

  @Test
  void aChartFileNameOfAnotherFormatIsAUsageErrorNamingTheFlag() throws Exception {
    Path jpg = dir.resolve("x.jpg");
    CliProcess.Result r =
        CliProcess.run("fan", "--city", "--paths", "1000", "--png", jpg.toString());
    assertEquals(ExitCode.USAGE.code(), r.exitCode(), r.toString());
    assertTrue(
        r.stderr().contains("--png " + jpg + ": the file name must end in .png"), r.toString());
    assertTrue(!Files.exists(jpg), "nothing written");
    CliProcess.Result pdf =
        CliProcess.run("fan", "--city", "--svg", dir.resolve("x.pdf").toString());
    assertEquals(ExitCode.USAGE.code(), pdf.exitCode(), pdf.toString());
    assertTrue(pdf.stderr().contains("PDF is not supported"), pdf.toString());
  }

  @Test
  void aMissingFolderIsAUsageErrorAndIsNotCreated() throws Exception {
    Path png = dir.resolve("no-such-folder/odds.png");
    CliProcess.Result r =
        CliProcess.run("fan", "--city", "--paths", "1000", "--png", png.toString());
    assertEquals(ExitCode.USAGE.code(), r.exitCode(), r.toString());
    assertTrue(
        r.stderr().contains("the folder " + png.getParent() + " does not exist"), r.toString());
    assertTrue(!Files.exists(png.getParent()), "the folder was not created");
  }

  @Test
  void badChartSizeIsAUsageError() throws Exception {
    CliProcess.Result r =
        CliProcess.run("fan", "--city", "--png", dir.resolve("x.png").toString(), "--width", "5");
    assertEquals(ExitCode.USAGE.code(), r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("--width must be 200 to 8000 pixels, got 5"), r.toString());
  }

  @Test
  void theCommittedFanPictureIsRealAndItsCommandRegeneratesIt() throws Exception {
    assertPicture(COMMITTED_FAN, 1000, 600);
    Path again = dir.resolve("pharma-fan-2025.png");
    String[] args = Arrays.copyOf(REGENERATE_FAN, REGENERATE_FAN.length + 3);
    args[REGENERATE_FAN.length] = again.toString();
    args[REGENERATE_FAN.length + 1] = "--paths";
    args[REGENERATE_FAN.length + 2] =
        "100000"; // the README's command runs the default 1 M; the picture is the same size
    CliProcess.Result r = CliProcess.run(args);
    assertEquals(0, r.exitCode(), r.toString());
    assertPicture(again, 1000, 600);
  }
}
