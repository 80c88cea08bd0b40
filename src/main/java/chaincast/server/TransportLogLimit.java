package chaincast.server;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps grpc-java's transport from flooding the log when clients send what it refuses before any
 * service sees it (a message above the 4 MiB limit, a frame it cannot decode): Netty's server
 * stream logs each at WARNING with a stack trace. This filter lets one line through per interval,
 * without the trace, counting the ones held back, like {@link RateLimitedWarning}.
 */
final class TransportLogLimit implements Filter {
  /** The logger of grpc-java's Netty server stream (shaded), which logs refused messages. */
  static final String LOGGER = "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream";

  /**
   * Strong reference: java.util.logging holds loggers weakly, and the filter lives on the logger.
   */
  private static final Logger TRANSPORT = Logger.getLogger(LOGGER);

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long nextAllowed;
  private boolean started;
  private long suppressed;

  TransportLogLimit(long intervalNanos, LongSupplier nanoClock) {
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
  }

  /** Installs the filter on grpc's transport logger (once per JVM; later calls keep the first). */
  static synchronized void install() {
    if (!(TRANSPORT.getFilter() instanceof TransportLogLimit)) {
      TRANSPORT.setFilter(
          new TransportLogLimit(
              TimeUnit.SECONDS.toNanos(ReadableRequests.WARNING_INTERVAL_SECONDS),
              System::nanoTime));
    }
  }

  @Override
  public synchronized boolean isLoggable(LogRecord record) {
    if (record.getLevel().intValue() > Level.WARNING.intValue()) {
      return true; // anything worse than a refused message is not ours to hold back
    }
    long now = nanoClock.getAsLong();
    if (started && now - nextAllowed < 0) {
      suppressed++;
      return false;
    }
    Throwable cause = record.getThrown();
    String why = cause == null ? record.getMessage() : String.valueOf(cause.getMessage());
    record.setMessage(
        "transport refused a request: "
            + why
            + (suppressed == 0 ? "" : " (" + suppressed + " more since the previous report)"));
    record.setThrown(null);
    record.setParameters(null);
    started = true;
    suppressed = 0;
    nextAllowed = now + intervalNanos;
    return true;
  }
}
