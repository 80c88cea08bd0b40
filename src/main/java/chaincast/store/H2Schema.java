package chaincast.store;

import chaincast.v1.Scenario;
import com.google.protobuf.InvalidProtocolBufferException;
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
 *   <li>adds table {@code dataset (id, version, header, content, point_count, create_time,
 *       owner_id, size_bytes)} (datasets of actuals; {@code header} is the dataset without its
 *       points, so listings do not read them) and column {@code scenario.dataset_id} (the dataset a
 *       scenario names, '' for none, filled in from the stored scenarios), indexed, so that
 *       deleting a dataset in use is refused inside the delete's transaction. Release 0.2 code
 *       ignores both, but would not keep {@code dataset_id} up to date.
 *   <li>adds tables {@code sweep (id, owner_id, request, create_time, state, version)} and {@code
 *       sweep_point (sweep_id, point_index, result)} (stored, resumable sweeps; see {@link
 *       SweepStore}). Earlier code ignores both.
 * </ol>
 */
final class H2Schema {
  /** The version this code writes. */
  static final int CURRENT = 4;

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
      if (version(s) < 3) {
        migrateTo3(c, s);
      }
      if (version(s) < 4) {
        migrateTo4(c, s);
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
    record(c, s, 2);
  }

  private static void migrateTo3(Connection c, Statement s) throws SQLException {
    s.execute(
        "CREATE TABLE IF NOT EXISTS dataset ("
            + " id VARCHAR(63) PRIMARY KEY,"
            + " version BIGINT NOT NULL,"
            + " header VARBINARY NOT NULL,"
            + " content VARBINARY NOT NULL,"
            + " point_count INT NOT NULL,"
            + " create_time TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " owner_id VARCHAR NOT NULL,"
            + " size_bytes INT NOT NULL)");
    s.execute("CREATE INDEX IF NOT EXISTS dataset_owner ON dataset (owner_id)");
    s.execute(
        "ALTER TABLE scenario ADD COLUMN IF NOT EXISTS dataset_id VARCHAR(63) NOT NULL DEFAULT ''");
    // Scenarios written before this version may already name a dataset (the field came first).
    List<String[]> named = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT id, content FROM scenario")) {
      while (r.next()) {
        String datasetId = datasetIdOf(r.getBytes(2));
        if (!datasetId.isEmpty()) {
          named.add(new String[] {r.getString(1), datasetId});
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("UPDATE scenario SET dataset_id = ? WHERE id = ?")) {
      for (String[] n : named) {
        p.setString(1, n[1]);
        p.setString(2, n[0]);
        p.executeUpdate();
      }
    }
    s.execute("CREATE INDEX IF NOT EXISTS scenario_dataset ON scenario (dataset_id)");
    record(c, s, 3);
  }

  private static void migrateTo4(Connection c, Statement s) throws SQLException {
    s.execute(
        "CREATE TABLE IF NOT EXISTS sweep ("
            + " id VARCHAR(63) PRIMARY KEY,"
            + " owner_id VARCHAR NOT NULL,"
            + " request VARBINARY NOT NULL,"
            + " create_time TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " state VARCHAR(16) NOT NULL,"
            + " version BIGINT NOT NULL)");
    s.execute(
        "CREATE TABLE IF NOT EXISTS sweep_point ("
            + " sweep_id VARCHAR(63) NOT NULL,"
            + " point_index INT NOT NULL,"
            + " result VARBINARY NOT NULL,"
            + " PRIMARY KEY (sweep_id, point_index))");
    record(c, s, 4);
  }

  private static String datasetIdOf(byte[] content) throws SQLException {
    try {
      return Scenario.parseFrom(content).getOverrides().getDatasetId();
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("a stored scenario does not parse: " + e.getMessage(), e);
    }
  }

  /** Records {@code version} as the schema's, in one commit, and writes it to the file. */
  private static void record(Connection c, Statement s, int version) throws SQLException {
    c.setAutoCommit(false);
    s.execute("DELETE FROM store_schema");
    s.execute("INSERT INTO store_schema (version) VALUES (" + version + ")");
    c.commit();
    c.setAutoCommit(true);
    s.execute("CHECKPOINT");
  }
}
