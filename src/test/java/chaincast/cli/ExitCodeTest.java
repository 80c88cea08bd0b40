package chaincast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exit codes are defined once, in {@link ExitCode}: the help text and README follow it. */
class ExitCodeTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\d+) \\| ([^|]+) \\|", Pattern.MULTILINE);

  @Test
  void readmesTableListsEveryCodeWithItsMeaning() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("### Exit codes");
    assertTrue(start >= 0, "README has an 'Exit codes' section");
    String section = readme.substring(start, readme.indexOf("\n### ", start + 1));
    Map<Integer, String> documented = new LinkedHashMap<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      documented.put(Integer.parseInt(m.group(1)), m.group(2).replace("`", "").strip());
    }
    Map<Integer, String> defined = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      defined.put(c.code(), c.meaning());
    }
    assertEquals(defined, documented, "README's exit code table, in ExitCode's order and words");
  }

  @Test
  void theHelpTextListsEveryCodeFromTheEnum() {
    String help = Main.commandLine().getUsageMessage();
    // picocli wraps long lines: compare with the whitespace collapsed.
    String codes = help.substring(help.indexOf("Exit codes:")).replaceAll("\\s+", " ");
    for (ExitCode c : ExitCode.values()) {
      assertTrue(
          codes.contains(" " + c.code() + " " + c.meaning()), c + " missing from:\n" + codes);
    }
    assertEquals(
        ExitCode.values().length,
        Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count(),
        "each code once");
  }
}
