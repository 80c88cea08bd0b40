package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.RequestId;
import chaincast.bench.Scrape;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ModelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaincast serve} as an operator runs it, in its own JVM: {@code --metrics-port} serves the
 * metrics, its log records are logfmt lines, and each call's access line arrives with the client's
 * request id; {@code --no-access-log} turns the access logger off.
 */
class ServeObservabilityTest {
  private static final Pattern SERVING = Pattern.compile("chaincast: serving on [0-9.]+:([0-9]+)");
  private static final Pattern METRICS = Pattern.compile("chaincast: metrics on (http://\\S+)");

  @TempDir Path dataDir;

  /** A running {@code serve}, its stderr lines as they come, its gRPC port and metrics address. */
  private record Serve(
      Process process, BlockingQueue<String> lines, List<String> all, int port, URI metrics)
      implements AutoCloseable {
    /**
     * The next line that holds {@code text} (lines before it are passed over; {@link #all} keeps
     * them).
     */
    String await(String text) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < until) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.contains(text)) {
          return line;
        }
      }
      throw new AssertionError("serve wrote no line with '" + text + "'");
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private Serve serve(String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "chaincast.cli.Main",
                "serve",
                "--port",
                "0",
                "--threads",
                "1",
                "--data-dir",
                dataDir.toString(),
                "--metrics-port",
                "0"));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> all = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () ->
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .lines()
                    .forEach(
                        l -> {
                          all.add(l);
                          lines.add(l);
                        }));
    reader.setDaemon(true);
    reader.start();
    Serve s = new Serve(p, lines, all, 0, null);
    Matcher port = SERVING.matcher(s.await("chaincast: serving on"));
    Matcher metrics = METRICS.matcher(s.await("chaincast: metrics on"));
    assertTrue(port.find() && metrics.find());
    return new Serve(p, lines, all, Integer.parseInt(port.group(1)), URI.create(metrics.group(1)));
  }

  private static void listRegions(int port, String requestId) throws InterruptedException {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Metadata headers = new Metadata();
      headers.put(RequestId.HEADER, requestId);
      ModelServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .listRegions(ListRegionsRequest.getDefaultInstance());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void serveLogsEachCallAndServesItsMetrics() throws Exception {
    try (Serve s = serve()) {
      String start =
          s.all().stream()
              .filter(l -> l.contains("Chaincast listening on"))
              .findFirst()
              .orElse("none");
      assertTrue(
          start.matches(
              "ts=\\S+ level=INFO logger=chaincast\\.server\\.ChaincastServer msg=\"Chaincast listening on .*\""),
          start);
      listRegions(s.port(), "serve-access-1");
      String access = s.await("request_id=serve-access-1 ");
      assertTrue(
          access.matches(
              "ts=\\S+Z level=INFO logger=chaincast\\.access request_id=serve-access-1 method=chaincast\\.v1\\.ModelService/ListRegions "
                  + "caller=peer:127\\.0\\.0\\.1 peer=127\\.0\\.0\\.1 code=OK duration_ms=[0-9.]+"),
          access);
      Scrape scrape = Scrape.fetch(s.metrics());
      assertEquals(
          1,
          scrape.sum(
              "chaincast_rpc_server_duration_seconds_count",
              "method",
              "chaincast.v1.ModelService/ListRegions",
              "code",
              "OK"));
    }
  }

  @Test
  void noAccessLogTurnsTheLoggerOff() {
    Logger root = Logger.getLogger("");
    Map<Handler, Formatter> formatters = new HashMap<>();
    for (Handler h : root.getHandlers()) {
      formatters.put(h, h.getFormatter());
    }
    Level level = AccessLog.LOGGER.getLevel();
    try {
      ServerLogging.forServe(false);
      assertEquals(Level.OFF, AccessLog.LOGGER.getLevel());
      assertTrue(
          Arrays.stream(AccessLog.LOGGER.getHandlers())
              .noneMatch(h -> h instanceof BatchingHandler));
      for (Handler h : root.getHandlers()) {
        assertTrue(h.getFormatter() instanceof LogfmtFormatter, "serve's records are logfmt lines");
      }
    } finally {
      formatters.forEach(Handler::setFormatter);
      AccessLog.LOGGER.setLevel(level);
    }
  }
}
