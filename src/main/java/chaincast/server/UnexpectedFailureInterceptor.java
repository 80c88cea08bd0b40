package chaincast.server;

import chaincast.api.InternalErrors;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The safety net under every service: a failure that escapes a handler (a bug) closes its call with
 * INTERNAL and an error id (see {@link InternalErrors}) instead of grpc-java's UNKNOWN "Application
 * error processing RPC" with the exception attached.
 */
final class UnexpectedFailureInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ClosedOnceCall<Q, R> guarded = new ClosedOnceCall<>(call);
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(guarded, headers);
    } catch (RuntimeException | Error e) {
      guarded.fail(e);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException | Error e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException | Error e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException | Error e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } catch (RuntimeException | Error e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } catch (RuntimeException | Error e) {
          guarded.fail(e);
        }
      }
    };
  }

  /** A call that knows whether it was closed, so a failure after the answer is only logged. */
  private static final class ClosedOnceCall<Q, R>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private volatile boolean closed;

    ClosedOnceCall(ServerCall<Q, R> delegate) {
      super(delegate);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      closed = true;
      super.close(status, trailers);
    }

    void fail(Throwable failure) {
      StatusRuntimeException answer =
          InternalErrors.report(getMethodDescriptor().getFullMethodName(), failure);
      if (!closed) {
        try {
          close(answer.getStatus(), answer.getTrailers());
        } catch (IllegalStateException alreadyClosed) {
          // closed by another thread in between: the client has its answer
        }
      }
    }
  }
}
