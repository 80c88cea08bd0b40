package chaincast.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA, server and client certificates for the TLS tests, made once per test JVM by
 * {@code src/test/scripts/make-test-pki.sh} (openssl), so no private key is ever committed.
 */
public final class TestPki {
  private static Path dir;

  private TestPki() {}

  /** The directory with ca.pem, server.pem/key, client.pem/key, other-ca.pem, rogue.pem/key. */
  public static synchronized Path dir() {
    if (dir == null) {
      try {
        Path target = Files.createTempDirectory("chaincast-test-pki");
        Path script = Path.of("src/test/scripts/make-test-pki.sh").toAbsolutePath();
        Process p =
            new ProcessBuilder("sh", script.toString(), target.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException(
              "making the test certificates failed (is openssl installed? .ci/run installs it): "
                  + output);
        }
        dir = target;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot run " + "make-test-pki.sh (is openssl installed?)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return dir;
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  /**
   * The server's TLS set-up: server.pem and server.key, client certificates from ca.pem when {@code
   * mutual}.
   */
  public static ServerTls serverTls(boolean mutual) {
    return ServerTls.load(file("server.pem"), file("server.key"), mutual ? file("ca.pem") : null);
  }
}
