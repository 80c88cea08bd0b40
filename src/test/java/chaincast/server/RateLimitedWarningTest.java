package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chaincast.api.LogCapture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** At most one line per interval, counting the ones held back; driven by a clock the test moves. */
class RateLimitedWarningTest {
  @Test
  void oneLinePerIntervalWithTheCountHeldBack() {
    AtomicLong now = new AtomicLong(1_000);
    String name = "chaincast.test.ratelimit";
    RateLimitedWarning warning =
        new RateLimitedWarning(Logger.getLogger(name), TimeUnit.SECONDS.toNanos(10), now::get);
    try (LogCapture log = new LogCapture()) {
      warning.warn("first");
      for (int i = 0; i < 999; i++) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(5)); // 999 more within 5 s
        warning.warn("held " + i);
      }
      now.addAndGet(
          TimeUnit.SECONDS.toNanos(5)
              + TimeUnit.MILLISECONDS.toNanos(5)); // 10 s after the first line
      warning.warn("second");
      warning.warn("held again");
      now.addAndGet(TimeUnit.SECONDS.toNanos(60));
      warning.warn("third");
      List<String> lines = log.at(Level.WARNING, name).stream().map(LogRecord::getMessage).toList();
      assertEquals(
          List.of(
              "first",
              "second (999 more since the previous report)",
              "third (1 more since the previous report)"),
          lines);
    }
  }
}
