package chaincast.chart;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart as PNG or SVG into an existing folder. The formats are the two the class path
 * draws without another library (JFreeChart's PNG encoder, JFreeSVG); PDF would need one (e.g.
 * OrsonPDF) and is refused with a pointer to SVG, which any PDF tool converts without loss.
 */
public final class ChartFile {
  /** The formats written, by file extension. */
  public static final List<String> FORMATS = List.of("png", "svg");

  private ChartFile() {}

  /**
   * Why {@code file} cannot take a chart in {@code format} ("png" or "svg"), or {@code null} when
   * it can: its extension must be the format's, and its folder must exist (nothing is created).
   */
  public static String problem(Path file, String format) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!extension.equals(format)) {
      String other =
          FORMATS.contains(extension)
              ? " (for " + extension.toUpperCase(Locale.ROOT) + " use --" + extension + ")"
              : extension.equals("pdf")
                  ? " (PDF is not supported: write --svg FILE.svg and convert it, e.g. with"
                      + " rsvg-convert or Inkscape)"
                  : " (charts are written as " + String.join(" or ", FORMATS) + ")";
      return "the file name must end in ." + format + other;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      return "the folder " + parent + " does not exist (create it first)";
    }
    return null;
  }

  /** Writes {@code chart} as a {@code width} x {@code height} pixel PNG. */
  public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
    requireFolder(file);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }

  /** Writes {@code chart} as an SVG document of {@code width} x {@code height} user units. */
  public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
    requireFolder(file);
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
    requireFolder(file);
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
    requireFolder(file);
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

  /** A chart never creates folders: a mistyped path fails instead of leaving a stray tree. */
  private static void requireFolder(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new NoSuchFileException(parent.toString(), null, "the folder does not exist");
    }
  }
}
