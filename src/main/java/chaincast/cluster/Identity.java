package chaincast.cluster;

import chaincast.engine.MonteCarloEngine;
import chaincast.model.Model;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What a member must share with the coordinator to simulate its blocks: the model (a digest of the
 * seeds it was loaded from) and the engine (a digest of the engine's compiled classes, so any
 * change to the engine's code, which may change its numbers, makes another version).
 *
 * @param modelDigest SHA-256 (hex) of the model's seed, serialised deterministically
 * @param engineVersion SHA-256 (hex) of the classes of package {@code chaincast.engine}
 */
public record Identity(String modelDigest, String engineVersion) {

  /** The identity of a member serving {@code model} with this build's engine. */
  public static Identity of(Model model) {
    return new Identity(modelDigest(model), thisEngineVersion());
  }

  /** SHA-256 of the model's seed, serialised deterministically (the same bytes on any machine). */
  public static String modelDigest(Model model) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      model.toSeed().writeTo(out);
      out.flush();
      return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the model", e);
    }
  }

  private static volatile String thisEngine;

  /**
   * SHA-256 of the engine's class files (names and bytes, in name order), from the jar or the
   * classes directory this build runs from; computed once.
   */
  public static String thisEngineVersion() {
    String v = thisEngine;
    if (v == null) {
      v = computeEngineVersion();
      thisEngine = v;
    }
    return v;
  }

  private static String computeEngineVersion() {
    MessageDigest digest = sha256();
    try {
      Path from =
          Path.of(
              MonteCarloEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(from)) {
        Path dir = from.resolve("chaincast").resolve("engine");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
          files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path p : files) {
          digest.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
          digest.update(Files.readAllBytes(p));
        }
      } else {
        try (JarFile jar = new JarFile(from.toFile())) {
          List<JarEntry> entries = new ArrayList<>();
          for (JarEntry e : Collections.list(jar.entries())) {
            if (e.getName().startsWith("chaincast/engine/") && e.getName().endsWith(".class")) {
              entries.add(e);
            }
          }
          entries.sort((a, b) -> a.getName().compareTo(b.getName()));
          for (JarEntry e : entries) {
            digest.update(
                e.getName()
                    .substring("chaincast/engine/".length())
                    .getBytes(StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(e)) {
              digest.update(in.readAllBytes());
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot read the engine's classes for its version", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The first 12 hex digits, for messages. */
  static String shortly(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }
}
