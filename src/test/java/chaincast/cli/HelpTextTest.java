package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli formats help text with String.format: a bare '%' (as in "95% interval") makes it warn on
 * stderr and print raw text. Every command's help must render without a warning.
 */
class HelpTextTest {
  private static void collect(CommandLine cl, List<CommandLine> out) {
    out.add(cl);
    cl.getSubcommands().values().forEach(sub -> collect(sub, out));
  }

  @Test
  void everyCommandsHelpRendersWithoutWarnings() {
    List<CommandLine> commands = new ArrayList<>();
    collect(Main.commandLine(), commands);
    assertTrue(commands.size() > 15, "every command and subcommand: " + commands.size());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine c : commands) {
        String usage = c.getUsageMessage();
        assertTrue(usage.contains("Usage: " + c.getCommandSpec().qualifiedName()), usage);
      }
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8), "picocli warnings");
  }
}
