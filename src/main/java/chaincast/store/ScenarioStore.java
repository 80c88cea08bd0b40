package chaincast.store;

import chaincast.v1.Scenario;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scenarios in an embedded H2 database, file {@code scenarios.mv.db} in the data directory.
 *
 * <p>Why H2: a transactional SQL store in one jar and one file, with no server to run; its
 * MVStore writes copy-on-write chunks with checksums, so a chunk cut short by a crash is
 * ignored on the next open and the database opens at the last complete commit.
 *
 * <p>Durability: each write is one transaction; after the commit a {@code CHECKPOINT} writes it
 * to the file before the method returns (H2 otherwise writes commits in the background up to
 * half a second later). What a caller has seen acknowledged therefore survives a killed
 * process; an unacknowledged write is either wholly there or wholly absent.
 *
 * <p>Versions: every write gives the row a new version from one database-wide sequence (so a
 * scenario deleted and created again never reuses an old etag); the etag the API shows is
 * derived from it. Updates and deletes with an expected version change the row only if it
 * still has that version ({@code UPDATE ... WHERE version = ?}), so concurrent writers cannot
 * overwrite each other unseen.
 *
 * <p>Thread-safe: one connection, used by one caller at a time.
 */
public final class ScenarioStore implements AutoCloseable {
  /** File name stem of the database in the data directory. */
  public static final String DATABASE_NAME = "scenarios";

  private final Connection connection;

