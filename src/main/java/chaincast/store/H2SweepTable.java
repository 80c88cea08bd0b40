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
 * The SQL of tables {@code sweep} and {@code sweep_point}. Every method runs inside a transaction
 * {@link H2ScenarioStore} opened, on its one connection; it commits, writes to the file and maps
 * failures.
 */
final class H2SweepTable {
  private final Connection connection;

  H2SweepTable(Connection connection) {
    this.connection = connection;
  }

  Optional<StoredSweep> get(String id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT owner_id, request, create_time, state, version FROM sweep WHERE id = ?")) {
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

  StoredSweep insert(String id, String owner, byte[] request, Instant now, long version)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO sweep (id, owner_id, request, create_time, state, version)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, id);
      s.setString(2, owner);
      s.setBytes(3, request);
      s.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      s.setString(5, SweepStore.STATE_INCOMPLETE);
      s.setLong(6, version);
      s.executeUpdate();
    }
    return new StoredSweep(id, owner, request, now, SweepStore.STATE_INCOMPLETE, version);
  }

  void putPoint(String sweepId, int index, byte[] result) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "MERGE INTO sweep_point (sweep_id, point_index, result) KEY (sweep_id, point_index)"
                + " VALUES (?, ?, ?)")) {
      s.setString(1, sweepId);
      s.setInt(2, index);
      s.setBytes(3, result);
      s.executeUpdate();
    }
  }

  SortedMap<Integer, byte[]> points(String sweepId) throws SQLException {
    SortedMap<Integer, byte[]> out = new TreeMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT point_index, result FROM sweep_point WHERE sweep_id = ? ORDER BY point_index")) {
      s.setString(1, sweepId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getInt(1), r.getBytes(2));
        }
      }
    }
    return out;
  }

  /** Sets the state; false when there is no such sweep. */
  boolean setState(String sweepId, String state, long version) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("UPDATE sweep SET state = ?, version = ? WHERE id = ?")) {
      s.setString(1, state);
      s.setLong(2, version);
      s.setString(3, sweepId);
      return s.executeUpdate() > 0;
    }
  }
}
