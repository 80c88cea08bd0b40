package chaincast.server;

import chaincast.api.Caller;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Names the caller of every call, with every role, when the server checks no tokens: by its client
 * certificate's common name under mutual TLS ({@code cert:NAME}), else by its peer address ({@code
 * peer:HOST}). Quotas and queue fairness are then per certificate or per host.
 */
final class CallerInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Caller caller = new Caller(clientId(call), EnumSet.allOf(Caller.Role.class));
    return Contexts.interceptCall(
        Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  /** {@code cert:NAME} for a client that showed a certificate, else {@link #peerId}. */
  static String clientId(ServerCall<?, ?> call) {
    SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (tls != null) {
      try {
        Certificate[] chain = tls.getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate x509) {
          return "cert:" + commonName(x509);
        }
      } catch (SSLPeerUnverifiedException e) {
        // TLS without a client certificate: the address is all there is
      }
    }
    return peerId(call);
  }

  /**
   * {@code peer:HOST} for a socket peer (the port changes per connection), else {@code peer:local}.
   */
  static String peerId(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet) {
      return "peer:" + inet.getAddress().getHostAddress();
    }
    return "peer:local";
  }

  /** The subject's CN, or the whole subject when it has none. */
  static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      // an RFC 2253 name from the JDK always parses; fall back to the whole subject anyway
    }
    return subject;
  }
}
