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
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Scenarios and datasets in a PostgreSQL database that several server processes share (replicas
 * behind a load balancer), through a HikariCP connection pool; the schema is migrated by Flyway
 * from {@code db/postgresql/V*__*.sql} when the store opens.
 *
 * <p>The {@link ScenarioStore} contract, kept by PostgreSQL rather than by this class:
 *
 * <ul>
 *   <li>durable acknowledgement: every connection runs with {@code synchronous_commit = on}, so a
 *       write returns only after its commit record is flushed to the write-ahead log (on a server
 *       with {@code fsync} on, which is PostgreSQL's default);
 *   <li>all or nothing: each write is one transaction;
 *   <li>versions never repeat: they come from sequence {@code store_version}, which hands out each
 *       value once, across crashes and across every process using the database;
 *   <li>refused writes change nothing: a refusal is thrown inside the transaction, which is rolled
 *       back.
 * </ul>
 *
 * <p>Concurrency (transactions run at READ COMMITTED, in this process and in others): a write that
 * adds to an owner's usage first takes a transaction-scoped advisory lock on the owner ({@code
 * pg_advisory_xact_lock}), so two servers cannot both pass the same quota; an update locks its row
 * ({@code SELECT ... FOR UPDATE}) and compares versions, and its {@code UPDATE ... WHERE version =
 * ?} is the compare-and-set; datasets are locked as {@link DatasetTable} explains. Locks are always
 * taken in the order owner, scenario, dataset, so they cannot deadlock one another; a deadlock or
 * serialization failure PostgreSQL reports anyway is retried (the transaction changed nothing).
 *
 * <p>Failures: an unreachable database, a broken connection or a pool with no connection to give
 * becomes {@link ScenarioStoreUnavailableException} (the API's UNAVAILABLE; {@link
 * ResilientScenarioStore} probes {@link #isUsable()} and reopens the pool while the database is
 * down); any other database error is a {@link ScenarioStoreFailure}. A write whose connection broke
 * during its commit may or may not have landed (all or nothing); a retry with the same etag then
 * fails with STALE_ETAG if it did.
 *
 * <p>Thread-safe: each call borrows its own connection from the pool.
 */
public final class PostgresScenarioStore implements ScenarioStore {
  private static final Logger logger = Logger.getLogger(PostgresScenarioStore.class.getName());

  /** Where Flyway finds the migrations. */
  static final String MIGRATIONS = "classpath:db/postgresql";

  /** First key of the owners' advisory locks, so they do not meet other users' (Flyway's). */
  private static final int OWNER_LOCK_SPACE = 0x63637374; // "ccst"

  /** Most connections one server holds. */
  private static final int POOL_SIZE = 8;

  /** Attempts of a transaction that PostgreSQL aborted as a deadlock or serialization failure. */
  private static final int MAX_ATTEMPTS = 5;

  private final StoreLocation location;
  private final HikariDataSource pool;
  private volatile boolean closed;

  private PostgresScenarioStore(StoreLocation location, HikariDataSource pool) {
    this.location = location;
    this.pool = pool;
  }

