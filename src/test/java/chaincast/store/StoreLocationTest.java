package chaincast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parsing {@code serve --store}: both URL forms, the default, and refusals that hide passwords. */
class StoreLocationTest {
  @Test
  void aPostgresqlUrlBecomesAJdbcUrlWithItsUserAndPasswordApart() {
    StoreLocation l = StoreLocation.parse("postgresql://plan:s%40cret:x@db.example:6543/chaincast");
    assertTrue(l.isPostgres());
    assertEquals("jdbc:postgresql://db.example:6543/chaincast", l.jdbcUrl());
    assertEquals("plan", l.user());
    assertEquals("s@cret:x", l.password());
    assertEquals("postgresql://plan@db.example:6543/chaincast", l.toString());
    assertEquals(
        "jdbc:postgresql://localhost:5432/db?sslmode=require",
        StoreLocation.parse("postgres://localhost/db?sslmode=require").jdbcUrl());
  }

  @Test
  void aJdbcUrlIsTakenAsItIsAndShownWithoutItsPassword() {
    StoreLocation l =
        StoreLocation.parse("jdbc:postgresql://127.0.0.1:5433/cc?user=plan&password=hunter2");
    assertEquals("jdbc:postgresql://127.0.0.1:5433/cc?user=plan&password=hunter2", l.jdbcUrl());
    assertEquals("postgresql://plan@127.0.0.1:5433/cc", l.toString());
    assertFalse(l.toString().contains("hunter2"));
  }

  @Test
  void theDefaultIsH2() {
    assertEquals(StoreLocation.H2, StoreLocation.parse(null));
    assertEquals(StoreLocation.H2, StoreLocation.parse(" "));
    assertEquals(StoreLocation.H2, StoreLocation.parse("h2"));
    assertFalse(StoreLocation.H2.isPostgres());
  }

  @Test
  void aBadUrlIsRefusedWithASentenceThatHidesThePassword() {
    var scheme =
        assertThrows(
            IllegalArgumentException.class, () -> StoreLocation.parse("mysql://root:hunter2@db/x"));
    assertTrue(scheme.getMessage().contains("postgresql://USER:PASSWORD@HOST:5432/DB"));
    assertFalse(scheme.getMessage().contains("hunter2"), scheme.getMessage());
    var noDb =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoreLocation.parse("postgresql://root:hunter2@db.example:5432/"));
    assertTrue(noDb.getMessage().contains("must name a host and a database"), noDb.getMessage());
    assertFalse(noDb.getMessage().contains("hunter2"), noDb.getMessage());
    var jdbc =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoreLocation.parse("jdbc:postgresql://db:notaport/x?password=hunter2"));
    assertFalse(jdbc.getMessage().contains("hunter2"), jdbc.getMessage());
  }
}
