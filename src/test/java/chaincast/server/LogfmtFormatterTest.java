package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.RequestId;
import io.grpc.Context;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * One record, one line: values that hold spaces, quotes, '=' or line breaks cannot forge pairs or
 * lines.
 */
class LogfmtFormatterTest {
  private final LogfmtFormatter formatter = new LogfmtFormatter();

  @Test
  void aHostileMessageStaysOneQuotedValue() {
    LogRecord r =
        new LogRecord(Level.INFO, "bad id 'x'\ncode=OK \"quoted\" back\\slash\ttab\u0001");
    r.setLoggerName("chaincast.api.ScenarioServiceImpl");
    String line = formatter.format(r);
    assertEquals(1, line.lines().count(), line);
    assertTrue(
        line.endsWith(
            " level=INFO logger=chaincast.api.ScenarioServiceImpl "
                + "msg=\"bad id 'x'\\ncode=OK \\\"quoted\\\" back\\\\slash\\ttab\\u0001\""
                + System.lineSeparator()),
        line);
  }

  @Test
  void anExceptionIsOneLineWithItsStack() {
    LogRecord r = new LogRecord(Level.SEVERE, "simulation failed");
    r.setLoggerName("chaincast.api.SimulationServiceImpl");
    r.setThrown(new IllegalStateException("boom"));
    String line = formatter.format(r);
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.contains(" level=SEVERE "), line);
    assertTrue(
        line.contains(
            " error=\"java.lang.IllegalStateException: boom\" stack=\"java.lang.IllegalStateException: boom\\n\tat "
                .replace("\t", "\\t")),
        line);
  }

  @Test
  void aRecordLoggedInACallNamesItsRequestId() throws Exception {
    LogRecord r = new LogRecord(Level.INFO, "in a call");
    r.setLoggerName("x");
    String line =
        Context.current().withValue(RequestId.KEY, "call-9").call(() -> formatter.format(r));
    assertTrue(line.contains(" logger=x request_id=call-9 msg=\"in a call\""), line);
    assertTrue(!formatter.format(r).contains("request_id"), "outside a call: no id");
  }

  @Test
  void emptyAndPlainValues() {
    StringBuilder b = new StringBuilder();
    Logfmt.pair(b, "a", "");
    Logfmt.pair(b, "b", "plain-value_1.2:3/4");
    Logfmt.pair(b, "c", null);
    assertEquals("a=\"\" b=plain-value_1.2:3/4 c=\"\"", b.toString());
    assertEquals("abc…", Logfmt.truncate("abcdef", 3));
    assertEquals("abc", Logfmt.truncate("abc", 3));
  }
}
