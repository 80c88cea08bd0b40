package chaincast.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chaincast} launcher: one jar, server and client. */
@Command(
    name = "chaincast",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Chaincast: the odds that Lianyungang (连云港) reaches its industry-chain",
      "targets, from a Monte Carlo growth model per county and chain, over gRPC.",
      "Client commands call --server HOST:PORT, or start a server in-process."
    },
    footerHeading = "%nExit codes:%n",
    subcommands = {
      OddsCommand.class,
      FanCommand.class,
      CompareCommand.class,
      SensitivityCommand.class,
      SweepCommand.class,
      GoalSeekCommand.class,
      ScenarioCommand.class,
      TargetsCommand.class,
      RegionsCommand.class,
      ChainsCommand.class,
      CellsCommand.class,
      PlansCommand.class,
      ActualsCommand.class,
      AuditCommand.class,
      EstimateCommand.class,
      BacktestCommand.class,
      ServeCommand.class,
      TokenCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Terminal.out);
  }

  public static void main(String[] args) {
    String undecodable = ArgumentEncoding.undecodable(args);
    if (undecodable != null) {
      Terminal.err.println("chaincast: " + undecodable);
      System.exit(ExitCode.USAGE.code());
    }
    Interruption.install();
    int code;
    try {
      code = commandLine().execute(args);
    } finally {
      Interruption.finished(); // also when the CLI itself fails: nothing is left to wind down
    }
    System.exit(code);
  }

  /** The configured command line: UTF-8 streams, one-line errors, the documented exit codes. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.getCommandSpec().usageMessage().footer(ExitCode.helpLines());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(new OutputStreamWriter(Terminal.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(Terminal.err, StandardCharsets.UTF_8), true));
    cli.setParameterExceptionHandler(
        (e, args) -> {
          String command = e.getCommandLine().getCommandSpec().qualifiedName();
          Terminal.err.println(
              command
                  + ": "
                  + e.getMessage().replace('\n', ' ').strip()
                  + " (see '"
                  + command
                  + " --help')");
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Object command = commandLine.getCommand();
          String server = command instanceof ClientCommand c ? c.server() : null;
          FailureReport report = FailureReport.of(e, server);
          Terminal.err.println("chaincast: " + report.message());
          return report.exitCode().code();
        });
    return cli;
  }

  /** Version from the jar manifest, or the development version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"chaincast " + (v == null ? "0.1.0-dev" : v) + " (API chaincast.v1)"};
    }
  }
}
