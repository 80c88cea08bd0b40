package chaincast.cli;

import chaincast.server.BearerTokens;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaincast token}: makes a random bearer token, writes it to a new file only its owner can
 * read, and prints the line for the server's token file, which holds only the token's hash.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Make a bearer token for 'serve --token-file': the token goes to --out (a new file, mode 600),",
      "the line for the server's token file to stdout. Example:",
      "  chaincast token --name planner --role write --out planner.token >> tokens.txt"
    })
final class TokenCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  /** The roles a token file knows. */
  enum Role {
    READ,
    WRITE,
    ADMIN
  }

  @Option(
      names = "--name",
      required = true,
      description = "Who the token is for (1-64 of A-Z a-z 0-9 . _ @ -).")
  String name;

  @Option(
      names = "--role",
      required = true,
      split = ",",
      description =
          "Roles: ${COMPLETION-CANDIDATES}; write includes read, admin everything. Repeatable.")
  List<Role> roles;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "New file for the token itself.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--name must be 1-64 of A-Z a-z 0-9 . _ @ -");
    }
    String token = BearerTokens.generate();
    try {
      writeSecret(out, token + "\n");
    } catch (FileAlreadyExistsException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--out " + out + " exists; a token file is never overwritten, choose a new name");
    }
    String roleList =
        roles.stream()
            .distinct()
            .map(r -> r.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
    Terminal.out.println(name + " " + roleList + " " + BearerTokens.fileHash(token));
    Terminal.err.println(
        "chaincast: wrote the token for '"
            + name
            + "' to "
            + out
            + "; give that file to the client"
            + " (--token-file or CHAINCAST_TOKEN_FILE) and add the line above to the server's --token-file");
    return ExitCode.OK.code();
  }

  /**
   * Creates {@code file} (never replacing one), readable and writable by its owner only where POSIX
   * allows.
   */
  private static void writeSecret(Path file, String text) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // no POSIX permissions here (Windows): the directory's ACL applies
    }
    try (Writer w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
      w.write(text);
    }
  }
}
