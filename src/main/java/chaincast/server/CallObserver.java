package chaincast.server;

import chaincast.api.Caller;
import chaincast.api.RequestId;
import chaincast.metrics.ServerMetrics;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sees every call from its start to its final status: gives it a {@link RequestId} (in its {@link
 * Context}, its response headers and its trailers), and when it ends records its method, status
 * code and duration in {@link ServerMetrics} and writes its line to the {@link AccessLog}.
 *
 * <p>It must be the outermost interceptor (added to the server builder last), so that calls that an
 * inner interceptor refuses (authentication) are counted and logged too.
 *
 * <p>A call ends in exactly one of two ways, and both are seen here: {@code onComplete} after the
 * server closed it (the status is the one passed to {@code close}, or UNKNOWN if a handler threw
 * and gRPC closed it itself), or {@code onCancel} when the client cancelled, its deadline passed or
 * the connection broke before a status was sent (DEADLINE_EXCEEDED if the call's deadline has
 * passed, else CANCELLED). Listener callbacks of one call are serialized, so a cancelled call is
 * recorded once its handler has returned: its duration includes the time the run took to stop.
 */
final class CallObserver implements ServerInterceptor {
  private final ServerMetrics metrics;
  private final AccessLog accessLog;

  CallObserver(ServerMetrics metrics, AccessLog accessLog) {
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String requestId = RequestId.fromClient(headers.get(RequestId.HEADER));
    Context context = Context.current().withValue(RequestId.KEY, requestId);
    ObservedCall<Q, R> observed = new ObservedCall<>(call, requestId, context.getDeadline());
    ServerCall.Listener<Q> listener;
    try {
      listener = Contexts.interceptCall(context, observed, headers, next);
    } catch (RuntimeException e) {
      // gRPC closes the stream itself when starting the call throws; no listener will tell us.
      observed.finish(Status.fromThrowable(e));
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          observed.finish(null);
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          observed.finish(observed.cancelStatus());
        }
      }
    };
  }

  /** {@code HOST} of a socket peer, else {@code -} (in-process calls). */
  static String peerHost(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "-";
  }

  /**
   * The call as the service sees it: stamps the request id on headers and trailers, keeps the
   * status it is closed with, and notes the {@link Caller} that inner interceptors put into the
   * context (read when the service's handler calls back, since that runs inside their context).
   */
  private final class ObservedCall<Q, R>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private final String requestId;
    private final Deadline deadline;
    private final long started = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Status closedWith;
    private volatile String caller;

    ObservedCall(ServerCall<Q, R> delegate, String requestId, Deadline deadline) {
      super(delegate);
      this.requestId = requestId;
      this.deadline = deadline;
    }

    @Override
    public void request(int numMessages) {
      noteCaller();
      super.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      noteCaller();
      headers.discardAll(RequestId.HEADER);
      headers.put(RequestId.HEADER, requestId);
      super.sendHeaders(headers);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      noteCaller();
      trailers.discardAll(RequestId.HEADER);
      trailers.put(RequestId.HEADER, requestId);
      closedWith = status;
      super.close(status, trailers);
    }

    private void noteCaller() {
      if (caller == null) {
        Caller c = Caller.KEY.get();
        if (c != null) {
          caller = c.id();
        }
      }
    }

    /** Why a call that ended without a status sent ended. */
    Status cancelStatus() {
      return deadline != null && deadline.isExpired() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED;
    }

    /**
     * Records the call once; {@code cancelled} is the status of a call cancelled before it was
     * closed.
     */
    void finish(Status cancelled) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      long nanos = System.nanoTime() - started;
      Status status =
          cancelled != null ? cancelled : closedWith != null ? closedWith : Status.UNKNOWN;
      String method = getMethodDescriptor().getFullMethodName();
      metrics.recordRpc(method, status.getCode().name(), nanos);
      accessLog.log(
          new AccessLog.Entry(
              requestId, method, caller == null ? "-" : caller, peerHost(this), status, nanos));
    }
  }
}
