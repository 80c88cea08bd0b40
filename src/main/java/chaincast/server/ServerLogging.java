package chaincast.server;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How {@code chaincast serve} logs: one logfmt line per record, and the access log on or off. */
public final class ServerLogging {
  /**
   * How late an access line may reach stderr (they are written in batches, see {@link
   * BatchingHandler}).
   */
  static final long ACCESS_FLUSH_MILLIS = 100;

  private ServerLogging() {}

  /**
   * Formats the root logger's handlers' records with {@link LogfmtFormatter}, and turns the
   * per-call {@link AccessLog} on (its lines to stderr in batches) or off.
   */
  public static synchronized void forServe(boolean accessLog) {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setFormatter(new LogfmtFormatter());
    }
    Logger access = AccessLog.LOGGER;
    for (Handler old : access.getHandlers()) {
      if (old instanceof BatchingHandler) {
        access.removeHandler(old);
        old.close();
      }
    }
    if (accessLog) {
      access.setUseParentHandlers(false);
      access.addHandler(
          new BatchingHandler(
              new FileOutputStream(FileDescriptor.err),
              new LogfmtFormatter(),
              ACCESS_FLUSH_MILLIS));
      access.setLevel(Level.INFO);
    } else {
      access.setLevel(Level.OFF);
    }
  }
}
