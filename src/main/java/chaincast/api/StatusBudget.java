package chaincast.api;

import chaincast.run.ClientText;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import com.google.rpc.Status;
import java.nio.charset.StandardCharsets;

/**
 * Keeps every error status the server sends small enough for any client.
 *
 * <p>A status travels in trailers: {@code grpc-message} (percent-encoded, so a non-ASCII byte takes
 * three) and {@code grpc-status-details-bin} (the whole {@code google.rpc.Status}, message
 * included, base64-encoded: four bytes for three). Default clients refuse trailers over 8 KiB
 * (grpc-java's {@code maxInboundMetadataSize}, grpc core's {@code grpc.max_metadata_size}), and
 * grpcio then failed other calls on the same connection too. With a message of at most {@value
 * #MAX_MESSAGE_BYTES} UTF-8 bytes (at most 1,800 encoded) and a status of at most {@value
 * #MAX_STATUS_BYTES} bytes (4,000 in base64), an error's trailers stay under 6 KiB, leaving room
 * for the rest of the metadata.
 */
final class StatusBudget {
  /** Most UTF-8 bytes of a status message. */
  static final int MAX_MESSAGE_BYTES = 600;

  /** Most bytes of a serialized {@code google.rpc.Status}, details included. */
  static final int MAX_STATUS_BYTES = 3000;

  /** Most characters of a field path or a resource name in details. */
  static final int MAX_FIELD_CHARS = 200;

  /** Most characters of a description in details. */
  static final int MAX_DESCRIPTION_CHARS = 400;

  private StatusBudget() {}

  /** True when {@code status} is within the budget as it is. */
  static boolean fits(Status status) {
    return status.getSerializedSize() <= MAX_STATUS_BYTES
        && status.getMessage().getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES;
  }

  /**
   * {@code status} cut to the budget: the message and every string of its BadRequest and
   * ResourceInfo details clipped; if still too large, the details are dropped (the message, which
   * names the problem, remains).
   */
  static Status fit(Status status) {
    if (fits(status)) {
      return status;
    }
    Status.Builder b =
        status.toBuilder().setMessage(clipBytes(status.getMessage(), MAX_MESSAGE_BYTES));
    for (int i = 0; i < b.getDetailsCount(); i++) {
      b.setDetails(i, clipDetail(b.getDetails(i)));
    }
    Status clipped = b.build();
    return fits(clipped) ? clipped : clipped.toBuilder().clearDetails().build();
  }

  private static Any clipDetail(Any detail) {
    try {
      if (detail.is(BadRequest.class)) {
        BadRequest.Builder r = detail.unpack(BadRequest.class).toBuilder();
        for (int k = 0; k < r.getFieldViolationsCount(); k++) {
          BadRequest.FieldViolation v = r.getFieldViolations(k);
          r.setFieldViolations(
              k,
              v.toBuilder()
                  .setField(ClientText.clip(v.getField(), MAX_FIELD_CHARS))
                  .setDescription(ClientText.clip(v.getDescription(), MAX_DESCRIPTION_CHARS)));
        }
        return Any.pack(r.build());
      }
      if (detail.is(ResourceInfo.class)) {
        ResourceInfo r = detail.unpack(ResourceInfo.class);
        return Any.pack(
            r.toBuilder()
                .setResourceName(ClientText.clip(r.getResourceName()))
                .setDescription(ClientText.clip(r.getDescription(), MAX_FIELD_CHARS))
                .build());
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a detail the server packed does not unpack", e);
    }
    return detail;
  }

  /**
   * {@code s} cut to at most {@code maxBytes} UTF-8 bytes (whole code points), ending in "…" if
   * cut.
   */
  static String clipBytes(String s, int maxBytes) {
    if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return s;
    }
    int budget = maxBytes - "…".getBytes(StandardCharsets.UTF_8).length;
    int end = 0;
    int used = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      used += size;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + "…";
  }
}
