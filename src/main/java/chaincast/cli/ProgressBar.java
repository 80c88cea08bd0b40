package chaincast.cli;

import chaincast.v1.Progress;
import chaincast.v1.RunningEstimate;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: share done, paths, the first target's running P(hit) with its
 * 95% half-width, and the time left.
 *
 * <p>Hand-written rather than a progress-bar library: the line carries domain figures the libraries
 * have no slot for, the time left of a precision run comes from the half-width (not from a fixed
 * total), and the libraries' terminal layer (JLine) installs its own signal handling, which would
 * get in the way of Ctrl-C cancelling the call.
 *
 * <p>On a terminal the line is redrawn in place; otherwise (--progress into a file or pipe) one
 * line is written per update, at most once a second.
 */
final class ProgressBar {
  private static final int BAR_CELLS = 24;
  private static final long PLAIN_INTERVAL_MILLIS = 1000;

  private final PrintStream err;
  private final boolean terminal;
  private final double wantedHalfWidth;
  private long lastPlainMillis = -PLAIN_INTERVAL_MILLIS;
  private boolean drawn;

  /** {@code wantedHalfWidth} is the precision asked for, or 0 for a fixed path count. */
  ProgressBar(PrintStream err, boolean terminal, double wantedHalfWidth) {
    this.err = err;
    this.terminal = terminal;
    this.wantedHalfWidth = wantedHalfWidth;
  }

  void update(Progress p) {
    String line = line(p, wantedHalfWidth);
    if (terminal) {
      err.print("\r" + line + "\033[K");
      err.flush();
      drawn = true;
    } else if (p.getElapsedMillis() - lastPlainMillis >= PLAIN_INTERVAL_MILLIS || done(p)) {
      err.println(line);
      lastPlainMillis = p.getElapsedMillis();
    }
  }

  /** Clears the bar so the terminal is left as it was. */
  void finish() {
    if (terminal && drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  private boolean done(Progress p) {
    return p.getPathsDone() >= p.getPathsPlanned();
  }

  /** The text of the bar for one progress message (no control characters). */
  static String line(Progress p, double wantedHalfWidth) {
    long done = p.getPathsDone();
    // A precision run's total is the paths its widest interval still needs:
    // the half-width shrinks as 1/sqrt(paths).
    double total = p.getPathsPlanned();
    if (wantedHalfWidth > 0 && done > 0 && p.getMaxHalfWidth() > 0) {
      double ratio = p.getMaxHalfWidth() / wantedHalfWidth;
      total = Math.min(total, Math.max((double) done, (double) done * ratio * ratio));
    }
    double share = total > 0 ? Math.min(1.0, done / total) : 0;
    int filled = (int) Math.round(share * BAR_CELLS);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%3.0f%% [", 100 * share))
        .append("#".repeat(filled))
        .append(".".repeat(BAR_CELLS - filled))
        .append(String.format(Locale.ROOT, "] %,d/%,.0f paths", done, total));
    if (p.getEstimatesCount() > 0) {
      RunningEstimate e = p.getEstimates(0);
      double half = (e.getPHit().getCiHigh() - e.getPHit().getCiLow()) / 2;
      b.append(
          String.format(
              Locale.ROOT,
              " | %s P=%.1f%% ±%.2f pts",
              e.getTargetId(),
              100 * e.getPHit().getEstimate(),
              100 * half));
    }
    if (done > 0 && total > done) {
      double left = p.getElapsedMillis() / 1000.0 * (total - done) / done;
      b.append(String.format(Locale.ROOT, " | %s left", duration(left)));
    }
    return b.toString();
  }

  private static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d min", s / 60, s % 60);
  }
}
