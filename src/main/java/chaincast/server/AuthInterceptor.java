package chaincast.server;

import chaincast.api.Caller;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bearer-token authentication and the role check, before any service code runs.
 *
 * <p>A call must carry {@code authorization: Bearer TOKEN}; the token must be one of the server's
 * ({@link BearerTokens}) and hold the role {@link MethodRoles} names for the method. Otherwise the
 * call ends with UNAUTHENTICATED (no or unknown token) or PERMISSION_DENIED (role too low), with a
 * message that says what to do and never repeats the token. An accepted call runs with {@link
 * Caller} {@code token:NAME}, so quotas and queue fairness are per token. Health checks need no
 * token.
 */
final class AuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  static final String MISSING =
      "this server requires a bearer token: send the metadata 'authorization: Bearer TOKEN'";
  static final String MALFORMED = "the 'authorization' metadata must be 'Bearer TOKEN'";
  static final String UNKNOWN =
      "the bearer token is not valid on this server (unknown, revoked or mistyped)";

  private final BearerTokens tokens;

  AuthInterceptor(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (MethodRoles.OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
      return withCaller(new Caller(CallerInterceptor.peerId(call), Set.of()), call, headers, next);
    }
    String header = headers.get(AUTHORIZATION);
    if (header == null) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(MISSING));
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(MALFORMED));
    }
    Optional<Caller> caller = tokens.authenticate(header.substring(BEARER.length()).strip());
    if (caller.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(UNKNOWN));
    }
    String method = call.getMethodDescriptor().getFullMethodName();
    Caller.Role needed = MethodRoles.required(method);
    if (!caller.get().has(needed)) {
      return refuse(
          call, Status.PERMISSION_DENIED.withDescription(denial(caller.get(), method, needed)));
    }
    return withCaller(caller.get(), call, headers, next);
  }

  /**
   * E.g. "token 'dashboard' (roles: read) may not call chaincast.v1.ScenarioService/DeleteScenario:
   * it needs the write role".
   */
  static String denial(Caller caller, String method, Caller.Role needed) {
    String roles =
        caller.roles().stream()
            .sorted()
            .map(r -> r.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
    return "token '"
        + caller.id().substring("token:".length())
        + "' (roles: "
        + (roles.isEmpty() ? "none" : roles)
        + ") may not call "
        + method
        + ": it needs the "
        + needed.name().toLowerCase(Locale.ROOT)
        + " role; ask the server's operator for a token that has it";
  }

  private static <Q, R> ServerCall.Listener<Q> withCaller(
      Caller caller, ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return Contexts.interceptCall(
        Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
