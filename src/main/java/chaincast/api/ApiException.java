package chaincast.api;

import chaincast.run.ClientText;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A request the server refuses, with a rich {@code google.rpc.Status}. Thrown by validators, turned
 * into a gRPC status by the services.
 */
public final class ApiException extends RuntimeException {
  private final transient Status status;

  /** Most field violations one response lists; the message says how many more there were. */
  public static final int MAX_VIOLATIONS = 20;

  /** How many violations the message itself spells out (the details list them all). */
  private static final int VIOLATIONS_IN_MESSAGE = 3;

  /**
   * @param status already within the {@link StatusBudget}: build with {@link #of}
   */
  private ApiException(Status status) {
    super(status.getMessage());
    this.status = status;
  }

  /** Every status this class makes goes through the budget, whoever wrote its message. */
  static ApiException of(Status status) {
    return new ApiException(StatusBudget.fit(status));
  }

  /**
   * INVALID_ARGUMENT listing the violations in a {@code google.rpc.BadRequest}: at most {@link
   * #MAX_VIOLATIONS}, and fewer when more would not fit the status budget (see {@link
   * StatusBudget}); the message spells out the first ones and says how many there are.
   *
   * @param violations every violation found, each naming its field
   * @return the exception to turn into the call's status
   */
  public static ApiException invalidArgument(List<BadRequest.FieldViolation> violations) {
    List<BadRequest.FieldViolation> clipped =
        violations.stream().limit(MAX_VIOLATIONS).map(ApiException::clip).toList();
    for (int kept = clipped.size(); ; kept--) {
      Status status = invalidArgumentStatus(clipped.subList(0, kept), violations.size());
      if (kept <= 1 || StatusBudget.fits(status)) {
        return of(status);
      }
    }
  }

  private static Status invalidArgumentStatus(List<BadRequest.FieldViolation> kept, int total) {
    StringBuilder spelledOut = new StringBuilder("invalid request: ");
    int spelled = Math.min(VIOLATIONS_IN_MESSAGE, kept.size());
    for (int i = 0; i < spelled; i++) {
      if (i > 0) {
        spelledOut.append("; ");
      }
      spelledOut.append(kept.get(i).getField()).append(": ").append(kept.get(i).getDescription());
    }
    String more = "";
    if (total > spelled) {
      more =
          "; and "
              + (total - spelled)
              + " more"
              + (kept.size() < total
                  ? " (the first " + kept.size() + " of " + total + " are in the details)"
                  : " (see details)");
    }
    // The count of the rest survives any clipping of what is spelled out.
    int room = StatusBudget.MAX_MESSAGE_BYTES - more.getBytes(StandardCharsets.UTF_8).length;
    BadRequest detail = BadRequest.newBuilder().addAllFieldViolations(kept).build();
    return Status.newBuilder()
        .setCode(Code.INVALID_ARGUMENT_VALUE)
        .setMessage(StatusBudget.clipBytes(spelledOut.toString(), room) + more)
        .addDetails(Any.pack(detail))
        .build();
  }

  private static BadRequest.FieldViolation clip(BadRequest.FieldViolation v) {
    return v.toBuilder()
        .setField(ClientText.clip(v.getField(), StatusBudget.MAX_FIELD_CHARS))
        .setDescription(ClientText.clip(v.getDescription(), StatusBudget.MAX_DESCRIPTION_CHARS))
        .build();
  }

  /**
   * INVALID_ARGUMENT for one field.
   *
   * @param field the request field, as a path ({@code spec.paths})
   * @param description what is wrong with it and what is accepted
   * @return the exception to turn into the call's status
   */
  public static ApiException invalidField(String field, String description) {
    return invalidArgument(
        List.of(
            BadRequest.FieldViolation.newBuilder()
                .setField(field)
                .setDescription(description)
                .build()));
  }

