package chaincast.api;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the JVM logs while open (every logger, every level from INFO up). */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final List<LogRecord> records = new ArrayList<>();

  /** Starts collecting. */
  public LogCapture() {
    setLevel(Level.INFO);
    root.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  /** The records logged at exactly {@code level}. */
  public synchronized List<LogRecord> at(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).toList();
  }

  /** The records logged at {@code level} by {@code logger}. */
  public synchronized List<LogRecord> at(Level level, String logger) {
    return at(level).stream().filter(r -> logger.equals(r.getLoggerName())).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}
