package chaincast.cli;

import com.google.common.collect.ImmutableMap;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The gRPC service config every Chaincast client uses: {@code round_robin} over the addresses the
 * name resolves to, and retries (5 attempts, 0.1 s to 2 s backoff) of UNAVAILABLE and
 * RESOURCE_EXHAUSTED on the read-only RPCs, so a replica that stops or is full sends its calls to
 * another. Writes are not retried: a create or update whose answer was lost may have landed, and
 * the etag answers for it, not a blind second attempt.
 *
 * <p>One file, {@code service_config.json}, serves both clients: it lives in the Python package
 * ({@code clients/python/chaincast/}) and the build copies it onto the jar's classpath.
 */
final class ClientServiceConfig {
  private static final String RESOURCE = "/chaincast/service_config.json";

  private ClientServiceConfig() {}

  /** The config as the map {@code ManagedChannelBuilder.defaultServiceConfig} takes. */
  static Map<String, ?> load() {
    try (InputStream in = ClientServiceConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      // Gson reads JSON numbers as Double, which is what grpc's service-config parser expects.
      Map<String, Object> config =
          new Gson()
              .fromJson(
                  new InputStreamReader(in, StandardCharsets.UTF_8),
                  new TypeToken<Map<String, Object>>() {}.getType());
      return ImmutableMap.copyOf(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