  /**
   * NOT_FOUND naming the resource type, the unknown id (cut to 64 characters) and the field that
   * carried it, with a {@code google.rpc.ResourceInfo}.
   *
   * @param resourceType e.g. "scenario"
   * @param id the id the client sent
   * @param field the request field that carried it
   * @return the exception to turn into the call's status
   */
  public static ApiException notFound(String resourceType, String id, String field) {
    return notFound(resourceType, id, field, "");
  }

  /**
   * NOT_FOUND naming the resource, with a suggestion of the closest known ids.
   *
   * @param resourceType e.g. "target"
   * @param id the id that is unknown
   * @param field the request field that carried it
   * @param suggestion "; did you mean 'x'?" or ""
   * @return the exception to turn into the call's status
   */
  public static ApiException notFound(
      String resourceType, String id, String field, String suggestion) {
    String message =
        resourceType + " " + ClientText.quote(id) + " not found (" + field + ")" + suggestion;
    ResourceInfo info =
        ResourceInfo.newBuilder()
            .setResourceType(resourceType)
            .setResourceName(ClientText.clip(id))
            .setDescription("named by " + field + suggestion)
            .build();
    return of(
        Status.newBuilder()
            .setCode(Code.NOT_FOUND_VALUE)
            .setMessage(message)
            .addDetails(Any.pack(info))
            .build());
  }

  /**
   * ALREADY_EXISTS naming the resource, with a {@code google.rpc.ResourceInfo}.
   *
   * @param resourceType e.g. "scenario"
   * @param id the id that is taken
   * @param field the request field that carried it
   * @return the exception to turn into the call's status
   */
  public static ApiException alreadyExists(String resourceType, String id, String field) {
    ResourceInfo info =
        ResourceInfo.newBuilder()
            .setResourceType(resourceType)
            .setResourceName(ClientText.clip(id))
            .setDescription("named by " + field)
            .build();
    return of(
        Status.newBuilder()
            .setCode(Code.ALREADY_EXISTS_VALUE)
            .setMessage(
                resourceType + " " + ClientText.quote(id) + " already exists (" + field + ")")
            .addDetails(Any.pack(info))
            .build());
  }

  /**
   * FAILED_PRECONDITION: the request is well formed but the state it meets does not allow it (a
   * sweep id stored with another request, a goal with no root in its range).
   *
   * @param message for the client: what the state is and what to do
   * @return the exception to turn into the call's status
   */
  public static ApiException failedPrecondition(String message) {
    return of(
        Status.newBuilder().setCode(Code.FAILED_PRECONDITION_VALUE).setMessage(message).build());
  }

  /**
   * ABORTED: the caller's etag is stale; it should read again and retry.
   *
   * @param message for the client: what changed and what to do
   * @return the exception to turn into the call's status
   */
  public static ApiException aborted(String message) {
    return of(Status.newBuilder().setCode(Code.ABORTED_VALUE).setMessage(message).build());
  }

  /**
   * RESOURCE_EXHAUSTED with a {@code google.rpc.RetryInfo} saying when to try again (the run queue
   * is full, or the server ran out of memory for this run).
   *
   * @param message for the client: what is exhausted and when to retry
   * @param retryDelay how long the client should wait before retrying
   * @return the exception to turn into the call's status
   */
  public static ApiException resourceExhausted(String message, Duration retryDelay) {
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(retryDelay.getSeconds())
                    .setNanos(retryDelay.getNano()))
            .build();
    return of(
        Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
            .setMessage(message)
            .addDetails(Any.pack(retry))
            .build());
  }

  /**
   * The status to send.
   *
   * @return the status with its details, ready for {@code StreamObserver.onError}
   */
  public StatusRuntimeException toStatusRuntimeException() {
    return StatusProto.toStatusRuntimeException(status);
  }

  /**
   * The status this exception carries.
   *
   * @return the {@code google.rpc.Status}, within the status budget
   */
  public Status status() {
    return status;
  }
}
