package chaincast.store;

import chaincast.store.DatasetStore.DatasetPage;
import chaincast.store.DatasetStore.StoredDataset;
import chaincast.v1.Dataset;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of table {@code dataset} and of the scenario rows that name datasets, the same on H2 and
 * PostgreSQL. Every method runs inside a transaction the store opened ({@link H2ScenarioStore} on
 * its one connection, {@link PostgresScenarioStore} on one from its pool); the store commits and
 * maps failures.
 *
 * <p>With {@code rowLocks} (PostgreSQL, where several transactions run at once, in other server
 * processes too) a scenario write takes a share lock on the dataset it names and a dataset delete
 * an exclusive lock on the dataset before it looks for scenarios naming it: so either the delete
 * waits for the scenario write and then sees its scenario (IN_USE), or the write waits for the
 * delete and then finds no dataset (UNKNOWN_REFERENCE); never a scenario naming a deleted dataset.
 * H2's one connection runs one transaction at a time and needs no locks.
 */
final class DatasetTable {
  /** Most scenario ids an IN_USE refusal names. */
  static final int MAX_NAMED_SCENARIOS = 10;

  private final Connection connection;
  private final boolean rowLocks;

  DatasetTable(Connection connection, boolean rowLocks) {
    this.connection = connection;
    this.rowLocks = rowLocks;
  }

  /** Inserts {@code content} (no etag, time or point_count) as a new row; refuses a taken id. */
  StoredDataset insert(Dataset content, long version, Instant now, String owner)
      throws SQLException {
    byte[] bytes = content.toByteArray();
    Dataset header =
        content.toBuilder().clearPoints().setPointCount(content.getPointsCount()).build();
    byte[] headerBytes = header.toByteArray();
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO dataset (id, version, header, content, point_count, create_time,"
                + " owner_id, size_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, content.getId());
      s.setLong(2, version);
      s.setBytes(3, headerBytes);
      s.setBytes(4, bytes);
      s.setInt(5, content.getPointsCount());
      s.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      s.setString(7, owner);
      s.setInt(8, encodedSize(content));
      s.executeUpdate();
    }
    return stored(header, version, now, owner);
  }

  /** What a dataset counts against its owner's byte quota: its encoded size. */
  static int encodedSize(Dataset content) {
    return content.getSerializedSize();
  }

  boolean exists(String id) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM dataset WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  Optional<StoredDataset> get(String id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT content, version, create_time, owner_id FROM dataset WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Dataset content = parse(r.getBytes(1));
        return Optional.of(
            stored(
                content.toBuilder().setPointCount(content.getPointsCount()).build(),
                r.getLong(2),
                r.getObject(3, OffsetDateTime.class).toInstant(),
                r.getString(4)));
      }
    }
  }

  DatasetPage list(int pageSize, String afterId, long maxBytes) throws SQLException {
    List<StoredDataset> out = new ArrayList<>();
    boolean more = false;
    long bytes = 0;
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT header, version, create_time, owner_id, id FROM dataset"
                + " WHERE id > ? ORDER BY id LIMIT ?")) {
      s.setString(1, afterId);
      s.setInt(2, pageSize + 1); // one more tells whether there is a next page
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          byte[] header = r.getBytes(1);
          if (out.size() == pageSize || (!out.isEmpty() && bytes + header.length > maxBytes)) {
            more = true;
            break;
          }
          bytes += header.length;
          out.add(
              stored(
                  parse(header),
                  r.getLong(2),
                  r.getObject(3, OffsetDateTime.class).toInstant(),
                  r.getString(4)));
        }
      }
    }
    String last = out.isEmpty() ? afterId : out.get(out.size() - 1).dataset().getId();
    return new DatasetPage(out, last, more);
  }

  /**
   * Deletes the row (with the expected version, if {@code expectedVersion >= 0}); refuses while
   * scenarios name it.
   */
  void delete(String id, long expectedVersion) throws SQLException {
    Long version = versionOf(id);
    if (version == null) {
      throw new DatasetStoreException(
          DatasetStoreException.Reason.NOT_FOUND, id, List.of(), "dataset '" + id + "' not found");
    }
    if (expectedVersion >= 0 && version != expectedVersion) {
      throw new DatasetStoreException(
          DatasetStoreException.Reason.STALE_ETAG,
          id,
          List.of(),
          "dataset '"
              + id
              + "' has changed since etag "
              + ScenarioStore.etagOf(expectedVersion)
              + " was read; get it again and retry");
    }
    List<String> users = scenariosNaming(id);
    if (!users.isEmpty()) {
      throw inUse(id, users);
    }
    try (PreparedStatement s = connection.prepareStatement("DELETE FROM dataset WHERE id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  /** Refuses a scenario write naming {@code datasetId} ("" names none) unless it exists. */
  void checkReference(String scenarioId, String datasetId) throws SQLException {
    if (!datasetId.isEmpty() && !existsLocked(datasetId)) {
      throw new DatasetStoreException(
          DatasetStoreException.Reason.UNKNOWN_REFERENCE,
          datasetId,
          List.of(),
          "scenario '"
              + scenarioId
              + "' names dataset '"
              + datasetId
              + "', which does not exist; import it first (CreateDataset, `chaincast actuals"
              + " import`) or clear dataset_id");
    }
  }

  /** Whether the dataset exists, share-locking it (with row locks) until the transaction ends. */
  private boolean existsLocked(String id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM dataset WHERE id = ?" + (rowLocks ? " FOR SHARE" : ""))) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The dataset's version, locking it (with row locks) until the transaction ends. */
  private Long versionOf(String id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT version FROM dataset WHERE id = ?" + (rowLocks ? " FOR UPDATE" : ""))) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }

  /** The first scenarios (in id order) that name {@code datasetId}, and whether there are more. */
  private List<String> scenariosNaming(String datasetId) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id FROM scenario WHERE dataset_id = ? ORDER BY id LIMIT ?")) {
      s.setString(1, datasetId);
      s.setInt(2, MAX_NAMED_SCENARIOS + 1);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
    }
    return ids;
  }

  private static DatasetStoreException inUse(String id, List<String> users) {
    List<String> named = users.subList(0, Math.min(users.size(), MAX_NAMED_SCENARIOS));
    String list = String.join(", ", named) + (users.size() > named.size() ? " and more" : "");
    return new DatasetStoreException(
        DatasetStoreException.Reason.IN_USE,
        id,
        named,
        "dataset '"
            + id
            + "' is named by stored scenario(s) "
            + list
            + "; delete them or clear their overrides.dataset_id first");
  }

  private static Dataset parse(byte[] bytes) throws SQLException {
    try {
      return Dataset.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("a stored dataset does not parse: " + e.getMessage(), e);
    }
  }

  private static StoredDataset stored(
      Dataset content, long version, Instant created, String owner) {
    return new StoredDataset(
        content.toBuilder()
            .setEtag(ScenarioStore.etagOf(version))
            .setCreateTime(
                Timestamp.newBuilder()
                    .setSeconds(created.getEpochSecond())
                    .setNanos(created.getNano()))
            .build(),
        version,
        owner);
  }
}
