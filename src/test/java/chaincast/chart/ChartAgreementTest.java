package chaincast.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.LocalizedName;
import chaincast.v1.Probability;
import chaincast.v1.SensitivityReport;
import chaincast.v1.TargetOdds;
import chaincast.v1.TornadoBar;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's charts say what the Python charts say: names on the bars, room past 100%, the same
 * tornado wording; and chart files are written only where and as their name says.
 */
class ChartAgreementTest {
  @TempDir Path dir;

  private static TargetOdds odds(String id, String zh, String en, double p) {
    return TargetOdds.newBuilder()
        .setTargetId(id)
        .setName(LocalizedName.newBuilder().setZh(zh).setEn(en))
        .setPHit(Probability.newBuilder().setEstimate(p).setCiLow(p).setCiHigh(p))
        .build();
  }

  /** The category axis' labels (JFreeChart returns a raw list). */
  private static List<String> categories(CategoryPlot plot) {
    List<String> labels = new ArrayList<>();
    for (Object category : plot.getCategories()) {
      labels.add(category.toString());
    }
    return labels;
  }

  private static JFreeChart oddsChart(ChartText text) {
    return OddsChart.build(
        List.of(
            odds("pharma-output-2025", "医药总产值", "Pharma output", 1.0),
            odds("etdz-pharma-2025", "", "ETDZ pharma", 0.4),
            odds("no-name-2025", "", "", 0.2)),
        List.of(),
        "20,000 paths, seed 2025",
        text);
  }

  @Test
  void oddsBarsAreLabelledWithNamesNotIds() {
    CategoryPlot english = oddsChart(ChartText.englishOnly()).getCategoryPlot();
    List<String> labels = categories(english);
    assertEquals(List.of("Pharma output", "ETDZ pharma", "no-name-2025"), labels);
    ChartText bilingual = ChartText.detect();
    if (bilingual.bilingual()) {
      assertEquals(
          "医药总产值 Pharma output",
          OddsChart.label(odds("x", "医药总产值", "Pharma output", 0.5), bilingual));
    }
  }

  @Test
  void aCertainTargetsBarEndsInsideTheFrame() {
    ValueAxis percent = oddsChart(ChartText.englishOnly()).getCategoryPlot().getRangeAxis();
    assertEquals(OddsChart.AXIS_END, percent.getUpperBound());
    assertTrue(percent.getUpperBound() > 100, "room past 100% for the bar's end and its label");
  }

  @Test
  void tornadoBarsNameTheParameterAsPythonDoes() {
    TornadoBar bar =
        TornadoBar.newBuilder()
            .setInputId("pharma@etdz.start_value")
            .setCellId("pharma@etdz")
            .setParameter("start_value")
            .build();
    assertEquals(
        "pharma@etdz start value (100M yuan)", TornadoChart.label(bar, ChartText.englishOnly()));
    TornadoBar drift = bar.toBuilder().setParameter("drift_mean").build();
    assertEquals(
        "pharma@etdz mean growth (log growth/yr)",
        TornadoChart.label(drift, ChartText.englishOnly()));
    SensitivityReport report =
        SensitivityReport.newBuilder()
            .setPHit(Probability.newBuilder().setEstimate(0.5))
            .addTornado(
                bar.toBuilder()
                    .setPHitLow(Probability.newBuilder().setEstimate(0.4))
                    .setPHitHigh(Probability.newBuilder().setEstimate(0.6)))
            .build();
    JFreeChart chart = TornadoChart.build(report, 5, "run", ChartText.englishOnly());
    assertEquals(
        List.of("pharma@etdz start value (100M yuan)"), categories(chart.getCategoryPlot()));
  }

  @Test
  void fileNamesMustCarryTheirFormatsExtension() {
    assertNull(ChartFile.problem(dir.resolve("odds.png"), "png"));
    assertNull(ChartFile.problem(dir.resolve("odds.SVG"), "svg"));
    assertEquals(
        "the file name must end in .png (charts are written as png or svg)",
        ChartFile.problem(dir.resolve("x.jpg"), "png"));
    assertEquals(
        "the file name must end in .png (for SVG use --svg)",
        ChartFile.problem(dir.resolve("x.svg"), "png"));
    assertTrue(
        ChartFile.problem(dir.resolve("x.pdf"), "svg").contains("PDF is not supported"),
        ChartFile.problem(dir.resolve("x.pdf"), "svg"));
    assertTrue(ChartFile.problem(dir.resolve("noext"), "png").startsWith("the file name must"));
  }

  @Test
  void aMissingFolderIsRefusedNotCreated() {
    Path missing = dir.resolve("nope/odds.png");
    assertEquals(
        "the folder " + missing.getParent() + " does not exist (create it first)",
        ChartFile.problem(missing, "png"));
    JFreeChart chart = oddsChart(ChartText.englishOnly());
    assertThrows(NoSuchFileException.class, () -> ChartFile.png(chart, missing, 600, 300));
    assertTrue(!Files.exists(missing.getParent()), "the folder was not created");
  }

  @Test
  void svgFilesHoldSvg() throws Exception {
    Path svg = dir.resolve("odds.svg");
    ChartFile.svg(oddsChart(ChartText.englishOnly()), svg, 600, 300);
    String text = Files.readString(svg).stripLeading();
    assertTrue(text.startsWith("<svg") || text.startsWith("<?xml"), text.substring(0, 80));
    assertTrue(text.contains("Pharma output"), "the bar's name is in the SVG");
  }
}
