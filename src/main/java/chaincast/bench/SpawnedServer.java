package chaincast.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code chaincast serve} in its own JVM, from the classpath this one runs on (the packaged jar),
 * with a heap limit, a fresh data directory, any free gRPC and metrics ports and its stderr (access
 * log included) in a file: what the load driver measures when it is given {@code --spawn-server
 * HEAP}, so one command reruns the whole measurement.
 */
final class SpawnedServer implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("chaincast: serving on [0-9.]+:([0-9]+)");
  private static final Pattern METRICS = Pattern.compile("chaincast: metrics on (http://\\S+)");

  private final Process process;
  private final Path dir;
  private final int port;
  private final URI metrics;

  private SpawnedServer(Process process, Path dir, int port, URI metrics) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.metrics = metrics;
  }

  /** Starts the server with {@code -Xmx<heap>} and waits (up to two minutes) until it serves. */
  static SpawnedServer start(String heap, int threads) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("chaincast-load");
    Path log = dir.resolve("server.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx" + heap,
            "-cp",
            System.getProperty("java.class.path"),
            "chaincast.cli.Main",
            "serve",
            "--port",
            "0",
            "--metrics-port",
            "0",
            "--threads",
            Integer.toString(threads),
            "--data-dir",
            dir.resolve("data").toString());
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < until && p.isAlive()) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Matcher serving = SERVING.matcher(text);
      Matcher endpoint = METRICS.matcher(text);
      if (serving.find() && endpoint.find()) {
        return new SpawnedServer(
            p, dir, Integer.parseInt(serving.group(1)), URI.create(endpoint.group(1)));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IOException(
        "the server did not start; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** {@code 127.0.0.1:PORT} of its gRPC server. */
  String target() {
    return "127.0.0.1:" + port;
  }

  URI metrics() {
    return metrics;
  }

  /** Stops it as Ctrl-C would (graceful shutdown) and deletes its data and log. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
