package chaincast.store;

import static chaincast.store.StoreRows.checkQuota;
import static chaincast.store.StoreRows.content;
import static chaincast.store.StoreRows.missingOrStale;
import static chaincast.store.StoreRows.now;
import static chaincast.store.StoreRows.row;
import static chaincast.store.StoreRows.stored;
import static chaincast.store.StoreRows.utc;

import chaincast.v1.Dataset;
import chaincast.v1.Scenario;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.api.ErrorCode;

/**
 * Scenarios in an embedded H2 database, file {@code scenarios.mv.db} in the data directory.
 *
 * <p>Why H2: a transactional SQL store in one jar and one file, with no server to run. Its MVStore
 * writes each commit as a new chunk, with a checksummed header and footer, so a chunk cut short by
 * a crash is ignored on the next open.
 *
 * <p>Durability: each write is one transaction; after its commit a {@code CHECKPOINT} writes the
 * chunk to the file before the method returns. That alone was not enough, because of how H2
 * (2.5.252) finds its newest chunk after a crash: it follows the store header, the chunks'
 * predictions of where the next chunk goes, and the chunk at the end of the file. By default
 * MVStore reuses the space of dead chunks, and a chunk written into such a hole, where its
 * predecessor did not predict it, is named by no header: the header H2 rewrites then records the
 * predecessor, because it is written before the new chunk becomes the last one. Killed before a
 * later header names it, the store reopens at the predecessor, losing acknowledged writes (and the
 * sequence state with them, so etags were issued twice). {@code REUSE_SPACE=FALSE} makes every
 * chunk go to the end of the file, where recovery always looks; {@code SHUTDOWN COMPACT} (a copy
 * into a new file and an atomic rename) then bounds the file's growth, when it has grown above
 * {@link StoreSettings#compactAboveBytes()} and four times its last compacted size.
 *
 * <p>{@code RETENTION_TIME=0} frees a dead chunk at once instead of after 45 s. With no reuse it
 * changes nothing on disk, but it puts a server that has run for a minute in the state of one that
 * has run for hours, so the crash tests would catch a return of space reuse within a few cycles
 * (they do: with reuse, 8 cycles of {@code CrashSoak} lose dozens of acknowledged writes).
 *
 * <p>{@code WRITE_DELAY=0} keeps H2's background writer off: its asynchronous commits would let a
 * {@code CHECKPOINT} find nothing left to store while the chunk is still queued. {@code
 * FILE_LOCK=FS} locks the file with the operating system, which releases the lock when the process
 * dies, so a restart after a crash does not wait for a stale lock file.
 *
 * <p>Versions come from one database-wide sequence (so a scenario deleted and created again never
 * reuses an old etag). Updates and deletes with an expected version change the row only if it still
 * has that version.
 *
 * <p>Datasets of actuals live in the same database ({@link DatasetTable}), so a scenario write
 * checks the dataset it names, and a dataset delete the scenarios naming it, in one transaction.
 *
 * <p>Thread-safe: one connection, used by one caller at a time.
 */
public final class H2ScenarioStore implements ScenarioStore {
  /** File name stem of the database in the data directory. */
  public static final String DATABASE_NAME = "scenarios";

  private static final Logger logger = Logger.getLogger(H2ScenarioStore.class.getName());
  private static final String USER = "chaincast";

  private final Path dataDir;
  private final StoreSettings settings;
  private Connection connection;

  /** Set when a write may not have reached the file: the store must be reopened. */
  private boolean broken;

  /** The file is compacted before the next write once it is larger than this. */
  private long compactAbove;

  private H2ScenarioStore(Path dataDir, StoreSettings settings) {
    this.dataDir = dataDir;
    this.settings = settings;
    this.compactAbove = settings.compactAboveBytes();
  }

