package chaincast.store;

import chaincast.store.ScenarioStore.Quota;
import chaincast.store.ScenarioStore.Stored;
import chaincast.store.ScenarioStore.Usage;
import chaincast.v1.Scenario;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules and row mapping both stores share (H2 and PostgreSQL), so that they refuse the same
 * writes with the same reasons and messages, and answer a write with what a later read returns.
 */
final class StoreRows {
  private StoreRows() {}

  /**
   * Refuses a write that would take {@code owner} above a limit (a write that shrinks is allowed).
   */
  static void checkQuota(String owner, Quota quota, Usage used, long scenarios, long bytes) {
    if (scenarios > quota.maxScenarios() && scenarios > used.scenarios()) {
      throw new QuotaExceededException(
          owner, QuotaExceededException.Limit.SCENARIOS, quota.maxScenarios(), scenarios);
    }
    if (bytes > quota.maxBytes() && bytes > used.bytes()) {
      throw new QuotaExceededException(
          owner, QuotaExceededException.Limit.BYTES, quota.maxBytes(), bytes);
    }
  }

  static ScenarioStoreException missingOrStale(String id, long expectedVersion, boolean exists) {
    if (!exists) {
      return new ScenarioStoreException(
          ScenarioStoreException.Reason.NOT_FOUND, id, "scenario '" + id + "' not found");
    }
    return new ScenarioStoreException(
        ScenarioStoreException.Reason.STALE_ETAG,
        id,
        "scenario '"
            + id
            + "' has changed since etag "
            + ScenarioStore.etagOf(expectedVersion)
            + " was read; get it again, reapply your change and retry");
  }

  /** What is stored: id, name, description, overrides (etag and times live in their columns). */
  static Scenario content(Scenario s) {
    return s.toBuilder().clearEtag().clearCreateTime().clearUpdateTime().build();
  }

  static Stored row(ResultSet r) throws SQLException {
    Scenario content;
    try {
      content = Scenario.parseFrom(r.getBytes(1));
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("a stored scenario does not parse: " + e.getMessage(), e);
    }
    return stored(
        content,
        r.getLong(2),
        r.getObject(3, OffsetDateTime.class).toInstant(),
        r.getObject(4, OffsetDateTime.class).toInstant(),
        r.getString(5));
  }

  static Stored stored(
      Scenario content, long version, Instant created, Instant updated, String owner) {
    return new Stored(
        content.toBuilder()
            .setEtag(ScenarioStore.etagOf(version))
            .setCreateTime(timestamp(created))
            .setUpdateTime(timestamp(updated))
            .build(),
        version,
        owner);
  }

  /** Now, to the microsecond the column keeps, so a write's answer equals a later read. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  /**
   * The ids of one listing page.
   *
   * @param ids the ids on the page, in id order
   * @param more whether scenarios follow them
   */
  record PageIds(List<String> ids, boolean more) {}

  /**
   * Which scenarios after {@code afterId} make up the next page: at most {@code pageSize}, whose
   * sizes add up to at most {@code maxBytes} (at least one, so paging always moves on). Reads ids
   * and sizes only, so the page never holds more than the budget in memory; the caller then reads
   * those contents.
   */
  static PageIds pageIds(Connection c, int pageSize, String afterId, long maxBytes)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, size_bytes FROM scenario WHERE id > ? ORDER BY id LIMIT ?")) {
      s.setString(1, afterId);
      s.setInt(2, pageSize + 1); // one more tells whether there is a next page
      long bytes = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long size = r.getLong(2);
          if (ids.size() == pageSize || (!ids.isEmpty() && bytes + size > maxBytes)) {
            return new PageIds(ids, true);
          }
          ids.add(r.getString(1));
          bytes += size;
        }
      }
    }
    return new PageIds(ids, false);
  }
}
