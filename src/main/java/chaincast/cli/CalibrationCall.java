package chaincast.cli;

import chaincast.v1.ActualPoint;
import chaincast.v1.SkippedSeries;
import java.io.IOException;
import java.util.List;

/** What the estimate and backtest commands share: reading the points, listing skipped series. */
final class CalibrationCall {
  private CalibrationCall() {}

  /** The --file's points (empty for --dataset); a malformed file is a usage error (exit 2). */
  static List<ActualPoint> points(ActualsSource source, ClientCommand command) throws IOException {
    try {
      return source.points();
    } catch (ActualsCsv.Invalid e) {
      throw command.usage(e.getMessage());
    }
  }

  static void printSkipped(List<SkippedSeries> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    Terminal.out.println();
    Terminal.out.println("Not used 未使用:");
    for (SkippedSeries s : skipped) {
      Terminal.out.println("  " + s.getSubjectId() + ": " + s.getReason());
    }
  }
}
