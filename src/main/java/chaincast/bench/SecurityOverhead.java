package chaincast.bench;

import chaincast.server.BearerTokens;
import chaincast.server.ChaincastServer;
import chaincast.server.ServerConfig;
import chaincast.server.ServerSecurity;
import chaincast.server.ServerTls;
import chaincast.server.TokenFile;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ModelServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What TLS and bearer tokens cost: unary ListRegions calls per second over one channel with 8
 * callers, and the time to a first answer on a new connection (TCP, TLS handshake, first call), for
 * plaintext, plaintext with a token, TLS, TLS with a token, and mutual TLS. Each mode runs against
 * its own server in this JVM on a loopback port; the figures are medians over three interleaved
 * rounds (30 connections per mode). The PKI directory is what {@code
 * src/test/scripts/make-test-pki.sh DIR} makes:
 *
 * <pre>
 * sh src/test/scripts/make-test-pki.sh /tmp/pki
 * java -cp target/chaincast.jar chaincast.bench.SecurityOverhead /tmp/pki [SECONDS_PER_ROUND]
 * </pre>
 */
public final class SecurityOverhead {
  private static final int CALLERS = 8;
  private static final int CONNECTIONS = 10;
  private static final int ROUNDS = 4;

  private SecurityOverhead() {}

  /** One way to run and reach the server. */
  private record Mode(String name, ServerSecurity server, ChannelCredentials client) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: SecurityOverhead PKI_DIR [SECONDS]  (make PKI_DIR with src/test/scripts/make-test-pki.sh)");
      System.exit(2);
    }
    Path pki = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String token = BearerTokens.generate();
    var tokens = TokenFile.parse("bench", "bench read " + BearerTokens.fileHash(token));
    ServerTls tls = ServerTls.load(pki.resolve("server.pem"), pki.resolve("server.key"), null);
    ServerTls mtls =
        ServerTls.load(pki.resolve("server.pem"), pki.resolve("server.key"), pki.resolve("ca.pem"));
    ChannelCredentials trust =
        TlsChannelCredentials.newBuilder().trustManager(pki.resolve("ca.pem").toFile()).build();
    ChannelCredentials withCert =
        TlsChannelCredentials.newBuilder()
            .trustManager(pki.resolve("ca.pem").toFile())
            .keyManager(pki.resolve("client.pem").toFile(), pki.resolve("client.key").toFile())
            .build();
    List<Mode> modes =
        List.of(
            new Mode("plaintext", ServerSecurity.NONE, InsecureChannelCredentials.create()),
            new Mode(
                "plaintext + token",
                new ServerSecurity(null, tokens, true, false),
                CompositeChannelCredentials.create(
                    InsecureChannelCredentials.create(), bearer(token))),
            new Mode("TLS", new ServerSecurity(tls, null, true, false), trust),
            new Mode(
                "TLS + token",
                new ServerSecurity(tls, tokens, true, false),
                CompositeChannelCredentials.create(trust, bearer(token))),
            new Mode("mutual TLS", new ServerSecurity(mtls, null, true, false), withCert));
    List<ChaincastServer> servers = new ArrayList<>();
    try {
      for (Mode mode : modes) {
        Path data = Files.createTempDirectory("chaincast-bench-security");
        servers.add(
            new ChaincastServer(
                    ServerConfig.defaults().withPort(0).withThreads(1).withDataDir(data),
                    mode.server())
                .start());
      }
      report(modes, servers, seconds);
    } finally {
      for (ChaincastServer server : servers) {
        server.stop();
      }
    }
  }

  /**
   * Interleaves the modes over {@link #ROUNDS} rounds (the first is warm-up and dropped), so a busy
   * moment on a shared machine spreads over all modes instead of landing on one, and prints each
   * mode's median.
   */
  private static void report(List<Mode> modes, List<ChaincastServer> servers, int seconds)
      throws Exception {
    double[][] rates = new double[modes.size()][ROUNDS - 1];
    List<List<Double>> connects = new ArrayList<>();
    modes.forEach(m -> connects.add(new ArrayList<>()));
    for (int round = 0; round < ROUNDS; round++) {
      for (int m = 0; m < modes.size(); m++) {
        int port = servers.get(m).port();
        double rate = throughput(port, modes.get(m).client(), round == 0 ? 1 : seconds);
        for (int i = 0; i < CONNECTIONS; i++) {
          double ms = firstCallMillis(port, modes.get(m).client());
          if (round > 0) {
            connects.get(m).add(ms);
          }
        }
        if (round > 0) {
          rates[m][round - 1] = rate;
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "%-18s %12s %14s %14s%n", "mode", "calls/s", "connect p50", "connect p90");
    for (int m = 0; m < modes.size(); m++) {
      Arrays.sort(rates[m]);
      List<Double> c = connects.get(m);
      c.sort(null);
      System.out.printf(
          Locale.ROOT,
          "%-18s %12.0f %11.1f ms %11.1f ms%n",
          modes.get(m).name(),
          rates[m][rates[m].length / 2],
          c.get(c.size() / 2),
          c.get(c.size() * 9 / 10));
    }
  }

  /**
   * Calls per second over one channel with {@link #CALLERS} blocking callers for {@code seconds}.
   */
  private static double throughput(int port, ChannelCredentials credentials, int seconds)
      throws Exception {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try {
      var stub = ModelServiceGrpc.newBlockingStub(channel);
      stub.listRegions(ListRegionsRequest.getDefaultInstance());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        counts.add(
            callers.submit(
                () -> {
                  long n = 0;
                  while (System.nanoTime() < end) {
                    stub.listRegions(ListRegionsRequest.getDefaultInstance());
                    n++;
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      return total / (double) seconds;
    } finally {
      callers.shutdownNow();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Milliseconds from a new channel to the answer of its first call. */
  private static double firstCallMillis(int port, ChannelCredentials credentials)
      throws InterruptedException {
    long start = System.nanoTime();
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
    try {
      ModelServiceGrpc.newBlockingStub(channel)
          .listRegions(ListRegionsRequest.getDefaultInstance());
      return (System.nanoTime() - start) / 1e6;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static CallCredentials bearer(String token) {
    Metadata.Key<String> authorization =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(authorization, "Bearer " + token);
        applier.apply(headers);
      }
    };
  }
}
