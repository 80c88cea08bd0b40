package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI run as a separate process ({@code java -jar target/chaincast.jar ...}), exactly
 * as a person or a script runs it.
 */
final class CliProcess implements AutoCloseable {
  /** What a finished process left. */
  record Result(int exitCode, String stdout, String stderr) {
    /** The same result with stdout dropped, for commands that print a result before failing. */
    Result withoutStdout() {
      return new Result(exitCode, "", stderr);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private final Process process;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Thread outPump;
  private final Thread errPump;

  private CliProcess(Process process) {
    this.process = process;
    this.outPump = pump(process.getInputStream(), out);
    this.errPump = pump(process.getErrorStream(), err);
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("chaincast.jar", "target/chaincast.jar"));
    assertTrue(
        Files.isRegularFile(jar), "the packaged jar is missing: run 'mvn verify', not 'mvn test'");
    return jar;
  }

  private static Path dataDir;

  /** One scratch data directory per test JVM, for the CLI's in-process servers. */
  static synchronized Path dataDir() {
    if (dataDir == null) {
      try {
        dataDir = Files.createTempDirectory("chaincast-cli-data");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataDir;
  }

  /** Starts {@code chaincast args...}, in the C locale so the CLI must choose UTF-8 itself. */
  static CliProcess start(List<String> args) throws IOException {
    return start(Map.of(), args);
  }

  /** As {@link #start(List)}, with {@code env} set on top (e.g. a UTF-8 LANG). */
  static CliProcess start(Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("LANG", "C");
    // In-process servers store scenarios here, never in the user's ~/.chaincast.
    pb.environment().put("CHAINCAST_DATA_DIR", dataDir().toString());
    pb.environment().remove("LC_ALL");
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new CliProcess(pb.start());
  }

  /** Runs {@code chaincast args...} to the end (at most {@code timeout}). */
  static Result run(Duration timeout, String... args) throws Exception {
    try (CliProcess p = start(List.of(args))) {
      return p.await(timeout);
    }
  }

  static Result run(Map<String, String> env, Duration timeout, String... args) throws Exception {
    try (CliProcess p = start(env, List.of(args))) {
      return p.await(timeout);
    }
  }

  static Result run(String... args) throws Exception {
    return run(Duration.ofSeconds(60), args);
  }

  Result await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not finish within " + timeout + "\n" + stderrSoFar());
    }
    outPump.join(5000);
    errPump.join(5000);
    return new Result(process.exitValue(), text(out), text(err));
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  String stderrSoFar() {
    return text(err);
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static String text(ByteArrayOutputStream bytes) {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                  synchronized (sink) {
                    sink.write(buf, 0, n);
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "cli-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
