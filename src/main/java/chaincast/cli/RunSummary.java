package chaincast.cli;

import chaincast.v1.RunInfo;
import chaincast.v1.ShockDistribution;
import java.util.Locale;

/** One line saying how a report was made: paths, seed, shocks, time. */
final class RunSummary {
  private RunSummary() {}

  /** The line with the run's time, for the terminal. */
  static String of(RunInfo run) {
    String text = forChart(run);
    return run.getElapsedMillis() > 0
        ? text + String.format(Locale.ROOT, ", %,d ms", run.getElapsedMillis())
        : text;
  }

  /**
   * The line without the run's time, for chart subtitles: the same run drawn twice gives the same
   * picture, so a committed chart only changes when its numbers do.
   */
  static String forChart(RunInfo run) {
    String shocks =
        run.getShockDistribution() == ShockDistribution.SHOCK_DISTRIBUTION_STUDENT_T
            ? "Student-t"
            : "normal";
    String text =
        String.format(
            Locale.ROOT,
            "%,d paths, seed %s, %s shocks, horizon %d",
            run.getPaths(),
            Long.toUnsignedString(run.getSeed()),
            shocks,
            run.getHorizonYear());
    if (run.getWeighted()) {
      // Observations weighed the paths: how many paths they are worth says how sharp they are.
      text +=
          String.format(
              Locale.ROOT,
              ", weighted by observations: %,.0f effective paths (%.1f%%)",
              run.getEffectivePaths(),
              100.0 * run.getEffectivePaths() / Math.max(1, run.getPaths()));
    }
    return text;
  }
}
