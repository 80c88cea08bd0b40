package chaincast.server;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's TLS set-up, read and checked once at start-up: its certificate chain and private key
 * (PEM), and optionally the CA whose client certificates it requires (mutual TLS).
 *
 * <p>The credentials are grpc-java's {@link TlsServerCredentials}, which the Netty transport turns
 * into an ALPN-h2, TLS 1.2+ context (see grpc-java's example-tls).
 *
 * @param credentials what the Netty server is built with
 * @param subject the server certificate's subject, for the start-up log
 * @param clientCerts whether client certificates are required (mutual TLS)
 * @param warnings things the operator should know but that do not stop the server
 */
public record ServerTls(
    ServerCredentials credentials, String subject, boolean clientCerts, List<String> warnings) {
  public ServerTls {
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads and checks the files; {@code clientCa} may be null (no client certificates).
   *
   * @throws ServerSetupException naming the file and what is wrong with it
   */
  public static ServerTls load(Path certChain, Path privateKey, Path clientCa) {
    List<String> warnings = new ArrayList<>();
    byte[] chainPem = PemFiles.read("--tls-cert", certChain);
    List<X509Certificate> chain = PemFiles.certificates("--tls-cert", certChain, chainPem);
    X509Certificate leaf = chain.get(0);
    checkValidity(certChain, leaf, warnings);

    byte[] keyPem = PemFiles.read("--tls-key", privateKey);
    PrivateKey key = PemFiles.privateKey("--tls-key", privateKey, keyPem, leaf.getPublicKey());
    if (!PemFiles.matches(key, leaf.getPublicKey())) {
      throw new ServerSetupException(
          "--tls-key "
              + privateKey
              + " does not belong to the certificate in --tls-cert "
              + certChain
              + " ("
              + leaf.getSubjectX500Principal().getName()
              + "): give the key the certificate was made for");
    }
    FilePermissions.readableByOthers("--tls-key", privateKey).ifPresent(warnings::add);

    TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder();
    try {
      builder.keyManager(new ByteArrayInputStream(chainPem), new ByteArrayInputStream(keyPem));
      if (clientCa != null) {
        byte[] caPem = PemFiles.read("--tls-client-ca", clientCa);
        PemFiles.certificates("--tls-client-ca", clientCa, caPem);
        builder.trustManager(new ByteArrayInputStream(caPem));
        builder.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
    } catch (IOException e) {
      throw new ServerSetupException("the TLS files cannot be used: " + e.getMessage(), e);
    }
    return new ServerTls(
        builder.build(), leaf.getSubjectX500Principal().getName(), clientCa != null, warnings);
  }

  private static void checkValidity(Path file, X509Certificate leaf, List<String> warnings) {
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new ServerSetupException(
          "--tls-cert "
              + file
              + ": the certificate expired on "
              + leaf.getNotAfter().toInstant()
              + "; clients would refuse it. Renew it");
    } catch (CertificateNotYetValidException e) {
      warnings.add(
          "--tls-cert "
              + file
              + ": the certificate is valid only from "
              + leaf.getNotBefore().toInstant()
              + "; clients refuse it until then (is the clock right?)");
    }
  }
}
