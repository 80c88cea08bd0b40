package chaincast.cli;

import chaincast.chart.ChartFile;
import chaincast.chart.ChartText;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Option;

/** Where and how large to draw a command's chart. */
final class ChartOptions {
  @Option(names = "--png", paramLabel = "FILE", description = "Also draw the chart as a PNG file.")
  Path png;

  @Option(names = "--svg", paramLabel = "FILE", description = "Also draw the chart as an SVG file.")
  Path svg;

  @Option(names = "--width", paramLabel = "PIXELS", description = "Chart width (default: ${DEFAULT-VALUE}).")
  int width = 1000;

  @Option(names = "--height", paramLabel = "PIXELS", description = "Chart height (default: fits the content).")
  Integer height;

  @Option(
      names = "--english-labels",
      description = "English-only chart labels, even when a Chinese font is installed.")
  boolean englishOnly;

  boolean wanted() {
    return png != null || svg != null;
  }

  /** Checks the sizes before any work is done. */
  String problem() {
    if (width < 200 || width > 8000) {
      return "--width must be 200 to 8000 pixels, got " + width;
    }
    if (height != null && (height < 150 || height > 8000)) {
      return "--height must be 150 to 8000 pixels, got " + height;
    }
    return null;
  }

  ChartText text() {
    return englishOnly ? ChartText.englishOnly() : ChartText.detect();
  }

  /** Writes the chart to each file asked for; says where on stderr. */
  void write(JFreeChart chart, int defaultHeight) {
    int h = height != null ? height : defaultHeight;
    try {
      if (png != null) {
        ChartFile.png(chart, png, width, h);
        Terminal.err.println("chaincast: wrote " + png + " (" + width + "x" + h + " PNG)");
      }
      if (svg != null) {
        ChartFile.svg(chart, svg, width, h);
        Terminal.err.println("chaincast: wrote " + svg + " (" + width + "x" + h + " SVG)");
      }
    } catch (IOException e) {
      throw new OutputFailure("cannot write the chart: " + e, e);
    }
  }
}
