package chaincast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chaincast} launcher: one jar, server and client. */
@Command(
    name = "chaincast",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Chaincast: the odds that Lianyungang (连云港) reaches its industry-chain targets,",
      "from a Monte Carlo growth model per county and chain, served over gRPC."
    },
    subcommands = {ServeCommand.class, OddsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests. */
  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  /** Version from the jar manifest, or the development version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"chaincast " + (v == null ? "0.1.0-dev" : v)};
    }
  }
}
