package chaincast.server;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How {@code chaincast serve} logs: one logfmt line per record, and the access log on or off. */
public final class ServerLogging {
  private ServerLogging() {}

  /**
   * Formats the root logger's handlers' records with {@link LogfmtFormatter} and turns the
   * per-call {@link AccessLog} on or off.
   */
  public static void forServe(boolean accessLog) {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setFormatter(new LogfmtFormatter());
    }
    AccessLog.LOGGER.setLevel(accessLog ? Level.INFO : Level.OFF);
  }
}
