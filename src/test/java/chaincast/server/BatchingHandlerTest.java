package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Access lines in batches: whole lines, in order, written when the batch is full, on time, and on
 * close.
 */
class BatchingHandlerTest {
  private static LogRecord line(int i) {
    LogRecord r = new LogRecord(Level.INFO, "request_id=r" + i + " code=OK 请求");
    r.setLoggerName(AccessLog.LOGGER_NAME);
    return r;
  }

  private static final class Sink extends ByteArrayOutputStream {
    int writes;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writes++;
      super.write(b, off, len);
    }

    synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void aFullBatchIsWrittenAtOnceInWholeLinesAndCloseWritesTheRest() {
    Sink sink = new Sink();
    BatchingHandler h =
        new BatchingHandler(sink, new LogfmtFormatter(), TimeUnit.HOURS.toMillis(1));
    int n = 0;
    while (sink.writes == 0) {
      h.publish(line(n++));
      assertTrue(
          n < 10_000, "a batch of " + BatchingHandler.MAX_BATCH_CHARS + " characters is written");
    }
    String first = sink.text();
    assertTrue(first.endsWith(System.lineSeparator()), "a batch ends with a whole line");
    assertEquals(n, first.lines().count());
    h.publish(line(n++));
    h.publish(line(n++));
    assertEquals(1, sink.writes, "not full, not yet time: nothing more written");
    h.close();
    List<String> lines = sink.text().lines().toList();
    assertEquals(n, lines.size());
    for (int i = 0; i < n; i++) {
      assertTrue(lines.get(i).contains(" request_id=r" + i + " code=OK 请求"), lines.get(i));
    }
  }

  @Test
  void waitingLinesAreWrittenOnTime() throws Exception {
    Sink sink = new Sink();
    BatchingHandler h = new BatchingHandler(sink, new LogfmtFormatter(), 10);
    try {
      h.publish(line(1));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sink.writes == 0 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertEquals(1, sink.text().lines().count(), "the flusher wrote the line");
    } finally {
      h.close();
    }
  }
}
