package chaincast.cli;

import picocli.CommandLine.Option;

/** Options every client command shares: where the server is, how long to wait, how to print. */
final class ClientOptions {
  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      description = "Server to call (default: start one in-process over the bundled seeds).")
  String server;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Deadline for the call, seconds (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds = 600;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.TABLE;
}
