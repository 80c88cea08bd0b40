package chaincast.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chaincast serve} in a JVM of its own, as an operator runs it: {@code java -cp CLASSPATH
 * chaincast.cli.Main serve --port 0 --data-dir DIR ...}. It can be killed with SIGKILL (no shutdown
 * hook, no flush) or stopped with SIGTERM (graceful).
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("serving on [0-9.]+:([0-9]+)");
  private static final int KEPT_LINES = 40;

  private final Process process;
  private final int port;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private int compactions;
  private int resubmissions;

  private ServerProcess(Process process, int port, BufferedReader out) {
    this.process = process;
    this.port = port;
    Thread drain =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  keep(line);
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "server-output");
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param classpath the classpath with Chaincast and its dependencies (a jar or a test classpath)
   * @param jvmArgs JVM options, e.g. -Xmx256m
   * @param dataDir its scenario store's directory
   * @param serveArgs more {@code serve} options
   * @param startTimeoutSeconds how long it may take to listen
   */
  public static ServerProcess start(
      String classpath,
      List<String> jvmArgs,
      Path dataDir,
      List<String> serveArgs,
      long startTimeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(
        List.of("-cp", classpath, "chaincast.cli.Main", "serve", "--port", "0", "--threads", "1"));
    command.addAll(List.of("--data-dir", dataDir.toString()));
    command.addAll(serveArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> early = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  early.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                    return;
                  }
                }
                port.completeExceptionally(
                    new IOException("the server exited before listening: " + early));
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
            },
            "server-start");
    reader.setDaemon(true);
    reader.start();
    try {
      int bound = port.get(startTimeoutSeconds, TimeUnit.SECONDS);
      reader.join();
      ServerProcess server = new ServerProcess(p, bound, out);
      early.forEach(server::keep);
      return server;
    } catch (TimeoutException | ExecutionException e) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new IOException(
          "the server did not start within " + startTimeoutSeconds + " s: " + early, e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** SIGKILL: the process dies at once, with no shutdown hook and nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM: the server shuts down gracefully; waits for it to exit. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  /** The last lines it printed, for diagnostics. */
  public synchronized List<String> lastLines() {
    return List.copyOf(lastLines);
  }

  /** How many times the server logged a compaction of its scenario store. */
  public synchronized int compactions() {
    return compactions;
  }

  /** How many times the server logged a cluster range resubmitted after a member failed. */
  public synchronized int resubmissions() {
    return resubmissions;
  }

  private synchronized void keep(String line) {
    if (line.contains("compacted the scenario store")) {
      compactions++;
    }
    if (line.contains("resubmitted")) {
      resubmissions++;
    }
    lastLines.addLast(line);
    if (lastLines.size() > KEPT_LINES) {
      lastLines.removeFirst();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
