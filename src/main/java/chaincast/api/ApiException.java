package chaincast.api;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;

/**
 * A request the server refuses, with a rich {@code google.rpc.Status}. Thrown
 * by validators, turned into a gRPC status by the services.
 */
public final class ApiException extends RuntimeException {
  private final transient Status status;

  private ApiException(Status status) {
    super(status.getMessage());
    this.status = status;
  }

  /** INVALID_ARGUMENT listing every violation; the message repeats the first ones. */
  public static ApiException invalidArgument(List<BadRequest.FieldViolation> violations) {
    StringBuilder message = new StringBuilder("invalid request: ");
    for (int i = 0; i < violations.size(); i++) {
      if (i > 0) {
        message.append("; ");
      }
      if (i == 3) {
        message.append("and ").append(violations.size() - 3).append(" more (see details)");
        break;
      }
      message.append(violations.get(i).getField()).append(": ").append(violations.get(i).getDescription());
    }
    BadRequest detail = BadRequest.newBuilder().addAllFieldViolations(violations).build();
    return new ApiException(
        Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(message.toString())
            .addDetails(Any.pack(detail))
            .build());
  }

  /** INVALID_ARGUMENT for one field. */
  public static ApiException invalidField(String field, String description) {
    return invalidArgument(
        List.of(BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build()));
  }

  /** NOT_FOUND naming the resource type, the unknown id and the field that carried it. */
  public static ApiException notFound(String resourceType, String id, String field) {
    String message = resourceType + " '" + id + "' not found (" + field + ")";
    ResourceInfo info =
        ResourceInfo.newBuilder()
            .setResourceType(resourceType)
            .setResourceName(id)
            .setDescription("named by " + field)
            .build();
    return new ApiException(
        Status.newBuilder()
            .setCode(Code.NOT_FOUND_VALUE)
            .setMessage(message)
            .addDetails(Any.pack(info))
            .build());
  }

  /** ALREADY_EXISTS naming the resource. */
  public static ApiException alreadyExists(String resourceType, String id, String field) {
    ResourceInfo info =
        ResourceInfo.newBuilder().setResourceType(resourceType).setResourceName(id).setDescription("named by " + field).build();
    return new ApiException(
        Status.newBuilder()
            .setCode(Code.ALREADY_EXISTS_VALUE)
            .setMessage(resourceType + " '" + id + "' already exists (" + field + ")")
            .addDetails(Any.pack(info))
            .build());
  }

  /** ABORTED: the caller's etag is stale; it should read again and retry. */
  public static ApiException aborted(String message) {
    return new ApiException(Status.newBuilder().setCode(Code.ABORTED_VALUE).setMessage(message).build());
  }

  /**
   * RESOURCE_EXHAUSTED with a {@code google.rpc.RetryInfo} saying when to try again (the run
   * queue is full, or the server ran out of memory for this run).
   */
  public static ApiException resourceExhausted(String message, java.time.Duration retryDelay) {
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(retryDelay.getSeconds())
                    .setNanos(retryDelay.getNano()))
            .build();
    return new ApiException(
        Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
            .setMessage(message)
            .addDetails(Any.pack(retry))
            .build());
  }

  /** An exception carrying {@code status} as it is (for statuses built elsewhere in this package). */
  static ApiException of(Status status) {
    return new ApiException(status);
  }

  /** The status to send. */
  public StatusRuntimeException toStatusRuntimeException() {
    return StatusProto.toStatusRuntimeException(status);
  }

  public Status status() {
    return status;
  }
}
