package chaincast.chart;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
