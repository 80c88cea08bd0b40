package chaincast.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where the scenario store lives: H2 in the server's data directory (the default), or a PostgreSQL
 * database shared by several servers ({@code serve --store
 * postgresql://USER:PASSWORD@HOST:PORT/DB}, or a {@code jdbc:postgresql://} URL).
 *
 * <p>The password is kept apart from the URL and never shown: {@link #toString()} names the
 * database without it, so the location can go into logs and error messages.
 */
public final class StoreLocation {
  /** Environment variable that selects the store when {@code --store} is not given. */
  public static final String ENV = "CHAINCAST_STORE";

  /** The default: H2 in the data directory. */
  public static final StoreLocation H2 = new StoreLocation(null, null, null, "H2");

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String display;

  private StoreLocation(String jdbcUrl, String user, String password, String display) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.display = display;
  }

  /**
   * Parses a store URL: {@code h2} (the default), {@code
   * postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB[?PARAMS]} or {@code
   * jdbc:postgresql://HOST[:PORT]/DB[?user=..&password=..]}.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong (without the password)
   */
  public static StoreLocation parse(String url) {
    String u = url == null ? "" : url.trim();
    if (u.isEmpty() || u.equalsIgnoreCase("h2")) {
      return H2;
    }
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return fromJdbc(u);
    }
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return fromUri(u);
    }
    throw new IllegalArgumentException(
        "the store must be 'h2' or a PostgreSQL URL such as"
            + " postgresql://USER:PASSWORD@HOST:5432/DB (or jdbc:postgresql://HOST:5432/DB);"
            + " got '"
            + redact(u)
            + "'");
  }

  private static StoreLocation fromUri(String u) {
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "the PostgreSQL store URL '" + redact(u) + "' does not parse: " + e.getReason(), e);
    }
    String host = uri.getHost();
    String path = uri.getRawPath();
    if (host == null || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException(
          "the PostgreSQL store URL '"
              + redact(u)
              + "' must name a host and a database: postgresql://USER:PASSWORD@HOST:PORT/DB");
    }
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + portOf(uri);
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String jdbc = "jdbc:postgresql://" + hostPort + path + query;
    return checked(jdbc, user, password, u);
  }

  private static int portOf(URI uri) {
    return uri.getPort() < 0 ? 5432 : uri.getPort();
  }

  private static StoreLocation fromJdbc(String u) {
    Properties props = Driver.parseURL(u, new Properties());
    if (props == null) {
      throw new IllegalArgumentException(
          "the PostgreSQL store URL '"
              + redact(u)
              + "' does not parse: jdbc:postgresql://HOST:PORT/DB?user=USER&password=PASSWORD");
    }
    return checked(u, null, null, u);
  }

  /** Checks the JDBC URL with the driver's own parser and makes the location. */
  private static StoreLocation checked(String jdbc, String user, String password, String given) {
    Properties props = Driver.parseURL(jdbc, new Properties());
    if (props == null || props.getProperty("PGDBNAME", "").isEmpty()) {
      throw new IllegalArgumentException(
          "the PostgreSQL store URL '" + redact(given) + "' names no database");
    }
    String who = user != null ? user : props.getProperty("user");
    String display =
        "postgresql://"
            + (who == null ? "" : who + "@")
            + props.getProperty("PGHOST")
            + ":"
            + props.getProperty("PGPORT")
            + "/"
            + props.getProperty("PGDBNAME");
    return new StoreLocation(jdbc, user, password, display);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code url} with any password replaced by {@code ***}, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(://[^:/@?#]*:)[^@/?#]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** Whether this is a PostgreSQL database (else H2 in the data directory). */
  public boolean isPostgres() {
    return jdbcUrl != null;
  }

  /** The JDBC URL; it may carry a password, so it is never logged. */
  String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user from a {@code postgresql://} URL, or null (then the JDBC URL or the driver says). */
  String user() {
    return user;
  }

  /** The password from a {@code postgresql://} URL, or null. */
  String password() {
    return password;
  }

  /** The database, without its password: {@code postgresql://USER@HOST:PORT/DB}, or "H2". */
  @Override
  public String toString() {
    return display;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreLocation l
        && Objects.equals(jdbcUrl, l.jdbcUrl)
        && Objects.equals(user, l.user)
        && Objects.equals(password, l.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jdbcUrl, user, password);
  }
}
