package chaincast.server;

import io.grpc.Status;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per finished call on the {@value #LOGGER_NAME} logger, in logfmt ({@code key=value}
 * pairs separated by spaces; see {@link Logfmt}):
 *
 * <pre>
 * request_id=3f2a… method=chaincast.v1.ModelService/ListPlans caller=peer:127.0.0.1 peer=127.0.0.1 code=OK duration_ms=0.412
 * </pre>
 *
 * <p>Failed calls add {@code message="…"}, their status description cut to {@value #MAX_MESSAGE}
 * characters. Calls that end in INTERNAL, UNKNOWN or DATA_LOSS (a fault of the server) are logged
 * at WARNING, every other call at INFO.
 *
 * <p>Off unless configured: {@code chaincast serve} turns it on ({@code --no-access-log} keeps it
 * off); a server embedded in tests or the CLI's one-shot commands logs no lines per call, unless a
 * logging configuration sets this logger's level.
 */
final class AccessLog {
  /** The logger's name, to set its level in a logging configuration. */
  static final String LOGGER_NAME = "chaincast.access";

  /** Longest status description kept: it may repeat client input. */
  static final int MAX_MESSAGE = 200;

  // Held here so that the level set on it is not lost when the LogManager drops unused loggers.
  static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);

  static {
    if (LOGGER.getLevel() == null) {
      LOGGER.setLevel(Level.OFF);
    }
  }

  /** One finished call. */
  record Entry(
      String requestId, String method, String caller, String peer, Status status, long nanos) {}

  void log(Entry e) {
    Status.Code code = e.status().getCode();
    Level level =
        code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN || code == Status.Code.DATA_LOSS
            ? Level.WARNING
            : Level.INFO;
    if (!LOGGER.isLoggable(level)) {
      return;
    }
    StringBuilder line = new StringBuilder(160);
    Logfmt.pair(line, "request_id", e.requestId());
    Logfmt.pair(line, "method", e.method());
    Logfmt.pair(line, "caller", e.caller());
    Logfmt.pair(line, "peer", e.peer());
    Logfmt.pair(line, "code", code.name());
    Logfmt.pair(line, "duration_ms", String.format(Locale.ROOT, "%.3f", e.nanos() / 1e6));
    if (!e.status().isOk() && e.status().getDescription() != null) {
      Logfmt.pair(line, "message", Logfmt.truncate(e.status().getDescription(), MAX_MESSAGE));
    }
    LOGGER.log(level, line.toString());
  }
}
