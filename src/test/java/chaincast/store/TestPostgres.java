package chaincast.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL for the tests (never a mock).
 *
 * <p>With {@code CHAINCAST_TEST_POSTGRES_URL=postgresql://USER[:PASSWORD]@HOST:PORT/DB} set (what
 * {@code .ci/run} exports), tests create their databases on that server. Otherwise this class runs
 * a cluster of its own for the test JVM: it finds {@code initdb} and {@code pg_ctl} (on the PATH,
 * then in {@code /usr/lib/postgresql/VERSION/bin}, as Debian's {@code postgresql} package installs
 * them), runs {@code initdb} into a temporary directory (through {@code runuser -u postgres} when
 * run as root, since initdb refuses root), starts it on a free 127.0.0.1 port with {@code fsync}
 * on, and stops and deletes it when the JVM exits. Without PostgreSQL binaries the tests fail,
 * saying to install PostgreSQL.
 */
public final class TestPostgres {
  /** Environment variable naming a server to use instead of a cluster of our own. */
  public static final String URL_ENV = "CHAINCAST_TEST_POSTGRES_URL";

  private static final AtomicInteger databases = new AtomicInteger();
  private static TestPostgres shared;

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String adminDatabase;

  /** Our own cluster's directory and binaries; null for a server named by the environment. */
  private final Path dir;

  private final Path bin;

  private TestPostgres(
      String host, int port, String user, String password, String adminDb, Path dir, Path bin) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.adminDatabase = adminDb;
    this.dir = dir;
    this.bin = bin;
  }

  /** The server all tests of this JVM share: the environment's, or one started on first use. */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      String env = System.getenv(URL_ENV);
      shared = env == null || env.isBlank() ? startPrivate() : fromUrl(env);
    }
    return shared;
  }

  private static TestPostgres fromUrl(String url) {
    URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
    String info = uri.getUserInfo();
    String user = info == null ? "postgres" : info.split(":", 2)[0];
    String password = info == null || !info.contains(":") ? null : info.split(":", 2)[1];
    String db = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath();
    return new TestPostgres(
        uri.getHost(),
        uri.getPort() < 0 ? 5432 : uri.getPort(),
        user,
        password,
        db.replaceFirst("^/", ""),
        null,
        null);
  }

  /**
   * A cluster of its own (for tests that stop and start the server), stopped and deleted when the
   * JVM exits.
   */
  public static TestPostgres startPrivate() {
    Path bin = findBinaries();
    try {
      Path dir = Files.createTempDirectory("chaincast-pg");
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      TestPostgres pg =
          new TestPostgres("127.0.0.1", freePort(), "chaincast", null, "postgres", dir, bin);
      pg.run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-U",
              "chaincast",
              "--auth=trust",
              "-E",
              "UTF8",
              "--no-locale"));
      Runtime.getRuntime().addShutdownHook(new Thread(pg::destroy, "test-postgres-stop"));
      pg.startServer();
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a test PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** Starts (again) our own cluster and waits until it accepts connections. */
  public void startServer() throws IOException {
    requireOwn();
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "120",
            "-o",
            "-p "
                + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                + dir
                + " -c fsync=on -c synchronous_commit=on -c max_connections=200",
            "start"));
  }

  /** Stops our own cluster at once ({@code -m immediate}: as if the database crashed). */
  public void stopServer() throws IOException {
    requireOwn();
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"));
  }

  private void requireOwn() {
    if (dir == null) {
      throw new IllegalStateException("this PostgreSQL was not started by the tests");
    }
  }

  /**
   * A new, empty database on this server; returns its {@code postgresql://} URL (as {@code serve
   * --store} takes it).
   */
  public String newDatabase() {
    String name =
        "chaincast_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbc(adminDatabase), user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return url(name);
  }

  /** The {@code postgresql://} URL of {@code database} on this server. */
  public String url(String database) {
    return "postgresql://"
        + user
        + (password == null ? "" : ":" + password)
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database;
  }

  private String jdbc(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  // ------------------------------------------------------------------ processes

  private static Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!d.isEmpty()) {
        candidates.add(Path.of(d));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .sorted(Comparator.comparing(TestPostgres::majorVersion).reversed())
            .forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException e) {
        // then only the PATH
      }
    }
    Optional<Path> found =
        candidates.stream()
            .filter(
                d ->
                    Files.isExecutable(d.resolve("initdb"))
                        && Files.isExecutable(d.resolve("pg_ctl")))
            .findFirst();
    return found.orElseThrow(
        () ->
            new IllegalStateException(
                "the PostgreSQL tests need a real PostgreSQL: install it (Debian: apt-get install"
                    + " postgresql; .ci/run does) so that initdb and pg_ctl are on the PATH or in"
                    + " /usr/lib/postgresql/VERSION/bin, or set "
                    + URL_ENV
                    + "=postgresql://USER:PASSWORD@HOST:PORT/postgres"));
  }

  private static int majorVersion(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Runs a PostgreSQL tool (as user postgres when we are root); fails with its output. */
  private void run(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path out = Files.createTempFile("chaincast-pg-tool", ".log");
    try {
      Process p =
          new ProcessBuilder(full)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", full) + " did not finish in 180 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", full)
                + " exited with "
                + p.exitValue()
                + ":\n"
                + Files.readString(out, StandardCharsets.UTF_8)
                + serverLog());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + full, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private String serverLog() {
    try {
      Path log = dir.resolve("server.log");
      return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void destroy() {
    try {
      if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
        stopServer();
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("test PostgreSQL in " + dir + " did not stop: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "PostgreSQL on %s:%d (%s)", host, port, dir == null ? "from " + URL_ENV : dir);
  }
}
