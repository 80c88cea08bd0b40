package chaincast.store;

import java.sql.SQLException;

/** What PostgreSQL's SQLSTATE codes mean to the store (see the PostgreSQL manual, Appendix A). */
final class PgErrors {
  /** 23505: an insert met a row with the same key (another server created the id first). */
  static final String UNIQUE_VIOLATION = "23505";

  /** 40001: a serialization failure; the transaction was rolled back and may be retried. */
  static final String SERIALIZATION_FAILURE = "40001";

  /** 40P01: a deadlock; PostgreSQL rolled this transaction back, so it may be retried. */
  static final String DEADLOCK_DETECTED = "40P01";

  private PgErrors() {}

  /** Whether the transaction was rolled back by PostgreSQL and may simply be run again. */
  static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state);
  }

  /**
   * Whether the database could not be reached or went away: class 08 (connection exception),
   * 57P01-57P03 (the server is shutting down, crashed or not yet accepting connections), 53300 (too
   * many connections). The store is then unavailable rather than failed.
   */
  static boolean unreachable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
