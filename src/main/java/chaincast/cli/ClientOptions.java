package chaincast.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options every client command shares: where the server is, how long to wait, how to print. */
final class ClientOptions {
  @Option(
      names = "--server",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Server to call, or replicas to spread calls over round-robin (a comma-separated list,"
              + " or dns:///NAME:PORT for every address of a name); read-only calls are retried on"
              + " another replica (default: start one in-process over the bundled seeds).")
  String server;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Deadline for the call, seconds (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds = 600;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description =
          "Output: table, json (tidy rows, the CSV's columns), csv, or proto-json (the response"
              + " message) (default: table).")
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = "--excel",
      description =
          "CSV starts with a UTF-8 byte-order mark, so Excel and WPS read the Chinese names.")
  boolean excel;

  /** Parses --format. */
  static final class FormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return OutputFormat.parse(value);
    }
  }
}
