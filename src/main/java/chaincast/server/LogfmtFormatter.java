package chaincast.server;

import chaincast.api.RequestId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.temporal.ChronoUnit;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats every log record as one logfmt line, so that each record is one line that {@code grep},
 * Loki's or Vector's logfmt parsers and a person reading stderr can all use:
 *
 * <pre>
 * ts=2025-11-23T08:00:00.123Z level=INFO logger=chaincast.access request_id=… method=… code=OK duration_ms=0.412
 * ts=2025-11-23T08:00:01.456Z level=INFO logger=chaincast.api.SimulationServiceImpl request_id=… msg="simulation stopped after 8192 paths: cancelled by the client"
 * </pre>
 *
 * <p>Access lines ({@link AccessLog}) are already pairs and follow the logger's name as they are.
 * Any other record gets its message as {@code msg="…"}, preceded by the current call's {@code
 * request_id} when it is logged inside a call (records are formatted on the logging thread, in the
 * call's context), and followed by {@code error} and {@code stack} (its frames joined by {@code
 * \n}, escaped) when it carries an exception.
 */
public final class LogfmtFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(200);
    Logfmt.pair(line, "ts", record.getInstant().truncatedTo(ChronoUnit.MILLIS).toString());
    Logfmt.pair(line, "level", record.getLevel().getName());
    Logfmt.pair(line, "logger", record.getLoggerName() == null ? "-" : record.getLoggerName());
    if (AccessLog.LOGGER_NAME.equals(record.getLoggerName())) {
      line.append(' ').append(record.getMessage());
    } else {
      String requestId = RequestId.current();
      if (requestId != null) {
        Logfmt.pair(line, "request_id", requestId);
      }
      Logfmt.pair(line, "msg", formatMessage(record));
      Throwable thrown = record.getThrown();
      if (thrown != null) {
        Logfmt.pair(line, "error", thrown.toString());
        StringWriter stack = new StringWriter();
        thrown.printStackTrace(new PrintWriter(stack));
        Logfmt.pair(line, "stack", stack.toString().strip());
      }
    }
    return line.append(System.lineSeparator()).toString();
  }
}
