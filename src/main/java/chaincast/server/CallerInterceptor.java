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
import java.util.EnumSet;

/**
 * Names the caller of every call by its peer address, with every role, when the server runs
 * without authentication. Quotas and queue fairness are then per client host.
 */
final class CallerInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Caller caller = new Caller(peerId(call), EnumSet.allOf(Caller.Role.class));
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  /** {@code peer:HOST} for a socket peer (the port changes per connection), else {@code peer:local}. */
  static String peerId(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet) {
      return "peer:" + inet.getAddress().getHostAddress();
    }
    return "peer:local";
  }
}
