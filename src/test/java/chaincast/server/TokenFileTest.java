package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.api.Caller;
import chaincast.api.Caller.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file's format, its errors, its permissions, and how tokens are compared. */
class TokenFileTest {
  @TempDir Path dir;

  private static String line(String name, String roles, String token) {
    return name + " " + roles + " " + BearerTokens.fileHash(token) + "\n";
  }

  @Test
  void rolesImplyTheLowerOnes() {
    String r = BearerTokens.generate();
    String w = BearerTokens.generate();
    String a = BearerTokens.generate();
    String ra = BearerTokens.generate();
    BearerTokens tokens =
        TokenFile.parse(
            "t",
            "# comment\n\n  "
                + line("dash.board", "read", r)
                + "\r\n"
                + line("plan@ner", "WRITE", w)
                + line("ops", "admin", a)
                + "   # indented comment\n"
                + line("x-1_y", "read,admin", ra));
    assertEquals(4, tokens.size());
    assertEquals(
        Optional.of(new Caller("token:dash.board", EnumSet.of(Role.READ))), tokens.authenticate(r));
    assertEquals(
        Optional.of(new Caller("token:plan@ner", EnumSet.of(Role.READ, Role.WRITE))),
        tokens.authenticate(w));
    assertEquals(
        Set.copyOf(EnumSet.allOf(Role.class)), tokens.authenticate(a).orElseThrow().roles());
    assertEquals(
        Set.copyOf(EnumSet.allOf(Role.class)), tokens.authenticate(ra).orElseThrow().roles());
    assertEquals(Optional.empty(), tokens.authenticate(BearerTokens.generate()));
    assertEquals(Optional.empty(), tokens.authenticate(""));
  }

  @Test
  void theHashMayBeUpperCaseHexAsSomeToolsPrintIt() {
    String t = BearerTokens.generate();
    String upper = "sha256:" + BearerTokens.fileHash(t).substring(7).toUpperCase(Locale.ROOT);
    assertTrue(TokenFile.parse("t", "n read " + upper).authenticate(t).isPresent());
  }

  @Test
  void generatedTokensAreRandomAndUrlSafe() {
    String a = BearerTokens.generate();
    String b = BearerTokens.generate();
    assertFalse(a.equals(b));
    assertTrue(a.matches("cct_[A-Za-z0-9_-]{43}"), a);
    // The hash is the SHA-256 of the UTF-8 bytes, as `printf %s TOKEN | sha256sum` prints it.
    assertEquals(
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        BearerTokens.fileHash("abc"));
  }

  @Test
  void badLinesAreReportedByLineNumberWithoutEchoingATokenPastedByMistake() {
    String t = BearerTokens.generate();
    String good = line("a", "read", t);
    assertError("t line 2: expected 3 fields 'NAME ROLES sha256:HEX', found 2", good + "b read\n");
    assertError("t line 1: the name must be 1-64 of", "bad/name read " + BearerTokens.fileHash(t));
    assertError(
        "t line 1: the name must be 1-64 of", "x".repeat(65) + " read " + BearerTokens.fileHash(t));
    assertError(
        "t line 1: unknown role 'reader'; roles are read, write and admin",
        "a reader " + BearerTokens.fileHash(t));
    assertError("t line 1: unknown role; roles are", "a " + t + " " + BearerTokens.fileHash(t));
    String pasted = BearerTokens.generate();
    ServerSetupException e =
        assertError("t line 2: the third field must be 'sha256:'", good + "b read " + pasted);
    assertFalse(e.getMessage().contains(pasted), "the pasted token is not repeated");
    assertError("sha256:", "a read sha256:abc");
    assertError(
        "t line 2: the name 'a' is used twice", good + line("a", "write", BearerTokens.generate()));
    assertError("t line 2: the same token hash is listed twice", good + line("b", "write", t));
    assertError("t: lists no token, so no client could call", "# only a comment\n\n");
  }

  private static ServerSetupException assertError(String expected, String text) {
    ServerSetupException e =
        assertThrows(ServerSetupException.class, () -> TokenFile.parse("t", text));
    assertTrue(
        e.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + e.getMessage());
    return e;
  }

  @Test
  void aFileOthersCanWriteIsRefused() throws Exception {
    Path file = dir.resolve("tokens.txt");
    Files.writeString(file, line("a", "read", BearerTokens.generate()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    ServerSetupException e = assertThrows(ServerSetupException.class, () -> TokenFile.load(file));
    assertEquals(
        "--token-file "
            + file
            + ": other users may write it (mode 0664), so they could give themselves any role;"
            + " run: chmod go-w "
            + file,
        e.getMessage());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(1, TokenFile.load(file).size(), "hashes only: others may read it");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r---w-"));
    assertThrows(ServerSetupException.class, () -> TokenFile.load(file));
  }

  @Test
  void aMissingOrBinaryFileIsReported() throws Exception {
    Path missing = dir.resolve("missing.txt");
    assertEquals(
        "--token-file " + missing + ": no such file",
        assertThrows(ServerSetupException.class, () -> TokenFile.load(missing)).getMessage());
    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
    assertEquals(
        "--token-file " + binary + ": not UTF-8 text",
        assertThrows(ServerSetupException.class, () -> TokenFile.load(binary)).getMessage());
  }

  /**
   * What the comparison sees: for any presented token, every entry is compared (no early exit,
   * whichever matches) and only SHA-256 hashes are compared, never the token's own bytes, so the
   * comparison's time does not depend on how many leading characters of a guess are right.
   */
  @Test
  void everyEntryIsComparedByHashInConstantTime() {
    List<String> tokens = new ArrayList<>();
    List<BearerTokens.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tokens.add(BearerTokens.generate());
      entries.add(
          new BearerTokens.Entry(
              "t" + i, EnumSet.of(Role.READ), BearerTokens.sha256(tokens.get(i))));
    }
    List<byte[][]> compared = new ArrayList<>();
    BearerTokens table =
        new BearerTokens(
            entries,
            (a, b) -> {
              compared.add(new byte[][] {a.clone(), b.clone()});
              return MessageDigest.isEqual(a, b);
            });
    List<String> presented = new ArrayList<>(tokens);
    presented.add(BearerTokens.generate());
    presented.add(tokens.get(0).substring(0, 20)); // a prefix of a real token
    for (String token : presented) {
      compared.clear();
      Optional<Caller> who = table.authenticate(token);
      assertEquals(entries.size(), compared.size(), "every entry compared, whichever matched");
      for (int i = 0; i < compared.size(); i++) {
        assertArrayEquals(
            BearerTokens.sha256(token), compared.get(i)[0], "the presented token's hash");
        assertArrayEquals(entries.get(i).sha256(), compared.get(i)[1]);
        assertEquals(32, compared.get(i)[0].length);
      }
      int index = tokens.indexOf(token);
      assertEquals(
          index < 0 ? Optional.empty() : Optional.of("token:t" + index), who.map(Caller::id));
    }
    // The production comparison is MessageDigest.isEqual: constant time for equal lengths.
    assertTrue(new BearerTokens(entries).authenticate(tokens.get(3)).isPresent());
    assertFalse(new String(BearerTokens.sha256("x"), StandardCharsets.ISO_8859_1).contains("x"));
  }
}
