package chaincast.server;

import chaincast.api.Caller;
import chaincast.api.InternalErrors;
import chaincast.run.ClientText;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Unreadable request bodies answer INVALID_ARGUMENT, "request body is not a valid chaincast.v1.X",
 * and cost one rate-limited WARNING line.
 *
 * <p>Why a wrapper: grpc-java parses a request in {@code ServerCallImpl} with the method's request
 * marshaller, before any interceptor sees it; a marshaller that throws (protobuf's does, "Invalid
 * protobuf byte sequence") makes {@code ServerImpl} close the call with UNKNOWN ("Application error
 * processing RPC") and rethrow, which its executor logs as a SEVERE stack trace per request. So, as
 * grpc-java's own {@code ServerInterceptors.useMarshalledMessages} does, this rebuilds each service
 * definition with another request marshaller: one that never throws but hands the listener a {@link
 * Parsed} holding the message or the failure, and a handler that answers a failure itself and
 * passes good messages on unchanged.
 */
final class ReadableRequests {
  /** {@code ErrorInfo.reason} of an unreadable request body. */
  static final String REASON = "UNREADABLE_REQUEST_BODY";

  /** Least time between two WARNING lines about unreadable bodies. */
  static final long WARNING_INTERVAL_SECONDS = 10;

  private static final Logger logger = Logger.getLogger(ReadableRequests.class.getName());

  private ReadableRequests() {}

  /**
   * A server's rate limit on warnings about unreadable bodies: one line per 10 s for all its
   * services.
   */
  static RateLimitedWarning newWarning() {
    return new RateLimitedWarning(
        logger, TimeUnit.SECONDS.toNanos(WARNING_INTERVAL_SECONDS), System::nanoTime);
  }

  /** {@code service} with every method guarded, warning through {@code warning}. */
  static ServerServiceDefinition guard(BindableService service, RateLimitedWarning warning) {
    return guard(service.bindService(), warning);
  }

  /** {@code service} with every method guarded. */
  static ServerServiceDefinition guard(
      ServerServiceDefinition service, RateLimitedWarning warning) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> guarded = guard(method, warning);
      descriptor.addMethod(guarded.getMethodDescriptor());
      methods.add(guarded);
    }
    ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(out::addMethod);
    return out.build();
  }

  private static <Q, R> ServerMethodDefinition<Parsed<Q>, R> guard(
      ServerMethodDefinition<Q, R> method, RateLimitedWarning warning) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    MethodDescriptor<Parsed<Q>, R> lenient =
        descriptor.toBuilder(
                new LenientMarshaller<>(descriptor.getRequestMarshaller()),
                descriptor.getResponseMarshaller())
            .build();
    String type = requestType(descriptor);
    ServerCallHandler<Q, R> handler = method.getServerCallHandler();
    return ServerMethodDefinition.create(
        lenient,
        (call, headers) -> {
          ServerCall.Listener<Q> listener =
              handler.startCall(new OriginalTypeCall<>(call, descriptor), headers);
          return new GuardingListener<>(
              listener, call, descriptor.getFullMethodName(), type, warning);
        });
  }

  /** The request message's full name, e.g. {@code chaincast.v1.ListPlansRequest}. */
  private static String requestType(MethodDescriptor<?, ?> descriptor) {
    if (descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
        && p.getMessagePrototype() instanceof Message m) {
      return m.getDescriptorForType().getFullName();
    }
    return descriptor.getFullMethodName() + " request";
  }

  /** A request as the lenient marshaller read it: the message, or why it could not be read. */
  record Parsed<T>(T message, RuntimeException failure) {}

  /** Parses with the method's own marshaller, and never throws. */
  private static final class LenientMarshaller<T>
      implements MethodDescriptor.Marshaller<Parsed<T>> {
    private final MethodDescriptor.Marshaller<T> delegate;

    LenientMarshaller(MethodDescriptor.Marshaller<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public InputStream stream(Parsed<T> value) {
      return delegate.stream(value.message());
    }

    @Override
    public Parsed<T> parse(InputStream stream) {
      try {
        return new Parsed<>(delegate.parse(stream), null);
      } catch (RuntimeException e) {
        return new Parsed<>(null, e);
      }
    }
  }

  /** Answers an unreadable message itself; passes everything else to the method's own listener. */
  private static final class GuardingListener<Q, R> extends ServerCall.Listener<Parsed<Q>> {
    private final ServerCall.Listener<Q> delegate;
    private final ServerCall<Parsed<Q>, R> call;
    private final String method;
    private final String type;
    private final RateLimitedWarning warning;
    private boolean refused;

    GuardingListener(
        ServerCall.Listener<Q> delegate,
        ServerCall<Parsed<Q>, R> call,
        String method,
        String type,
        RateLimitedWarning warning) {
      this.delegate = delegate;
      this.call = call;
      this.method = method;
      this.type = type;
      this.warning = warning;
    }

    @Override
    public void onMessage(Parsed<Q> parsed) {
      if (refused) {
        return;
      }
      if (parsed.failure() == null) {
        delegate.onMessage(parsed.message());
        return;
      }
      refused = true;
      warning.warn(
          "unreadable request body for "
              + method
              + " from "
              + Caller.current().id()
              + ": "
              + ClientText.clip(String.valueOf(rootCause(parsed.failure()).getMessage()), 200));
      StatusRuntimeException status = invalidBody(type);
      call.close(status.getStatus(), status.getTrailers());
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        delegate.onHalfClose();
      }
    }

    @Override
    public void onReady() {
      if (!refused) {
        delegate.onReady();
      }
    }

    @Override
    public void onCancel() {
      delegate.onCancel();
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }

  /** INVALID_ARGUMENT for a body that is not a {@code type}, with an ErrorInfo saying so. */
  static StatusRuntimeException invalidBody(String type) {
    ErrorInfo info =
        ErrorInfo.newBuilder()
            .setReason(REASON)
            .setDomain(InternalErrors.DOMAIN)
            .putMetadata("message_type", type)
            .build();
    return StatusProto.toStatusRuntimeException(
        Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage("request body is not a valid " + type)
            .addDetails(Any.pack(info))
            .build());
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  /** The call as the method's own handler expects it: its original request type and descriptor. */
  private static final class OriginalTypeCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<Parsed<Q>, R> call;
    private final MethodDescriptor<Q, R> descriptor;

    OriginalTypeCall(ServerCall<Parsed<Q>, R> call, MethodDescriptor<Q, R> descriptor) {
      this.call = call;
      this.descriptor = descriptor;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void close(io.grpc.Status status, Metadata trailers) {
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      call.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return descriptor;
    }
  }
}
