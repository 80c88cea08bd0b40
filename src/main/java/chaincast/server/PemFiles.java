package chaincast.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys with the JDK alone, so a wrong file is reported at
 * start-up by name and with the fix, instead of as a TLS handshake failure on the first call. The
 * server checks its files with it, and the CLI its --tls-ca and client certificate. Every method
 * throws {@link ServerSetupException} with a message that starts with the option and file.
 */
public final class PemFiles {
  private static final Pattern KEY_BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemFiles() {}

  /** The file's bytes; {@code option} names the command-line option for the message. */
  public static byte[] read(String option, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ServerSetupException(option + " " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ServerSetupException(
          option + " " + file + ": not readable by this user (check its permissions)");
    } catch (IOException e) {
      throw new ServerSetupException(
          option + " " + file + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** Every certificate in a PEM file, in order; at least one. */
  public static List<X509Certificate> certificates(String option, Path file, byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new ServerSetupException(
          option
              + " "
              + file
              + ": holds no certificate (expected PEM blocks '-----BEGIN CERTIFICATE-----')"
              + (KEY_BLOCK.matcher(text).find()
                  ? "; it holds a private key: is it the --tls-key file?"
                  : ""));
    }
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        certificates.add((X509Certificate) c);
      }
      return certificates;
    } catch (CertificateException e) {
      throw new ServerSetupException(
          option + " " + file + ": a certificate in it cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The unencrypted PKCS#8 private key in {@code pem}, of the algorithm of {@code publicKey} (RSA
   * or EC). Other PEM key forms get a message with the openssl command that converts them.
   */
  public static PrivateKey privateKey(String option, Path file, byte[] pem, PublicKey publicKey) {
    Matcher m = KEY_BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new ServerSetupException(
          option
              + " "
              + file
              + ": holds no PEM private key (expected '-----BEGIN PRIVATE KEY-----')");
    }
    String kind = m.group(1);
    if (kind.equals("ENCRYPTED PRIVATE KEY")) {
      throw new ServerSetupException(
          option
              + " "
              + file
              + ": the key is encrypted; give an unencrypted PKCS#8 key"
              + " (protect it with file permissions): openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    if (!kind.equals("PRIVATE KEY")) {
      throw new ServerSetupException(
          option
              + " "
              + file
              + ": holds a '"
              + kind
              + "' (PKCS#1/SEC1); convert it to PKCS#8 with:"
              + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    String algorithm = publicKey.getAlgorithm();
    if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
      throw new ServerSetupException(
          option
              + " "
              + file
              + ": "
              + algorithm
              + " keys are not supported; use an RSA or EC (P-256/P-384) key");
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new ServerSetupException(
          option
              + " "
              + file
              + ": not an "
              + algorithm
              + " private key, but the certificate's key is "
              + algorithm
              + " (is it the key of another certificate?)",
          e);
    }
  }

  /**
   * Whether {@code privateKey} belongs to {@code publicKey}: it signs a random challenge that the
   * public key must verify. This works for every key type, unlike comparing moduli.
   */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    String algorithm = publicKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an EC key on another curve: it cannot be this certificate's key
    }
  }
}
