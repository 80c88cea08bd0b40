package chaincast.chart;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes a chart as PNG or SVG. */
public final class ChartFile {
  private ChartFile() {}

  /** Writes {@code chart} as a {@code width} x {@code height} pixel PNG. */
  public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
    createParent(file);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }

  /** Writes {@code chart} as an SVG document of {@code width} x {@code height} user units. */
  public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
    createParent(file);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    Files.writeString(file, g.getSVGDocument());
  }

  /**
   * Writes {@code charts} side by side, each an equal share of the width, as one PNG: charts that
   * belong together but share no axis (a PIT histogram and a coverage chart).
   */
  public static void png(List<JFreeChart> charts, Path file, int width, int height)
      throws IOException {
    createParent(file);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      drawSideBySide(charts, g, width, height);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** Writes {@code charts} side by side as one SVG document. */
  public static void svg(List<JFreeChart> charts, Path file, int width, int height)
      throws IOException {
    createParent(file);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    drawSideBySide(charts, g, width, height);
    Files.writeString(file, g.getSVGDocument());
  }

  private static void drawSideBySide(List<JFreeChart> charts, Graphics2D g, int width, int height) {
    int each = width / charts.size();
    for (int i = 0; i < charts.size(); i++) {
      charts.get(i).draw(g, new Rectangle(i * each, 0, each, height));
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