  /**
   * Opens (creating or migrating if needed) the store in {@code dataDir}.
   *
   * @throws ScenarioStoreInUseException if another process holds it
   * @throws ScenarioStoreFailure if it cannot be opened for another reason
   */
  public static H2ScenarioStore open(Path dataDir, StoreSettings settings) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new ScenarioStoreFailure(
          "cannot create the data directory " + dataDir + ": " + e, e, true);
    }
    H2ScenarioStore store = new H2ScenarioStore(dataDir, settings);
    store.connection = store.connect();
    return store;
  }

  /** The JDBC URL of the store in {@code dataDir} (for tools and tests in the same JVM). */
  public static String jdbcUrl(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve(DATABASE_NAME)
        + ";FILE_LOCK=FS;WRITE_DELAY=0;REUSE_SPACE=FALSE;RETENTION_TIME=0";
  }

  /** The database file. */
  public Path file() {
    return dataDir.toAbsolutePath().resolve(DATABASE_NAME + ".mv.db");
  }

  private Connection connect() {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl(dataDir), USER, "");
      try {
        H2Schema.ensure(c);
        c.setAutoCommit(false);
        return c;
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new ScenarioStoreInUseException(dataDir, e);
      }
      throw new ScenarioStoreFailure(
          "cannot open the scenario store in " + dataDir + ": " + e.getMessage(), e, true);
    }
  }

  @Override
  public synchronized Stored create(Scenario scenario, String owner, Quota quota) {
    Scenario content = content(scenario);
    byte[] bytes = content.toByteArray();
    Instant now = now();
    return write(
        "create " + scenario.getId(),
        () -> {
          if (exists(scenario.getId())) {
            throw new ScenarioStoreException(
                ScenarioStoreException.Reason.ALREADY_EXISTS,
                scenario.getId(),
                "scenario '" + scenario.getId() + "' already exists");
          }
          datasets().checkReference(scenario.getId(), content.getOverrides().getDatasetId());
          Usage used = usageOf(owner);
          checkQuota(owner, quota, used, used.scenarios() + 1, used.bytes() + bytes.length);
          long version = nextVersion();
          try (PreparedStatement s =
              connection.prepareStatement(
                  "INSERT INTO scenario (id, version, content, create_time, update_time, owner_id,"
                      + " size_bytes, dataset_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, scenario.getId());
            s.setLong(2, version);
            s.setBytes(3, bytes);
            s.setObject(4, utc(now));
            s.setObject(5, utc(now));
            s.setString(6, owner);
            s.setInt(7, bytes.length);
            s.setString(8, content.getOverrides().getDatasetId());
            s.executeUpdate();
          }
          return stored(content, version, now, now, owner);
        });
  }

  @Override
  public synchronized Optional<Stored> get(String id) {
    return read(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "SELECT content, version, create_time, update_time, owner_id FROM scenario WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public synchronized Page list(int pageSize, String afterId, long maxBytes) {
    return read(
        () -> {
          StoreRows.PageIds page = StoreRows.pageIds(connection, pageSize, afterId, maxBytes);
          List<String> ids = page.ids();
          boolean more = page.more();
          if (ids.isEmpty()) {
            return new Page(List.of(), afterId, false);
          }
          return new Page(
              rowsBetween(afterId, ids.get(ids.size() - 1)), ids.get(ids.size() - 1), more);
        });
  }

  private List<Stored> rowsBetween(String afterId, String lastId) throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT content, version, create_time, update_time, owner_id FROM scenario"
                + " WHERE id > ? AND id <= ? ORDER BY id")) {
      s.setString(1, afterId);
      s.setString(2, lastId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
    }
    return out;
  }

  @Override
  public synchronized Stored update(
      Scenario scenario, long expectedVersion, String owner, Quota quota) {
    Scenario content = content(scenario);
    byte[] bytes = content.toByteArray();
    Instant now = now();
    String id = scenario.getId();
    return write(
        "update " + id,
        () -> {
          Current current = current(id);
          if (current == null || current.version() != expectedVersion) {
            throw missingOrStale(id, expectedVersion, current != null);
          }
          datasets().checkReference(id, content.getOverrides().getDatasetId());
          boolean same = owner.equals(current.owner());
          Usage used = usageOf(owner);
          checkQuota(
              owner,
              quota,
              used,
              used.scenarios() + (same ? 0 : 1),
              used.bytes() + bytes.length - (same ? current.size() : 0));
          long version = nextVersion();
          try (PreparedStatement s =
              connection.prepareStatement(
                  "UPDATE scenario SET content = ?, version = ?, update_time = ?, owner_id = ?,"
                      + " size_bytes = ?, dataset_id = ? WHERE id = ? AND version = ?")) {
            s.setBytes(1, bytes);
            s.setLong(2, version);
            s.setObject(3, utc(now));
            s.setString(4, owner);
            s.setInt(5, bytes.length);
            s.setString(6, content.getOverrides().getDatasetId());
            s.setString(7, id);
            s.setLong(8, expectedVersion);
            s.executeUpdate();
          }
          return stored(content, version, current.created(), now, owner);
        });
  }

  @Override
  public synchronized void delete(String id, long expectedVersion) {
    write(
        "delete " + id,
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
              throw missingOrStale(id, expectedVersion, exists(id));
            }
          }
          return null;
        });
  }

  @Override
  public synchronized StoredDataset createDataset(Dataset dataset, String owner, Quota quota) {
    Dataset content = dataset.toBuilder().clearEtag().clearCreateTime().clearPointCount().build();
    int size = DatasetTable.encodedSize(content);
    Instant now = now();
    return write(
        "create dataset " + dataset.getId(),
        () -> {
          DatasetTable table = datasets();
          if (table.exists(dataset.getId())) {
            throw new DatasetStoreException(
                DatasetStoreException.Reason.ALREADY_EXISTS,
                dataset.getId(),
                List.of(),
                "dataset '" + dataset.getId() + "' already exists");
          }
          Usage used = usageOf(owner);
          checkQuota(owner, quota, used, used.scenarios() + 1, used.bytes() + size);
          return table.insert(content, nextVersion(), now, owner);
        });
  }

  @Override
  public synchronized Optional<StoredDataset> getDataset(String id) {
    return read(() -> datasets().get(id));
  }

  @Override
  public synchronized boolean datasetExists(String id) {
    return read(() -> datasets().exists(id));
  }

  @Override
  public synchronized DatasetPage listDatasets(int pageSize, String afterId, long maxBytes) {
    return read(() -> datasets().list(pageSize, afterId, maxBytes));
  }

  @Override
  public synchronized void deleteDataset(String id, long expectedVersion) {
    write(
        "delete dataset " + id,
        () -> {
          datasets().delete(id, expectedVersion);
          return null;
        });
  }

  @Override
  public synchronized StoredSweep createSweepIfAbsent(String id, String owner, byte[] request) {
    Instant now = now();
    return write(
        "create sweep " + id,
        () -> {
          H2SweepTable table = sweeps();
          Optional<StoredSweep> existing = table.get(id);
          return existing.isPresent()
              ? existing.get()
              : table.insert(id, owner, request, now, nextVersion());
        });
  }

  @Override
  public synchronized Optional<StoredSweep> getSweep(String id) {
    return read(() -> sweeps().get(id));
  }

  @Override
  public synchronized void putSweepPoint(String sweepId, int index, byte[] result) {
    write(
        "store point " + index + " of sweep " + sweepId,
        () -> {
          sweeps().putPoint(sweepId, index, result);
          return null;
        });
  }

  @Override
  public synchronized SortedMap<Integer, byte[]> sweepPoints(String sweepId) {
    return read(() -> sweeps().points(sweepId));
  }

  @Override
  public synchronized void setSweepState(String sweepId, String state) {
    write(
        "set the state of sweep " + sweepId,
        () -> {
          sweeps().setState(sweepId, state, nextVersion());
          return null;
        });
  }

  private H2SweepTable sweeps() {
    return new H2SweepTable(connection);
  }

  private DatasetTable datasets() {
    return new DatasetTable(connection, false);
  }

  @Override
  public synchronized Usage usage(String owner) {
    return read(() -> usageOf(owner));
  }

  /**
   * Whether the store can serve calls: its connection is open and answers. False after a fatal
   * failure, or when H2 closed the database underneath (e.g. after an error it could not survive).
   */
  @Override
  public synchronized boolean isUsable() {
    if (connection == null || broken) {
      return false;
    }
    try {
      return connection.isValid(5);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Closes the database; what was acknowledged is on disk whether or not this is called. */
  @Override
  public synchronized void close() {
    if (connection != null) {
      Connection c = connection;
      connection = null;
      try {
        c.close();
      } catch (SQLException e) {
        // A database H2 already closed after a failure has nothing left to write.
        logger.log(Level.FINE, "closing the scenario store in " + dataDir, e);
      }
    }
  }

  // ------------------------------------------------------------------ transactions

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T read(Work<T> work) {
    checkOpen();
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException e) {
      rollback();
      throw new ScenarioStoreFailure(
          "reading the scenario store in " + dataDir + ": " + e.getMessage(), e, false);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    }
  }

  /**
   * Runs {@code work} as one transaction, commits it and writes it to the file; returns only when
   * the write is on disk. A failure after the commit leaves the store broken: the write is visible
   * in memory but may not be on disk, so the store must be reopened from the file.
   */
  private <T> T write(String what, Work<T> work) {
    checkOpen();
    compactIfDue();
    T result;
    try {
      result = work.run();
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw new ScenarioStoreFailure(
          what + " in the scenario store in " + dataDir + ": " + e.getMessage(), e, false);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException | RuntimeException e) {
      broken = true;
      throw new ScenarioStoreFailure(
          what + ": committed but not written to " + file() + ": " + e.getMessage(), e, true);
    }
    return result;
  }

  private void checkOpen() {
    if (connection == null || broken) {
      throw new ScenarioStoreFailure("the scenario store in " + dataDir + " is closed", null, true);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException ignored) {
      // The original failure is the one to report.
    }
  }

  /**
   * Copies the live data into a new file ({@code SHUTDOWN COMPACT}: written aside, then renamed
   * over the old one, so a crash at any point leaves one complete file) and reopens it. Runs before
   * a write, never after one, so a failure here fails no acknowledged write.
   */
  private void compactIfDue() {
    long before;
    try {
      before = Files.size(file());
    } catch (IOException e) {
      return; // nothing to compact yet
    }
    if (before <= compactAbove) {
      return;
    }
    long start = System.nanoTime();
    try (Statement s = connection.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      broken = true;
      throw new ScenarioStoreFailure("compacting " + file() + ": " + e.getMessage(), e, true);
    }
    closeQuietly(connection);
    connection = null;
    try {
      connection = connect();
    } catch (RuntimeException e) {
      broken = true;
      throw e;
    }
    long after = sizeOrZero();
    compactAbove = Math.max(settings.compactAboveBytes(), 4 * after);
    logger.info(
        "compacted the scenario store "
            + file()
            + " from "
            + before
            + " to "
            + after
            + " bytes in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
  }

  private long sizeOrZero() {
    try {
      return Files.size(file());
    } catch (IOException e) {
      return 0;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // Closing after a failure: the failure is what matters.
    }
  }

  // ------------------------------------------------------------------ queries

  /** The parts of a row a write checks before changing it. */
  private record Current(long version, String owner, long size, Instant created) {}

  private Current current(String id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT version, owner_id, size_bytes, create_time FROM scenario WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        return new Current(
            r.getLong(1),
            r.getString(2),
            r.getLong(3),
            r.getObject(4, OffsetDateTime.class).toInstant());
      }
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

  private Usage usageOf(String owner) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT SUM(n), SUM(b) FROM ("
                + " SELECT COUNT(*) n, COALESCE(SUM(size_bytes), 0) b FROM scenario WHERE owner_id = ?"
                + " UNION ALL"
                + " SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM dataset WHERE owner_id = ?)")) {
      s.setString(1, owner);
      s.setString(2, owner);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Usage(r.getLong(1), r.getLong(2));
      }
    }
  }

  private long nextVersion() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("VALUES NEXT VALUE FOR scenario_version")) {
      r.next();
      return r.getLong(1);
    }
  }
}
