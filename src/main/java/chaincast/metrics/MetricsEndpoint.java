package chaincast.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@link ServerMetrics} on {@code GET /metrics} in the Prometheus text format, from the
 * JDK's built-in HTTP server: a scrape every few seconds needs no web framework, and this adds no
 * dependency and no second event loop beside gRPC's Netty.
 *
 * <p>It answers {@code GET} and {@code HEAD} on {@code /metrics} only (404 elsewhere, 405 for other
 * methods), on one daemon thread, so a slow scraper cannot take threads from the gRPC server.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(MetricsEndpoint.class.getName());

  /** The path Prometheus scrapes by default. */
  public static final String PATH = "/metrics";

  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer http;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  /**
   * Binds {@code address} (port 0 for any free one) and starts serving {@code metrics}.
   *
   * @throws IOException if the address cannot be bound (e.g. the port is taken)
   */
  public static MetricsEndpoint start(ServerMetrics metrics, InetSocketAddress address)
      throws IOException {
    HttpServer http = HttpServer.create(address, 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "chaincast-metrics-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/", exchange -> answer(exchange, metrics));
    http.start();
    return new MetricsEndpoint(http, executor);
  }

  /** The bound address (its port is the real one when 0 was asked for). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  private static void answer(HttpExchange exchange, ServerMetrics metrics) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, "not found: metrics are on " + PATH + "\n", false);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "use GET\n", false);
      } else {
        exchange.getResponseHeaders().set("Content-Type", TEXT_FORMAT);
        send(exchange, 200, metrics.scrape(), method.equals("HEAD"));
      }
    } catch (RuntimeException e) {
      // A failing gauge must not kill the endpoint's thread; the scraper sees a dropped answer.
      logger.log(Level.WARNING, "metrics scrape failed", e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body, boolean headOnly)
      throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, headOnly ? -1 : bytes.length);
    if (!headOnly) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving at once (a scrape in progress is cut off) and frees the port. */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
