package chaincast.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's standard streams, always UTF-8: under a C or POSIX locale the JDK would encode stdout
 * as ASCII and every Chinese name would come out as "?". Results go to {@link #out}, messages and
 * progress to {@link #err}.
 */
final class Terminal {
  static final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  static final PrintStream err =
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

  private Terminal() {}

  /**
   * True when stderr is a terminal. Java 17 has no direct test for it ({@code System.console()}
   * asks about stdin and stdout), so on Linux read where fd 2 points; elsewhere fall back to the
   * console test.
   */
  @SuppressWarnings("SystemConsoleNull") // Java 17: console() is null when not interactive
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
