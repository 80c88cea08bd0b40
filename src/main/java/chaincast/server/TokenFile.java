package chaincast.server;

import chaincast.api.Caller;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the token file of {@code chaincast serve --token-file}. One token a line:
 *
 * <pre>
 * # NAME     ROLES        SHA-256 OF THE TOKEN
 * planner    write        sha256:d8c2ecdb0d8562c3d7924e6ad24a1080d72c55ccbf365ed3011cd4d45d9da1c7
 * dashboard  read         sha256:...
 * ops        admin        sha256:...
 * </pre>
 *
 * <p>NAME is 1–64 of {@code A-Z a-z 0-9 . _ @ -} and names the caller ({@code token:NAME}) in
 * quotas, queues and logs; ROLES is a comma-separated list of {@code read}, {@code write}, {@code
 * admin} (write includes read, admin includes everything); the hash is the SHA-256 of the token's
 * UTF-8 bytes in hex. Blank lines and lines starting with {@code #} are ignored. The file holds no
 * token, only hashes; it must not be writable by other users.
 */
public final class TokenFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");
  private static final String OPTION = "--token-file";

  private TokenFile() {}

  /**
   * The tokens in {@code file}.
   *
   * @throws ServerSetupException naming the line and what is wrong, or the file's permissions
   */
  public static BearerTokens load(Path file) {
    byte[] bytes = PemFiles.read(OPTION, file);
    FilePermissions.refuseWritableByOthers(OPTION, file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ServerSetupException(OPTION + " " + file + ": not UTF-8 text");
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses a token file's text; {@code where} names it in messages.
   *
   * @throws ServerSetupException naming the line and what is wrong
   */
  public static BearerTokens parse(String where, String text) {
    List<BearerTokens.Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String at = OPTION + " " + where + " line " + (i + 1) + ": ";
      BearerTokens.Entry entry = entry(at, line.split("\\s+"));
      if (!names.add(entry.name())) {
        throw new ServerSetupException(
            at + "the name '" + entry.name() + "' is used twice; names must be unique");
      }
      if (!hashes.add(HexFormat.of().formatHex(entry.sha256()))) {
        throw new ServerSetupException(
            at + "the same token hash is listed twice; give each client its own token");
      }
      entries.add(entry);
    }
    if (entries.isEmpty()) {
      throw new ServerSetupException(
          OPTION
              + " "
              + where
              + ": lists no token, so no client could call; add lines 'NAME ROLES sha256:HEX'"
              + " (chaincast token makes one)");
    }
    return new BearerTokens(entries);
  }

  private static BearerTokens.Entry entry(String at, String[] fields) {
    if (fields.length != 3) {
      throw new ServerSetupException(
          at + "expected 3 fields 'NAME ROLES sha256:HEX', found " + fields.length);
    }
    String name = fields[0];
    if (!NAME.matcher(name).matches()) {
      throw new ServerSetupException(at + "the name must be 1-64 of A-Z a-z 0-9 . _ @ -");
    }
    Set<Caller.Role> roles = roles(at, fields[1]);
    // Never echo the third field: it may be a token pasted by mistake.
    if (!HASH.matcher(fields[2]).matches()) {
      throw new ServerSetupException(
          at
              + "the third field must be 'sha256:' and the 64 hex digits of the token's SHA-256"
              + " (printf %s \"$TOKEN\" | sha256sum), not the token itself");
    }
    byte[] hash =
        HexFormat.of().parseHex(fields[2].substring("sha256:".length()).toLowerCase(Locale.ROOT));
    return new BearerTokens.Entry(name, roles, hash);
  }

  private static Set<Caller.Role> roles(String at, String list) {
    Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
    for (String r : list.split(",", -1)) {
      Caller.Role role =
          switch (r.toLowerCase(Locale.ROOT)) {
            case "read" -> Caller.Role.READ;
            case "write" -> Caller.Role.WRITE;
            case "admin" -> Caller.Role.ADMIN;
            default ->
                throw new ServerSetupException(
                    at
                        + "unknown role"
                        + (r.length() <= 16
                            ? " '" + r + "'"
                            : "") // a long one may be a misplaced token
                        + "; roles are read, write and admin (comma-separated)");
          };
      roles.addAll(BearerTokens.implied(role));
    }
    return roles;
  }
}
