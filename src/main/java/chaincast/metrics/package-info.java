/**
 * What an operator scrapes: {@link chaincast.metrics.ServerMetrics} keeps the server's meters (RPC
 * latency and status, runs, paths, run duration, store latency, JVM heap, GC and threads) in a
 * Micrometer Prometheus registry, and {@link chaincast.metrics.MetricsEndpoint} serves them as
 * Prometheus text on {@code GET /metrics} from the JDK's built-in HTTP server.
 *
 * <p>No gRPC here: the server's interceptor reports each call's method, status and duration, and
 * the services report runs and store calls, through {@code ServerMetrics}' methods.
 */
package chaincast.metrics;
