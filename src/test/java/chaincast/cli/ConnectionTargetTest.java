package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code --server} becomes a gRPC target, and the service config every client channel uses. */
class ConnectionTargetTest {

  @Test
  void oneServerOrAUriIsPassedOnAndAListBecomesTheStaticResolver() {
    assertEquals("127.0.0.1:50051", Connection.grpcTarget("127.0.0.1:50051"));
    assertEquals("dns:///chaincast:50051", Connection.grpcTarget("dns:///chaincast:50051"));
    assertEquals(
        "static:///127.0.0.1:1,localhost:2,[::1]:3",
        Connection.grpcTarget("127.0.0.1:1, localhost:2,[::1]:3"));
    assertEquals(3, StaticNameResolverProvider.parse("127.0.0.1:1,localhost:2,[::1]:3").size());
  }

  @Test
  void aListEntryWithoutAPortIsNamed() {
    for (String bad : List.of("127.0.0.1:1,localhost", "127.0.0.1:1,,127.0.0.1:2", "a:1,:2")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Connection.grpcTarget(bad));
      assertTrue(e.getMessage().startsWith("--server: '"), e.getMessage());
      assertTrue(e.getMessage().contains("is not HOST:PORT"), e.getMessage());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theServiceConfigIsRoundRobinAndRetriesOnlyReadsOnUnavailableOrFull() {
    Map<String, ?> config = ClientServiceConfig.load();
    assertEquals(List.of(Map.of("round_robin", Map.of())), config.get("loadBalancingConfig"));
    List<Map<String, ?>> methods = (List<Map<String, ?>>) config.get("methodConfig");
    assertEquals(1, methods.size());
    Map<String, ?> retry = (Map<String, ?>) methods.get(0).get("retryPolicy");
    assertEquals(List.of("UNAVAILABLE", "RESOURCE_EXHAUSTED"), retry.get("retryableStatusCodes"));
    List<Map<String, String>> names = (List<Map<String, String>>) methods.get(0).get("name");
    for (Map<String, String> name : names) {
      String method = name.getOrDefault("method", "");
      assertTrue(
          !method.startsWith("Create")
              && !method.startsWith("Update")
              && !method.startsWith("Delete"),
          "a write is never retried blindly: " + name);
    }
    assertTrue(names.contains(Map.of("service", "chaincast.v1.ModelService")));
    assertTrue(
        names.contains(Map.of("service", "chaincast.v1.SimulationService", "method", "Simulate")));
  }
}
