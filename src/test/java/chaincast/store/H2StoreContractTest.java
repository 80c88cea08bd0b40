package chaincast.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 store, in a fresh data directory per test. */
class H2StoreContractTest extends ScenarioStoreContractTest {
  @TempDir Path dir;

  @Override
  ScenarioStore open() {
    return H2ScenarioStore.open(dir, StoreSettings.defaults());
  }
}
