package chaincast.store;

import chaincast.store.SweepStore.StoredSweep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SQL of tables {@code sweeps} and {@code sweep_points} (migration V1) on PostgreSQL. Every
 * method runs inside a transaction {@link PostgresScenarioStore#inTransaction} opened; it commits
 * and maps failures. Upserts use {@code ON CONFLICT}, so two replicas storing the same sweep or
 * point at once both succeed and leave one row.
 */
final class PostgresSweepTable {
  private PostgresSweepTable() {}

  static Optional<StoredSweep> get(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT owner, request, created, state, version FROM sweeps WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredSweep(
                id,
                r.getString(1),
                r.getBytes(2),
                r.getObject(3, OffsetDateTime.class).toInstant(),
                r.getString(4),
                r.getLong(5)));
      }
    }
  }

  /** Inserts the sweep unless one with its id exists; either way returns the stored one. */
  static StoredSweep createIfAbsent(
      Connection c, String id, String owner, byte[] request, Instant now, long version)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO sweeps (id, owner, request, created, state, version)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      s.setString(1, id);
      s.setString(2, owner);
      s.setBytes(3, request);
      s.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      s.setString(5, SweepStore.STATE_INCOMPLETE);
      s.setLong(6, version);
      s.executeUpdate();
    }
    return get(c, id).orElseThrow();
  }

  static void putPoint(Connection c, String sweepId, int index, byte[] result) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO sweep_points (sweep_id, point_index, result) VALUES (?, ?, ?)"
                + " ON CONFLICT (sweep_id, point_index) DO UPDATE SET result = EXCLUDED.result")) {
      s.setString(1, sweepId);
      s.setInt(2, index);
      s.setBytes(3, result);
      s.executeUpdate();
    }
  }

  static SortedMap<Integer, byte[]> points(Connection c, String sweepId) throws SQLException {
    SortedMap<Integer, byte[]> out = new TreeMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT point_index, result FROM sweep_points WHERE sweep_id = ?"
                + " ORDER BY point_index")) {
      s.setString(1, sweepId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getInt(1), r.getBytes(2));
        }
      }
    }
    return out;
  }

  static void setState(Connection c, String sweepId, String state, long version)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE sweeps SET state = ?, version = ? WHERE id = ?")) {
      s.setString(1, state);
      s.setLong(2, version);
      s.setString(3, sweepId);
      s.executeUpdate();
    }
  }
}
