package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.v1.Probability;
import chaincast.v1.Progress;
import chaincast.v1.RunningEstimate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static Progress progress(long done, long planned, double maxHalfWidth, long millis) {
    return Progress.newBuilder()
        .setPathsDone(done)
        .setPathsPlanned(planned)
        .setMaxHalfWidth(maxHalfWidth)
        .setElapsedMillis(millis)
        .addEstimates(
            RunningEstimate.newBuilder()
                .setTargetId("pharma-output-2025")
                .setPHit(
                    Probability.newBuilder().setEstimate(0.266).setCiLow(0.265).setCiHigh(0.267)))
        .build();
  }

  @Test
  void fixedRunShowsShareEstimateAndTimeLeft() {
    String line = ProgressBar.line(progress(250_000, 1_000_000, 0.002, 1000), 0);
    assertEquals(
        " 25% [######..................] 250,000/1,000,000 paths | pharma-output-2025 P=26.6% ±0.10 pts | 3.0 s left",
        line);
  }

  @Test
  void precisionRunTakesItsTotalFromTheHalfWidth() {
    // Half-width 0.004 wanted 0.002: four times the paths done are needed (1/sqrt(n)).
    String line = ProgressBar.line(progress(100_000, 50_000_000, 0.004, 500), 0.002);
    assertTrue(line.startsWith(" 25% ["), line);
    assertTrue(line.contains("100,000/400,000 paths"), line);
    assertTrue(line.endsWith("1.5 s left"), line);
  }

  @Test
  void withoutATerminalItWritesWholeLinesAtMostOnceASecond() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0);
    bar.update(progress(1, 10, 0.1, 0));
    bar.update(progress(2, 10, 0.1, 400)); // within the second: skipped
    bar.update(progress(5, 10, 0.1, 1200));
    bar.update(progress(10, 10, 0.1, 1300)); // the last one always shows
    bar.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(3, text.lines().count(), text);
    assertTrue(!text.contains("\r") && !text.contains("\033"), "no control characters into a file");
  }

  @Test
  void onATerminalItRedrawsInPlaceAndClearsAtTheEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0);
    bar.update(progress(1, 10, 0.1, 0));
    bar.update(progress(2, 10, 0.1, 10));
    bar.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\r"), text);
    assertTrue(text.endsWith("\r\033[K"), "the bar is wiped at the end");
    assertEquals(0, text.chars().filter(c -> c == '\n').count());
  }
}
