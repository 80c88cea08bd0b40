package chaincast.server;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A WARNING that cannot flood the log: at most one line per interval, which counts the ones held
 * back since the previous line. A fuzzing or broken client sending garbage thousands of times a
 * second costs one short line every few seconds, not a stack trace per request.
 */
final class RateLimitedWarning {
  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long nextAllowed;
  private boolean started;
  private long suppressed;

  /**
   * @param intervalNanos least time between two lines
   * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}; tests pass their own)
   */
  RateLimitedWarning(Logger logger, long intervalNanos, LongSupplier nanoClock) {
    this.logger = logger;
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
  }

  /** Logs {@code message} now if the interval has passed since the last line, else counts it. */
  synchronized void warn(String message) {
    long now = nanoClock.getAsLong();
    if (started && now - nextAllowed < 0) {
      suppressed++;
      return;
    }
    String held = suppressed == 0 ? "" : " (" + suppressed + " more since the previous report)";
    // Attributed to the logger's own name, not to this helper, so the line says who warned.
    logger.logp(Level.WARNING, logger.getName(), null, message + held);
    started = true;
    suppressed = 0;
    nextAllowed = now + intervalNanos;
  }
}
