package chaincast.server;

import chaincast.api.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The tokens a server accepts, each stored as the SHA-256 of the token with a name and roles.
 *
 * <p>A presented token is hashed and its hash compared with every stored hash by {@link
 * MessageDigest#isEqual} (constant time for equal lengths), always all of them, so neither the time
 * to answer nor an early exit tells an attacker how close a guess was or which entry it matched.
 * The server never holds the tokens themselves.
 */
public final class BearerTokens {
  /** A token's name, its roles (already implied ones added), and the SHA-256 of the token. */
  record Entry(String name, Set<Caller.Role> roles, byte[] sha256) {
    Entry {
      roles = Set.copyOf(roles);
      sha256 = sha256.clone();
    }
  }

  /**
   * Characters in a generated token: 32 random bytes, base64url without padding (43 characters).
   */
  private static final int TOKEN_BYTES = 32;

  /** Marks a generated token, so secret scanners and people recognise a leaked one. */
  public static final String TOKEN_PREFIX = "cct_";

  private final List<Entry> entries;
  private final BiPredicate<byte[], byte[]> equal;

  BearerTokens(List<Entry> entries) {
    this(entries, MessageDigest::isEqual);
  }

  /** With the hash comparison given, so a test can see that every entry is compared, by hash. */
  BearerTokens(List<Entry> entries, BiPredicate<byte[], byte[]> equal) {
    this.entries = List.copyOf(entries);
    this.equal = equal;
  }

  /** How many tokens there are. */
  public int size() {
    return entries.size();
  }

  /** The caller {@code token} identifies, {@code token:NAME} with its roles, or empty. */
  public Optional<Caller> authenticate(String token) {
    byte[] presented = sha256(token);
    Entry match = null;
    for (Entry e : entries) {
      // No early exit: every entry costs the same whatever matched.
      if (equal.test(presented, e.sha256()) && match == null) {
        match = e;
      }
    }
    return match == null
        ? Optional.empty()
        : Optional.of(new Caller("token:" + match.name(), match.roles()));
  }

  /** The roles a listed role grants: write includes read, admin includes both. */
  static Set<Caller.Role> implied(Caller.Role role) {
    return switch (role) {
      case READ -> EnumSet.of(Caller.Role.READ);
      case WRITE -> EnumSet.of(Caller.Role.READ, Caller.Role.WRITE);
      case ADMIN -> EnumSet.allOf(Caller.Role.class);
    };
  }

  /** SHA-256 of the token's UTF-8 bytes. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** {@code sha256:HEX}, as the token file holds it. */
  public static String fileHash(String token) {
    return "sha256:" + HexFormat.of().formatHex(sha256(token));
  }

  /**
   * A new random token: {@value #TOKEN_PREFIX} and 256 bits from {@link SecureRandom}, base64url.
   */
  public static String generate() {
    byte[] bytes = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(bytes);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
