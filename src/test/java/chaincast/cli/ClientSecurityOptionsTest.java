package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.server.TestPki;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which credentials the client options and environment make, and how bad ones are reported. */
class ClientSecurityOptionsTest {
  @TempDir Path dir;

  private static ClientSecurityOptions options() {
    return new ClientSecurityOptions();
  }

  private static String invalid(ClientSecurityOptions o, Map<String, String> env) {
    return assertThrows(ClientSecurityOptions.Invalid.class, () -> o.credentials(env)).getMessage();
  }

  @Test
  void plaintextUnlessAskedOtherwise() throws Exception {
    assertTrue(options().credentials(Map.of()) instanceof InsecureChannelCredentials);
    ChannelCredentials withToken =
        options().credentials(Map.of(ClientSecurityOptions.TOKEN_ENV, "cct_x"));
    assertTrue(
        withToken instanceof CompositeChannelCredentials c
            && c.getChannelCredentials() instanceof InsecureChannelCredentials);
    ChannelCredentials tls =
        options()
            .credentials(
                Map.of(ClientSecurityOptions.TLS_CA_ENV, TestPki.file("ca.pem").toString()));
    assertTrue(tls instanceof TlsChannelCredentials, String.valueOf(tls));
    ClientSecurityOptions system = options();
    system.tls = true;
    assertTrue(system.credentials(Map.of()) instanceof TlsChannelCredentials);
  }

  @Test
  void wrongTlsFilesAreNamed() throws Exception {
    ClientSecurityOptions swapped = options();
    swapped.tlsCa = TestPki.file("ca.key");
    assertTrue(
        invalid(swapped, Map.of())
            .startsWith("--tls-ca " + swapped.tlsCa + ": holds no certificate"));
    assertTrue(
        invalid(options(), Map.of(ClientSecurityOptions.TLS_CA_ENV, "/no/such/ca.pem"))
            .equals("CHAINCAST_TLS_CA /no/such/ca.pem: no such file"));
    ClientSecurityOptions mismatched = options();
    mismatched.tlsCa = TestPki.file("ca.pem");
    mismatched.tlsCert = TestPki.file("client.pem");
    mismatched.tlsKey = TestPki.file("rogue.key");
    assertEquals(
        "--tls-key "
            + mismatched.tlsKey
            + " does not belong to the certificate in --tls-cert "
            + mismatched.tlsCert,
        invalid(mismatched, Map.of()));
    mismatched.tlsKey = null;
    assertEquals("--tls-cert and --tls-key go together", invalid(mismatched, Map.of()));
  }

  @Test
  void badTokensSayWhereTheyCameFromNeverWhatTheyAre() throws Exception {
    ClientSecurityOptions spaced = options();
    spaced.token = "cct_secret with space";
    String message = invalid(spaced, Map.of());
    assertEquals("--token: a token is printable ASCII without spaces; this one is not", message);
    assertFalse(message.contains("secret"));
    Path empty = Files.writeString(dir.resolve("empty.token"), "\n\n");
    assertEquals(
        "CHAINCAST_TOKEN_FILE=" + empty + ": the token is empty",
        invalid(options(), Map.of(ClientSecurityOptions.TOKEN_FILE_ENV, empty.toString())));
    ClientSecurityOptions missing = options();
    missing.tokenFile = dir.resolve("missing.token");
    assertEquals(
        "--token-file " + missing.tokenFile + ": no such file", invalid(missing, Map.of()));
    ClientSecurityOptions nonAscii = options();
    nonAscii.tokenFile = Files.writeString(dir.resolve("utf8.token"), "cct_令牌\n");
    assertTrue(
        invalid(nonAscii, Map.of())
            .startsWith("--token-file " + nonAscii.tokenFile + ": a token is printable ASCII"));
  }
}
