package chaincast.store;

import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract on a real PostgreSQL ({@link TestPostgres}), in a fresh database per test; the
 * concurrent tests write through two stores (two connection pools), as two server processes do.
 */
class PostgresStoreContractTest extends ScenarioStoreContractTest {
  private StoreLocation location;

  @BeforeEach
  void newDatabase() {
    location = StoreLocation.parse(TestPostgres.shared().newDatabase());
  }

  @Override
  ScenarioStore open() {
    return PostgresScenarioStore.open(location, StoreSettings.defaults());
  }

  @Override
  ScenarioStore peer(ScenarioStore first) {
    return open();
  }
}
