package chaincast.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the server protects itself: TLS, bearer tokens, reflection, and whether it may listen on a
 * network address without them.
 *
 * @param tls TLS set-up, or null for plaintext
 * @param tokens accepted bearer tokens, or null for no authentication (every caller has every role)
 * @param reflection whether to serve gRPC reflection (with tokens on, it needs the read role)
 * @param insecure the operator's explicit consent to listen on a non-loopback address without TLS
 *     and authentication
 */
public record ServerSecurity(
    ServerTls tls, BearerTokens tokens, boolean reflection, boolean insecure) {
  /** Plaintext, no tokens, reflection on: for loopback only (the default bind address). */
  public static final ServerSecurity NONE = new ServerSecurity(null, null, true, false);

  /** Whether callers prove who they are: bearer tokens or required client certificates. */
  public boolean authenticates() {
    return tokens != null || (tls != null && tls.clientCerts());
  }

  /**
   * Refuses to listen on {@code host} when it is not a loopback address and the server would run
   * without TLS or without authentication, unless {@link #insecure}.
   *
   * @throws ServerSetupException saying what to add
   */
  public void checkBind(String host) {
    if (insecure || (tls != null && authenticates()) || isLoopback(host)) {
      return;
    }
    String missing =
        tls == null && !authenticates()
            ? "TLS and authentication"
            : tls == null ? "TLS (tokens would cross the network in clear text)" : "authentication";
    throw new ServerSetupException(
        "refusing to listen on "
            + host
            + ", which is not a loopback address, without "
            + missing
            + ": anyone who can reach the port could call every RPC, including deleting scenarios. Add"
            + " --tls-cert FILE --tls-key FILE and --token-file FILE (or --tls-client-ca FILE for client"
            + " certificates), or pass --insecure if the network in front of the server protects it");
  }

  /** Whether {@code host} names only loopback addresses (127.0.0.0/8, ::1, localhost). */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false; // not resolvable: binding fails anyway, with its own message
    }
  }

  /**
   * One line for the start-up log, e.g. "TLS with client certificates, 3 bearer tokens, reflection
   * off".
   */
  public String describe() {
    String transport =
        tls == null ? "plaintext" : tls.clientCerts() ? "TLS with client certificates" : "TLS";
    String auth =
        tokens == null
            ? "no tokens"
            : tokens.size() + " bearer token" + (tokens.size() == 1 ? "" : "s");
    return transport
        + ", "
        + auth
        + ", reflection "
        + (reflection ? "on" : "off")
        + (insecure ? ", --insecure" : "");
  }
}
