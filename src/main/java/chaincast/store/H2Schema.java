package chaincast.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the store's tables, and brings a data directory written by an earlier release up to date.
 * Every step is idempotent, so a migration cut short by a crash finishes on the next open.
 *
 * <p>Schema versions:
 *
 * <ol>
 *   <li>release 0.1.0: table {@code scenario (id, version, content, create_time, update_time)} and
 *       sequence {@code scenario_version};
 *   <li>adds {@code owner_id} (the client that wrote the scenario last; '' for scenarios from
 *       release 0.1.0, which count against no client's quota), {@code size_bytes} (the encoded
 *       size, so quotas and list pages are computed without reading contents) and an index on the
 *       owner. One-way: release 0.1.0 cannot write to a migrated directory.
 * </ol>
 */
final class H2Schema {
  /** The version this code writes. */
  static final int CURRENT = 2;

  private H2Schema() {}

  /** Creates or migrates the schema; leaves {@code c} in auto-commit mode. */
  static void ensure(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      // Release 0.1.0's schema exactly, so new and old directories take the same path below.
      s.execute("CREATE SEQUENCE IF NOT EXISTS scenario_version");
      s.execute(
          "CREATE TABLE IF NOT EXISTS scenario ("
              + " id VARCHAR(63) PRIMARY KEY,"
              + " version BIGINT NOT NULL,"
              + " content VARBINARY NOT NULL,"
              + " create_time TIMESTAMP WITH TIME ZONE NOT NULL,"
              + " update_time TIMESTAMP WITH TIME ZONE NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS store_schema (version INT NOT NULL)");
      if (version(s) < 2) {
        migrateTo2(c, s);
      }
    }
  }

  /** The recorded schema version; 1 when none is recorded (release 0.1.0 recorded none). */
  static int version(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM store_schema")) {
      r.next();
      int v = r.getInt(1);
      return r.wasNull() ? 1 : v;
    }
  }

  private static void migrateTo2(Connection c, Statement s) throws SQLException {
    s.execute("ALTER TABLE scenario ADD COLUMN IF NOT EXISTS owner_id VARCHAR NOT NULL DEFAULT ''");
    s.execute("ALTER TABLE scenario ADD COLUMN IF NOT EXISTS size_bytes INT");
    // One row per statement (each its own commit): an old directory may hold very large
    // scenarios, and one UPDATE over all of them would keep every old value in its undo log.
    List<String> ids = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT id FROM scenario WHERE size_bytes IS NULL")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("UPDATE scenario SET size_bytes = OCTET_LENGTH(content) WHERE id = ?")) {
      for (String id : ids) {
        p.setString(1, id);
        p.executeUpdate();
      }
    }
    s.execute("ALTER TABLE scenario ALTER COLUMN size_bytes SET NOT NULL");
    s.execute("CREATE INDEX IF NOT EXISTS scenario_owner ON scenario (owner_id)");
    c.setAutoCommit(false);
    s.execute("DELETE FROM store_schema");
    s.execute("INSERT INTO store_schema (version) VALUES (" + CURRENT + ")");
    c.commit();
    c.setAutoCommit(true);
    s.execute("CHECKPOINT");
  }
}
