package chaincast.cli;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;

/**
 * Sends {@code authorization: Bearer TOKEN} with every call, but only over TLS or to a loopback
 * address: over a plaintext network connection anyone on the path could copy the token, so the call
 * fails on this side instead, before anything is sent.
 */
final class BearerCredentials extends CallCredentials {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;

  BearerCredentials(String token) {
    this.token = token;
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo info, Executor appExecutor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY
        && !loopback(info.getAuthority())) {
      applier.fail(
          Status.UNAUTHENTICATED.withDescription(
              "not sending the token to "
                  + info.getAuthority()
                  + " over plaintext, where anyone on the network"
                  + " could read it: connect with TLS (--tls-ca FILE, or --tls for a publicly trusted certificate)"));
      return;
    }
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    applier.apply(headers);
  }

  /**
   * Whether the authority's host is a loopback address (the connection never leaves the machine).
   */
  static boolean loopback(String authority) {
    String host = authority;
    if (host.startsWith("[")) {
      host = host.substring(1, Math.max(1, host.indexOf(']')));
    } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
      host =
          host.substring(0, host.indexOf(':')); // host:port; a bare IPv6 literal has several colons
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "BearerCredentials[token hidden]"; // never the token, e.g. in a debugger or a log line
  }
}
