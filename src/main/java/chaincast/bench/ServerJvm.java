package chaincast.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chaincast serve} in a JVM of its own, with its own heap, as an operator starts it (for
 * measurements and tests that need a small heap the caller's JVM does not have). Keeps everything
 * the server prints.
 */
public final class ServerJvm implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("serving on [0-9.]+:([0-9]+)");

  private final Process process;
  private final int port;

  // Appended by the thread reading the process, read by the caller: the synchronized buffer.
  @SuppressWarnings("JdkObsolete")
  private final StringBuffer output = new StringBuffer();

  /**
   * Starts the server on a free loopback port and waits until it listens.
   *
   * @param heap the -Xmx value, e.g. "256m"
   * @param dataDir the scenario store's directory
   * @param args more {@code serve} options
   */
  public ServerJvm(String heap, Path dataDir, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                "chaincast.cli.Main",
                "serve",
                "--port",
                "0"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("CHAINCAST_DATA_DIR", dataDir.toString());
    pb.redirectErrorStream(true);
    process = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      output.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.lines().forEach(l -> output.append(l).append('\n'));
                  } catch (UncheckedIOException closed) {
                    // the process ended and its output with it
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server process did not start:\n" + output);
  }

  /** The port it listens on (loopback). */
  public int port() {
    return port;
  }

  /** Everything the server printed so far. */
  public String output() {
    return output.toString();
  }

  /** Stops it with SIGTERM (its graceful shutdown), then SIGKILL if it hangs. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
