package chaincast.cli;

import io.grpc.ChannelCredentials;
import io.grpc.Context;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * A command that calls the server: opens the {@link Connection}, runs its calls in a context that
 * Ctrl-C cancels, sets the deadline on every stub, and leaves failures to {@link FailureReport}.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Mixin ClientSecurityOptions security;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    if (!(client.timeoutSeconds > 0) || Double.isInfinite(client.timeoutSeconds)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--timeout must be a positive number of seconds, got " + client.timeoutSeconds);
    }
    check();
    Output.excelBom = client.excel;
    try (Connection connection = connect()) {
      // Every call of the command runs in this context; Ctrl-C cancels it,
      // which cancels the call in flight on the server too.
      Context.CancellableContext context = Context.current().withCancellation();
      Interruption.onInterrupt(() -> context.cancel(null));
      try {
        return context.call(() -> run(connection));
      } finally {
        Interruption.clear();
        context.close();
      }
    }
  }

  /** The connection the options ask for; a target or credentials gRPC refuses are a usage error. */
  private Connection connect() throws IOException {
    ChannelCredentials credentials = credentials();
    try {
      return Connection.open(client.server, credentials);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** TLS and token credentials for --server; null for the in-process server, which needs none. */
  private ChannelCredentials credentials() {
    if (client.server == null) {
      if (security.anyGiven()) {
        throw usage(
            "--tls-ca, --tls, --tls-cert, --tls-key, --token and --token-file need --server HOST:PORT;"
                + " the in-process server is plaintext and open");
      }
      return null; // CHAINCAST_TOKEN and CHAINCAST_TLS_CA are for remote servers only
    }
    try {
      return security.credentials(System.getenv());
    } catch (ClientSecurityOptions.Invalid e) {
      throw usage(e.getMessage());
    }
  }

  /** Checks option combinations picocli cannot express; throws ParameterException (exit 2). */
  void check() {}

  /** Does the command's work over {@code connection}; returns the exit code. */
  abstract int run(Connection connection) throws Exception;

  /** {@code stub} with the command's deadline. */
  final <S extends AbstractStub<S>> S withDeadline(S stub) {
    return stub.withDeadlineAfter(
        (long) Math.ceil(client.timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
  }

  /** The server named by --server, or null for the in-process one (for error messages). */
  final String server() {
    return client.server;
  }

  final OutputFormat format() {
    return client.format;
  }

  final CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
