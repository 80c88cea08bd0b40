package chaincast.cli;

import chaincast.server.PemFiles;
import chaincast.server.ServerSetupException;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a client command proves the server is the right one (TLS) and who the caller is (a bearer
 * token, a client certificate). Each option has an environment variable; the option wins.
 *
 * <p>A token is best given in a file ({@code --token-file}) or the environment: a command line is
 * visible to every user of the machine ({@code ps}, /proc) and stays in shell history. Only calls
 * to {@code --server} use these; the in-process server needs none.
 */
final class ClientSecurityOptions {
  static final String TOKEN_ENV = "CHAINCAST_TOKEN";
  static final String TOKEN_FILE_ENV = "CHAINCAST_TOKEN_FILE";
  static final String TLS_CA_ENV = "CHAINCAST_TLS_CA";

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description =
          "Call --server over TLS, trusting the CA certificates in this PEM file (env CHAINCAST_TLS_CA).")
  Path tlsCa;

  @Option(
      names = "--tls",
      description =
          "Call --server over TLS, trusting the JVM's default CAs (for a publicly trusted certificate).")
  boolean tls;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Client certificate chain (PEM) for a server that requires one; needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The client certificate's private key (PEM, PKCS#8).")
  Path tlsKey;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Send the bearer token in this file's first line (env CHAINCAST_TOKEN_FILE).")
  Path tokenFile;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Send this bearer token (env CHAINCAST_TOKEN). Prefer --token-file or the environment:"
              + " a command line is visible to other users and kept in shell history.")
  String token;

  /** Problems with these options, as messages for a usage error. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /**
   * Channel credentials for {@code --server}, from the options and {@code env}.
   *
   * @throws Invalid naming the option and the fix (never the token)
   */
  ChannelCredentials credentials(Map<String, String> env) throws Invalid {
    Path ca = tlsCa != null ? tlsCa : pathFromEnv(env, TLS_CA_ENV);
    ChannelCredentials channel = InsecureChannelCredentials.create();
    if (ca != null || tls || tlsCert != null || tlsKey != null) {
      channel = tlsCredentials(ca);
    }
    String bearer = bearerToken(env);
    return bearer == null
        ? channel
        : CompositeChannelCredentials.create(channel, new BearerCredentials(bearer));
  }

  /** Whether any option here was given on the command line (they need --server). */
  boolean anyGiven() {
    return tlsCa != null
        || tls
        || tlsCert != null
        || tlsKey != null
        || tokenFile != null
        || token != null;
  }

  private ChannelCredentials tlsCredentials(Path ca) throws Invalid {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new Invalid("--tls-cert and --tls-key go together");
    }
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    try {
      // Checked here with the JDK so a wrong file is named; Netty would only say "invalid".
      if (ca != null) {
        String option = tlsCa != null ? "--tls-ca" : TLS_CA_ENV;
        byte[] pem = PemFiles.read(option, ca);
        PemFiles.certificates(option, ca, pem);
        builder.trustManager(new ByteArrayInputStream(pem));
      }
      if (tlsCert != null) {
        byte[] chain = PemFiles.read("--tls-cert", tlsCert);
        PublicKey publicKey =
            PemFiles.certificates("--tls-cert", tlsCert, chain).get(0).getPublicKey();
        byte[] key = PemFiles.read("--tls-key", tlsKey);
        if (!PemFiles.matches(
            PemFiles.privateKey("--tls-key", tlsKey, key, publicKey), publicKey)) {
          throw new Invalid(
              "--tls-key "
                  + tlsKey
                  + " does not belong to the certificate in --tls-cert "
                  + tlsCert);
        }
        builder.keyManager(new ByteArrayInputStream(chain), new ByteArrayInputStream(key));
      }
    } catch (ServerSetupException e) {
      throw new Invalid(e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new Invalid("the TLS files cannot be used: " + e.getMessage());
    }
    return builder.build();
  }

  private String bearerToken(Map<String, String> env) throws Invalid {
    String value;
    String source;
    if (token != null) {
      value = token;
      source = "--token";
    } else if (tokenFile != null) {
      value = firstLine("--token-file", tokenFile);
      source = "--token-file " + tokenFile;
    } else if (nonBlank(env.get(TOKEN_ENV))) {
      value = env.get(TOKEN_ENV);
      source = TOKEN_ENV;
    } else if (nonBlank(env.get(TOKEN_FILE_ENV))) {
      Path file = Path.of(env.get(TOKEN_FILE_ENV));
      value = firstLine(TOKEN_FILE_ENV, file);
      source = TOKEN_FILE_ENV + "=" + file;
    } else {
      return null;
    }
    value = value.strip();
    if (value.isEmpty()) {
      throw new Invalid(source + ": the token is empty");
    }
    if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // gRPC metadata is ASCII; say where the bad token came from, never what it is.
      throw new Invalid(source + ": a token is printable ASCII without spaces; this one is not");
    }
    return value;
  }

  private static String firstLine(String option, Path file) throws Invalid {
    try {
      String text = Files.readString(readable(option, file), StandardCharsets.UTF_8);
      return text.lines().filter(ClientSecurityOptions::nonBlank).findFirst().orElse("");
    } catch (IOException e) {
      throw new Invalid(option + " " + file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static Path readable(String option, Path file) throws Invalid {
    if (!Files.exists(file)) {
      throw new Invalid(option + " " + file + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new Invalid(option + " " + file + ": not readable by this user");
    }
    return file;
  }

  private static Path pathFromEnv(Map<String, String> env, String name) {
    String v = env.get(name);
    return nonBlank(v) ? Path.of(v) : null;
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }
}
