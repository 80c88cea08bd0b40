package chaincast.cli;

import chaincast.chart.ChartFile;
import chaincast.chart.ChartText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where and how large to draw a command's chart. */
final class ChartOptions {
  Path png;

  Path svg;

  /** The command this mixin is part of, for usage errors. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  // Files are checked as they are parsed, like the sizes: a name whose extension is not the
  // flag's format (`--png x.jpg` would get PNG bytes under a JPEG name), or a folder that does
  // not exist (a typo would otherwise create a stray tree), is a usage error before any work.
  @Option(
      names = "--png",
      paramLabel = "FILE.png",
      description = "Also draw the chart as a PNG file (its folder must exist).")
  void png(Path file) {
    png = chartFile("--png", "png", file);
  }

  @Option(
      names = "--svg",
      paramLabel = "FILE.svg",
      description = "Also draw the chart as an SVG file (its folder must exist).")
  void svg(Path file) {
    svg = chartFile("--svg", "svg", file);
  }

  private Path chartFile(String flag, String format, Path file) {
    String problem = ChartFile.problem(file, format);
    if (problem != null) {
      throw new ParameterException(command.commandLine(), flag + " " + file + ": " + problem);
    }
    return file;
  }

  int width = 1000;

  Integer height;

  // Sizes are checked as they are parsed, so a bad one is a usage error (exit 2) before any work.
  @Option(names = "--width", paramLabel = "PIXELS", description = "Chart width (default: 1000).")
  void width(int pixels) {
    if (pixels < 200 || pixels > 8000) {
      throw new ParameterException(
          command.commandLine(), "--width must be 200 to 8000 pixels, got " + pixels);
    }
    width = pixels;
  }

  @Option(
      names = "--height",
      paramLabel = "PIXELS",
      description = "Chart height (default: fits the content).")
  void height(int pixels) {
    if (pixels < 150 || pixels > 8000) {
      throw new ParameterException(
          command.commandLine(), "--height must be 150 to 8000 pixels, got " + pixels);
    }
    height = pixels;
  }

  @Option(
      names = "--english-labels",
      description = "English-only chart labels, even when a Chinese font is installed.")
  boolean englishOnly;

  boolean wanted() {
    return png != null || svg != null;
  }

  ChartText text() {
    return englishOnly ? ChartText.englishOnly() : ChartText.detect();
  }

  /** Writes the charts side by side to each file asked for; says where on stderr. */
  void write(List<JFreeChart> charts, int defaultHeight) {
    int h = height != null ? height : defaultHeight;
    try {
      if (png != null) {
        ChartFile.png(charts, png, width, h);
        Terminal.err.println("chaincast: wrote " + png + " (" + width + "x" + h + " PNG)");
      }
      if (svg != null) {
        ChartFile.svg(charts, svg, width, h);
        Terminal.err.println("chaincast: wrote " + svg + " (" + width + "x" + h + " SVG)");
      }
    } catch (IOException e) {
      throw new OutputFailure("cannot write the chart: " + e, e);
    }
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
