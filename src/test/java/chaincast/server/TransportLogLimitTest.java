package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * grpc's transport warnings pass one per interval, without their stack trace, counting the rest.
 */
class TransportLogLimitTest {
  static LogRecord refused() {
    LogRecord r = new LogRecord(Level.WARNING, "Exception processing message");
    r.setThrown(
        Status.RESOURCE_EXHAUSTED
            .withDescription("gRPC message exceeds maximum size 4194304: 4500005")
            .asRuntimeException());
    return r;
  }

  @Test
  void onePerIntervalWithoutTheTrace() {
    AtomicLong now = new AtomicLong();
    TransportLogLimit limit = new TransportLogLimit(TimeUnit.SECONDS.toNanos(10), now::get);
    LogRecord first = refused();
    assertTrue(limit.isLoggable(first));
    assertNull(first.getThrown());
    assertEquals(
        "transport refused a request: RESOURCE_EXHAUSTED: gRPC message exceeds maximum size 4194304: 4500005",
        first.getMessage());
    for (int i = 0; i < 100; i++) {
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
      assertFalse(limit.isLoggable(refused()));
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(6));
    LogRecord next = refused();
    assertTrue(limit.isLoggable(next));
    assertTrue(
        next.getMessage().endsWith("(100 more since the previous report)"), next.getMessage());
    assertTrue(limit.isLoggable(new LogRecord(Level.SEVERE, "worse than a refused message")));
  }
}