  private ScenarioStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}.
   *
   * @throws IllegalStateException if the directory cannot be created or the database not opened
   *     (e.g. another server process holds it)
   */
  public static ScenarioStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      String url =
          "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(DATABASE_NAME)
              // One process owns the file; a second server on the same directory fails fast.
              + ";FILE_LOCK=FILE"
              + ";WRITE_DELAY=0";
      Connection c = DriverManager.getConnection(url, "chaincast", "");
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SEQUENCE IF NOT EXISTS scenario_version");
        s.execute(
            "CREATE TABLE IF NOT EXISTS scenario ("
                + " id VARCHAR(63) PRIMARY KEY,"
                + " version BIGINT NOT NULL,"
                + " content VARBINARY NOT NULL,"
                + " create_time TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " update_time TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      c.setAutoCommit(false);
      return new ScenarioStore(c);
    } catch (SQLException e) {
      if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new ScenarioStoreInUseException(dataDir, e);
      }
      throw new IllegalStateException("cannot open the scenario store in " + dataDir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the scenario store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** A stored scenario: its content (with etag and times filled in) and its version. */
  public record Stored(Scenario scenario, long version) {}

  /** One page of a listing. */
  public record Page(List<Stored> scenarios, String lastId, boolean more) {}

  /** The etag the API shows for a version. */
  public static String etagOf(long version) {
    return "v" + version;
  }

  /** The version an etag names, or -1 if it names none. */
  public static long versionOf(String etag) {
    if (etag == null || !etag.matches("v[0-9]{1,18}")) {
      return -1;
    }
    return Long.parseLong(etag.substring(1));
  }

  /**
   * Stores a new scenario (its id, name, description and overrides; etag and times are set here).
   *
   * @throws ScenarioStoreException ALREADY_EXISTS
   */
  public synchronized Stored create(Scenario scenario) {
    Instant now = Instant.now();
    Scenario content = content(scenario);
    return inTransaction(
        () -> {
          if (exists(scenario.getId())) {
            throw new ScenarioStoreException(
                ScenarioStoreException.Reason.ALREADY_EXISTS,
                scenario.getId(),
                "scenario '" + scenario.getId() + "' already exists");
          }
          try (PreparedStatement s =
              connection.prepareStatement(
                  "INSERT INTO scenario (id, version, content, create_time, update_time)"
                      + " VALUES (?, NEXT VALUE FOR scenario_version, ?, ?, ?)")) {
            s.setString(1, scenario.getId());
            s.setBytes(2, content.toByteArray());
            s.setObject(3, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            s.setObject(4, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            s.executeUpdate();
          }
          return getInTransaction(scenario.getId());
        });
  }

  /** The scenario with {@code id}, if any. */
  public synchronized Optional<Stored> get(String id) {
    return inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "SELECT content, version, create_time, update_time FROM scenario WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Up to {@code pageSize} scenarios with ids after {@code afterId} ("" for the start), in id order.
   */
  public synchronized Page list(int pageSize, String afterId) {
    return inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "SELECT content, version, create_time, update_time, id FROM scenario WHERE id > ? ORDER BY id LIMIT ?")) {
            s.setString(1, afterId);
            s.setInt(2, pageSize + 1); // one more tells whether there is a next page
            List<Stored> out = new ArrayList<>();
            boolean more = false;
            String last = afterId;
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                if (out.size() == pageSize) {
                  more = true;
                  break;
                }
                out.add(row(r));
                last = r.getString(5);
              }
            }
            return new Page(out, last, more);
          }
        });
  }

  /**
   * Replaces the scenario's content if its version is still {@code expectedVersion}.
   *
   * @throws ScenarioStoreException NOT_FOUND or STALE_ETAG
   */
  public synchronized Stored update(Scenario scenario, long expectedVersion) {
    Instant now = Instant.now();
    Scenario content = content(scenario);
    return inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "UPDATE scenario SET content = ?, version = NEXT VALUE FOR scenario_version, update_time = ?"
                      + " WHERE id = ? AND version = ?")) {
            s.setBytes(1, content.toByteArray());
            s.setObject(2, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            s.setString(3, scenario.getId());
            s.setLong(4, expectedVersion);
            if (s.executeUpdate() == 0) {
              throw missingOrStale(scenario.getId(), expectedVersion);
            }
          }
          Stored stored = getInTransaction(scenario.getId());
          return stored;
        });
  }

  /**
   * Deletes the scenario; with {@code expectedVersion >= 0} only if it still has that version.
   *
   * @throws ScenarioStoreException NOT_FOUND or STALE_ETAG
   */
  public synchronized void delete(String id, long expectedVersion) {
    inTransaction(
        () -> {
          String sql =
              expectedVersion >= 0
                  ? "DELETE FROM scenario WHERE id = ? AND version = ?"
                  : "DELETE FROM scenario WHERE id = ?";
          try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, id);
            if (expectedVersion >= 0) {
              s.setLong(2, expectedVersion);
            }
            if (s.executeUpdate() == 0) {
              throw missingOrStale(id, expectedVersion);
            }
          }
          return null;
        });
  }

  /** Closes the database (it stays consistent on disk whether or not this is called). */
  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing the scenario store: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ internals

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} as one transaction: committed and flushed, or rolled back. */
  private <T> T inTransaction(Work<T> work) {
    try {
      T result = work.run();
      connection.commit();
      try (Statement s = connection.createStatement()) {
        s.execute("CHECKPOINT");
      }
      return result;
    } catch (SQLException e) {
      rollback();
      throw new IllegalStateException("scenario store: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is the one to report.
    }
  }

  private boolean exists(String id) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM scenario WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private Stored getInTransaction(String id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT content, version, create_time, update_time FROM scenario WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return row(r);
      }
    }
  }

  private ScenarioStoreException missingOrStale(String id, long expectedVersion) throws SQLException {
    if (!exists(id)) {
      return new ScenarioStoreException(
          ScenarioStoreException.Reason.NOT_FOUND, id, "scenario '" + id + "' not found");
    }
    return new ScenarioStoreException(
        ScenarioStoreException.Reason.STALE_ETAG,
        id,
        "scenario '" + id + "' has changed since etag " + etagOf(expectedVersion)
            + " was read; get it again, reapply your change and retry");
  }

  /** What is stored: id, name, description, overrides (etag and times live in their columns). */
  private static Scenario content(Scenario s) {
    return s.toBuilder().clearEtag().clearCreateTime().clearUpdateTime().build();
  }

  private static Stored row(ResultSet r) throws SQLException {
    Scenario content;
    try {
      content = Scenario.parseFrom(r.getBytes(1));
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("a stored scenario does not parse: " + e.getMessage(), e);
    }
    long version = r.getLong(2);
    Instant created = r.getObject(3, java.time.OffsetDateTime.class).toInstant();
    Instant updated = r.getObject(4, java.time.OffsetDateTime.class).toInstant();
    return stored(content, version, created, updated);
  }

  private static Stored stored(Scenario content, long version, Instant created, Instant updated) {
    return new Stored(
        content.toBuilder()
            .setEtag(etagOf(version))
            .setCreateTime(timestamp(created))
            .setUpdateTime(timestamp(updated))
            .build(),
        version);
  }

  private static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