  /**
   * Connects to the database and migrates its schema to the newest version (Flyway takes a lock, so
   * servers starting together against an empty database migrate it once).
   *
   * @throws ScenarioStoreFailure (fatal) if the database cannot be reached or migrated; the message
   *     names the database (without the password) and the reason
   */
  public static PostgresScenarioStore open(StoreLocation location, StoreSettings settings) {
    if (!location.isPostgres()) {
      throw new IllegalArgumentException("not a PostgreSQL location: " + location);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(location));
    } catch (RuntimeException e) {
      throw new ScenarioStoreFailure(
          "cannot connect to the PostgreSQL store " + location + ": " + rootMessage(e), e, true);
    }
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(pool)
              .locations(MIGRATIONS)
              .cleanDisabled(true)
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        logger.info(
            "migrated the PostgreSQL store "
                + location
                + " to schema version "
                + result.targetSchemaVersion);
      }
    } catch (RuntimeException e) {
      pool.close();
      throw new ScenarioStoreFailure(
          "cannot migrate the PostgreSQL store " + location + ": " + rootMessage(e), e, true);
    }
    logger.info("scenario store: " + location);
    return new PostgresScenarioStore(location, pool);
  }

  private static HikariConfig poolConfig(StoreLocation location) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(location.jdbcUrl());
    if (location.user() != null) {
      c.setUsername(location.user());
    }
    if (location.password() != null) {
      c.setPassword(location.password());
    }
    c.setPoolName("chaincast-store");
    c.setMaximumPoolSize(POOL_SIZE);
    c.setMinimumIdle(1);
    c.setAutoCommit(false);
    c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // An acknowledged write is one whose commit record is flushed (whatever the database's
    // default): the durability the ScenarioStore contract promises.
    c.setConnectionInitSql("SET synchronous_commit TO on");
    // A caller waits at most this long for a connection; then the call is UNAVAILABLE.
    c.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    c.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    // Fail at once when the database cannot be reached at start-up.
    c.setInitializationFailTimeout(1);
    c.addDataSourceProperty("ApplicationName", "chaincast");
    c.addDataSourceProperty("connectTimeout", "5");
    c.addDataSourceProperty("tcpKeepAlive", "true");
    // A database that stops answering fails the call instead of holding it forever.
    c.addDataSourceProperty("socketTimeout", "60");
    return c;
  }

  /** The database this store uses, without its password. */
  public StoreLocation location() {
    return location;
  }

  /**
   * The connection pool, for other tables of the same database (sweeps): connections come with
   * auto-commit off and {@code synchronous_commit} on. Prefer {@link #inTransaction}, which
   * commits, retries and maps failures as this store does.
   */
  public DataSource dataSource() {
    return pool;
  }

  // ------------------------------------------------------------------ scenarios

  @Override
  public Stored create(Scenario scenario, String owner, Quota quota) {
    Scenario content = content(scenario);
    byte[] bytes = content.toByteArray();
    Instant now = now();
    String id = scenario.getId();
    String datasetId = content.getOverrides().getDatasetId();
    return inTransaction(
        "create " + id,
        c -> {
          lockOwner(c, owner);
          if (exists(c, id)) {
            throw alreadyExists(id);
          }
          new DatasetTable(c, true).checkReference(id, datasetId);
          Usage used = usageOf(c, owner);
          checkQuota(owner, quota, used, used.scenarios() + 1, used.bytes() + bytes.length);
          long version = nextVersion(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO scenario (id, version, content, create_time, update_time, owner_id,"
                      + " size_bytes, dataset_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setLong(2, version);
            s.setBytes(3, bytes);
            s.setObject(4, utc(now));
            s.setObject(5, utc(now));
            s.setString(6, owner);
            s.setInt(7, bytes.length);
            s.setString(8, datasetId);
            s.executeUpdate();
          } catch (SQLException e) {
            // Another server created the id between our check and our insert.
            if (PgErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
              throw alreadyExists(id);
            }
            throw e;
          }
          return stored(content, version, now, now, owner);
        });
  }

  @Override
  public Optional<Stored> get(String id) {
    return inTransaction(
        "get " + id,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT content, version, create_time, update_time, owner_id FROM scenario"
                      + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Page list(int pageSize, String afterId, long maxBytes) {
    // One transaction at REPEATABLE READ would not help: pages are separate calls anyway.
    return inTransaction(
        "list",
        c -> {
          StoreRows.PageIds page = StoreRows.pageIds(c, pageSize, afterId, maxBytes);
          List<String> ids = page.ids();
          boolean more = page.more();
          if (ids.isEmpty()) {
            return new Page(List.of(), afterId, false);
          }
          return new Page(rowsIn(c, ids), ids.get(ids.size() - 1), more);
        });
  }

  /** The rows with these ids, in id order (a row deleted meanwhile is left out). */
  private static List<Stored> rowsIn(Connection c, List<String> ids) throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT content, version, create_time, update_time, owner_id FROM scenario"
                + " WHERE id = ANY (?) ORDER BY id")) {
      s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
    }
    return out;
  }

  @Override
  public Stored update(Scenario scenario, long expectedVersion, String owner, Quota quota) {
    Scenario content = content(scenario);
    byte[] bytes = content.toByteArray();
    Instant now = now();
    String id = scenario.getId();
    String datasetId = content.getOverrides().getDatasetId();
    return inTransaction(
        "update " + id,
        c -> {
          lockOwner(c, owner);
          Current current = currentLocked(c, id);
          if (current == null || current.version() != expectedVersion) {
            throw missingOrStale(id, expectedVersion, current != null);
          }
          new DatasetTable(c, true).checkReference(id, datasetId);
          boolean same = owner.equals(current.owner());
          Usage used = usageOf(c, owner);
          checkQuota(
              owner,
              quota,
              used,
              used.scenarios() + (same ? 0 : 1),
              used.bytes() + bytes.length - (same ? current.size() : 0));
          long version = nextVersion(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE scenario SET content = ?, version = ?, update_time = ?, owner_id = ?,"
                      + " size_bytes = ?, dataset_id = ? WHERE id = ? AND version = ?")) {
            s.setBytes(1, bytes);
            s.setLong(2, version);
            s.setObject(3, utc(now));
            s.setString(4, owner);
            s.setInt(5, bytes.length);
            s.setString(6, datasetId);
            s.setString(7, id);
            s.setLong(8, expectedVersion);
            if (s.executeUpdate() != 1) {
              // Cannot happen while the row lock is held; the compare-and-set says so regardless.
              throw missingOrStale(id, expectedVersion, true);
            }
          }
          return stored(content, version, current.created(), now, owner);
        });
  }

  @Override
  public void delete(String id, long expectedVersion) {
    inTransaction(
        "delete " + id,
        c -> {
          String sql =
              expectedVersion >= 0
                  ? "DELETE FROM scenario WHERE id = ? AND version = ?"
                  : "DELETE FROM scenario WHERE id = ?";
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            if (expectedVersion >= 0) {
              s.setLong(2, expectedVersion);
            }
            if (s.executeUpdate() == 0) {
              throw missingOrStale(id, expectedVersion, exists(c, id));
            }
          }
          return null;
        });
  }

  @Override
  public Usage usage(String owner) {
    return inTransaction("usage of " + owner, c -> usageOf(c, owner));
  }

  // ------------------------------------------------------------------ datasets

  @Override
  public StoredDataset createDataset(Dataset dataset, String owner, Quota quota) {
    Dataset content = dataset.toBuilder().clearEtag().clearCreateTime().clearPointCount().build();
    int size = DatasetTable.encodedSize(content);
    Instant now = now();
    String id = dataset.getId();
    return inTransaction(
        "create dataset " + id,
        c -> {
          lockOwner(c, owner);
          DatasetTable table = new DatasetTable(c, true);
          if (table.exists(id)) {
            throw datasetAlreadyExists(id);
          }
          Usage used = usageOf(c, owner);
          checkQuota(owner, quota, used, used.scenarios() + 1, used.bytes() + size);
          long version = nextVersion(c);
          try {
            return table.insert(content, version, now, owner);
          } catch (SQLException e) {
            if (PgErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
              throw datasetAlreadyExists(id);
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<StoredDataset> getDataset(String id) {
    return inTransaction("get dataset " + id, c -> new DatasetTable(c, true).get(id));
  }

  @Override
  public boolean datasetExists(String id) {
    return inTransaction("find dataset " + id, c -> new DatasetTable(c, true).exists(id));
  }

  @Override
  public DatasetPage listDatasets(int pageSize, String afterId, long maxBytes) {
    return inTransaction(
        "list datasets", c -> new DatasetTable(c, true).list(pageSize, afterId, maxBytes));
  }

  @Override
  public void deleteDataset(String id, long expectedVersion) {
    inTransaction(
        "delete dataset " + id,
        c -> {
          new DatasetTable(c, true).delete(id, expectedVersion);
          return null;
        });
  }

  // ------------------------------------------------------------------ health and life

  /** Whether the pool can lend a connection that answers (false while the database is down). */
  // ------------------------------------------------------------------ sweeps

  @Override
  public StoredSweep createSweepIfAbsent(String id, String owner, byte[] request) {
    Instant now = now();
    return inTransaction(
        "create sweep " + id,
        c -> PostgresSweepTable.createIfAbsent(c, id, owner, request, now, nextVersion(c)));
  }

  @Override
  public Optional<StoredSweep> getSweep(String id) {
    return inTransaction("get sweep " + id, c -> PostgresSweepTable.get(c, id));
  }

  @Override
  public void putSweepPoint(String sweepId, int index, byte[] result) {
    inTransaction(
        "store point " + index + " of sweep " + sweepId,
        c -> {
          PostgresSweepTable.putPoint(c, sweepId, index, result);
          return null;
        });
  }

  @Override
  public SortedMap<Integer, byte[]> sweepPoints(String sweepId) {
    return inTransaction(
        "read the points of sweep " + sweepId, c -> PostgresSweepTable.points(c, sweepId));
  }

  @Override
  public void setSweepState(String sweepId, String state) {
    inTransaction(
        "set the state of sweep " + sweepId,
        c -> {
          PostgresSweepTable.setState(c, sweepId, state, nextVersion(c));
          return null;
        });
  }

  @Override
  public boolean isUsable() {
    if (closed) {
      return false;
    }
    try (Connection c = pool.getConnection()) {
      return c.isValid(5);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Closes the pool (what was acknowledged is committed whether or not this is called). */
  @Override
  public void close() {
    closed = true;
    pool.close();
  }

  // ------------------------------------------------------------------ transactions

  /** Work done inside one transaction on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    /** Runs on {@code c}; the caller commits (or rolls back if this throws). */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} as one transaction and commits it; returns once the commit is durable. A
   * deadlock or serialization failure (the transaction changed nothing) is retried a few times. A
   * {@link StoreException} thrown by {@code work} (a refusal) rolls back and passes through.
   *
   * @param what what is being done, for the server's log (never shown to clients)
   * @throws ScenarioStoreUnavailableException when the database cannot be reached
   * @throws ScenarioStoreFailure on any other database error
   */
  public <T> T inTransaction(String what, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      if (closed) {
        throw new ScenarioStoreFailure(
            "the PostgreSQL store " + location + " is closed", null, true);
      }
      try (Connection c = pool.getConnection()) {
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        if (PgErrors.retryable(e) && attempt < MAX_ATTEMPTS) {
          continue;
        }
        throw failure(what, e);
      }
    }
  }

  private RuntimeException failure(String what, SQLException e) {
    String message = what + " in the PostgreSQL store " + location + ": " + e.getMessage();
    if (closed || PgErrors.unreachable(e) || e instanceof SQLTransientConnectionException) {
      return new ScenarioStoreUnavailableException(
          Duration.ZERO, new ScenarioStoreFailure(message, e, false));
    }
    return new ScenarioStoreFailure(message, e, false);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException | RuntimeException ignored) {
      // The original failure is the one to report; the pool discards a broken connection.
    }
  }

  // ------------------------------------------------------------------ queries

  /** The parts of a row a write checks before changing it. */
  private record Current(long version, String owner, long size, Instant created) {}

  /** The row's current state, locked until the transaction ends; null if there is none. */
  private static Current currentLocked(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, owner_id, size_bytes, create_time FROM scenario WHERE id = ?"
                + " FOR UPDATE")) {
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

  /**
   * Serializes the writes that add to {@code owner}'s usage, in every process using the database,
   * until this transaction ends: the quota check and the write are then one step.
   */
  private static void lockOwner(Connection c, String owner) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      s.setInt(1, OWNER_LOCK_SPACE);
      s.setString(2, owner);
      s.execute();
    }
  }

  private static boolean exists(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM scenario WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static Usage usageOf(Connection c, String owner) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT (SELECT COUNT(*) FROM scenario WHERE owner_id = ?)"
                + " + (SELECT COUNT(*) FROM dataset WHERE owner_id = ?),"
                + " (SELECT COALESCE(SUM(size_bytes), 0) FROM scenario WHERE owner_id = ?)"
                + " + (SELECT COALESCE(SUM(size_bytes), 0) FROM dataset WHERE owner_id = ?)")) {
      for (int i = 1; i <= 4; i++) {
        s.setString(i, owner);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Usage(r.getLong(1), r.getLong(2));
      }
    }
  }

  private static long nextVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT nextval('store_version')")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static ScenarioStoreException alreadyExists(String id) {
    return new ScenarioStoreException(
        ScenarioStoreException.Reason.ALREADY_EXISTS, id, "scenario '" + id + "' already exists");
  }

  private static DatasetStoreException datasetAlreadyExists(String id) {
    return new DatasetStoreException(
        DatasetStoreException.Reason.ALREADY_EXISTS,
        id,
        List.of(),
        "dataset '" + id + "' already exists");
  }

  /** The innermost database error's message (the driver's words), else the innermost one's. */
  private static String rootMessage(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        message = t.getMessage();
      } else if (message == null && t.getCause() == null) {
        message = t.getMessage() == null ? t.toString() : t.getMessage();
      }
    }
    return message == null ? e.toString() : message;
  }
}
