package chaincast.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that files holding secrets or access rules are not open to other users. On a file system
 * without POSIX permissions (e.g. Windows) there is nothing to check and every check passes.
 */
final class FilePermissions {
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  private static final Set<PosixFilePermission> OTHERS_READ =
      EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private FilePermissions() {}

  /**
   * Refuses a file that group or others may write: whoever can write the token file can give
   * themselves any role.
   */
  static void refuseWritableByOthers(String option, Path file) {
    posix(file)
        .filter(p -> p.stream().anyMatch(OTHERS_WRITE::contains))
        .ifPresent(
            p -> {
              throw new ServerSetupException(
                  option
                      + " "
                      + file
                      + ": other users may write it (mode "
                      + mode(p)
                      + "), so they could give"
                      + " themselves any role; run: chmod go-w "
                      + file);
            });
  }

  /** A warning when group or others may read {@code file}, else empty. */
  static Optional<String> readableByOthers(String option, Path file) {
    return posix(file)
        .filter(p -> p.stream().anyMatch(OTHERS_READ::contains))
        .map(
            p ->
                option
                    + " "
                    + file
                    + " is readable by other users (mode "
                    + mode(p)
                    + "); consider: chmod 600 "
                    + file);
  }

  private static Optional<Set<PosixFilePermission>> posix(Path file) {
    try {
      return Optional.of(Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException | IOException e) {
      return Optional
          .empty(); // no POSIX permissions to check; reading the file reports real problems
    }
  }

  /** {@code 0640}-style octal mode. */
  @SuppressWarnings("EnumOrdinal") // the enum is declared in mode-bit order, OWNER_READ first
  static String mode(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission p : permissions) {
      bits |=
          1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = bit 8, ..., OTHERS_EXECUTE = bit 0
    }
    return String.format("0%03o", bits);
  }
}
