package chaincast.cli;

import com.google.common.base.Splitter;
import com.google.common.net.HostAndPort;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import io.grpc.StatusOr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves {@code static:///host:port,host:port,...}: a fixed list of replicas, each host looked up
 * (all its addresses) whenever the channel asks again, e.g. after a replica stops answering. It is
 * what {@code --server a:50051,b:50051} becomes; grpc-java has DNS ({@code dns:///name:port}, one
 * name with several addresses) but no static list, and the CLI and the Python client must be able
 * to name the same set of servers (Python's grpc spells it {@code ipv4:a:p,b:p}).
 */
final class StaticNameResolverProvider extends NameResolverProvider {
  static final String SCHEME = "static";
  private static final StaticNameResolverProvider INSTANCE = new StaticNameResolverProvider();

  /** Registers the provider once for this JVM's channels. */
  static synchronized void register() {
    if (NameResolverRegistry.getDefaultRegistry().getProviderForScheme(SCHEME) == null) {
      NameResolverRegistry.getDefaultRegistry().register(INSTANCE);
    }
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5; // the default; no other provider claims this scheme
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }

  @Override
  public NameResolver newNameResolver(URI uri, NameResolver.Args args) {
    if (!SCHEME.equals(uri.getScheme())) {
      return null;
    }
    String path = uri.getPath();
    List<HostAndPort> servers = parse(path.startsWith("/") ? path.substring(1) : path);
    return new Resolver(servers);
  }

  /**
   * The servers of a comma-separated {@code host:port} list.
   *
   * @throws IllegalArgumentException naming the entry that has no port or is empty
   */
  static List<HostAndPort> parse(String list) {
    List<HostAndPort> servers = new ArrayList<>();
    for (String entry : Splitter.on(',').trimResults().split(list)) {
      HostAndPort server;
      try {
        server = HostAndPort.fromString(entry);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not HOST:PORT: " + e.getMessage(), e);
      }
      if (server.getHost().isEmpty() || !server.hasPort()) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not HOST:PORT (e.g. 127.0.0.1:50051)");
      }
      servers.add(server);
    }
    return servers;
  }

  /** Looks the hosts up on start and on every refresh the channel asks for. */
  private static final class Resolver extends NameResolver {
    private final List<HostAndPort> servers;
    private Listener2 listener;

    Resolver(List<HostAndPort> servers) {
      this.servers = servers;
    }

    /**
     * The first replica that is not on this machine, else the first: TLS checks the certificate
     * against this name (replicas share one certificate), and {@link BearerCredentials} sends a
     * token over plaintext only when it is a loopback address, so a list that leaves the machine
     * must not pass for a local one.
     */
    @Override
    public String getServiceAuthority() {
      for (HostAndPort server : servers) {
        if (!BearerCredentials.loopback(server.toString())) {
          return server.toString();
        }
      }
      return servers.get(0).toString();
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolve();
    }

    @Override
    public void refresh() {
      resolve();
    }

    private void resolve() {
      List<EquivalentAddressGroup> groups = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (HostAndPort server : servers) {
        try {
          List<SocketAddress> addresses = new ArrayList<>();
          for (InetAddress a : InetAddress.getAllByName(server.getHost())) {
            addresses.add(new InetSocketAddress(a, server.getPort()));
          }
          groups.add(new EquivalentAddressGroup(addresses));
        } catch (UnknownHostException e) {
          unknown.add(server.getHost());
        }
      }
      if (groups.isEmpty()) {
        // Not one replica can be named: every call fails UNAVAILABLE with this sentence.
        listener.onResult(
            NameResolver.ResolutionResult.newBuilder()
                .setAddressesOrError(
                    StatusOr.fromStatus(
                        Status.UNAVAILABLE.withDescription("unknown hosts " + unknown)))
                .build());
        return;
      }
      // A replica whose name does not resolve is left out; the others take its calls.
      listener.onResult(
          NameResolver.ResolutionResult.newBuilder()
              .setAddressesOrError(StatusOr.fromValue(groups))
              .build());
    }

    @Override
    public void shutdown() {}
  }
}
