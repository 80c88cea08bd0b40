package chaincast.api;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * INTERNAL, for real bugs only: the client gets a generic message with an error id and nothing of
 * the failure itself (no exception class, message, SQL or path), and the log gets the same id with
 * the stack trace, so an operator finds the one from the other.
 */
public final class InternalErrors {
  private static final Logger logger = Logger.getLogger(InternalErrors.class.getName());

  /** {@code ErrorInfo.reason} of an internal error. */
  public static final String REASON = "INTERNAL_ERROR";

  /** {@code ErrorInfo.domain} of the errors this server raises. */
  public static final String DOMAIN = "chaincast.v1";

  /** {@code ErrorInfo.metadata} key of the error id. */
  public static final String ERROR_ID_KEY = "error_id";

  private InternalErrors() {}

  /**
   * Logs {@code failure} at SEVERE with a new error id and returns the status to send: INTERNAL
   * "internal error; reference ID", with a {@code google.rpc.ErrorInfo} carrying the id.
   *
   * @param what what the server was doing, for the log, e.g. "simulation"
   * @param failure the unexpected failure; it goes to the log only, never to the client
   * @return the INTERNAL status to send
   */
  public static StatusRuntimeException report(String what, Throwable failure) {
    String id = newId();
    logger.log(
        Level.SEVERE,
        "internal error " + id + " in " + what + " (caller " + Caller.current().id() + ")",
        failure);
    ErrorInfo info =
        ErrorInfo.newBuilder()
            .setReason(REASON)
            .setDomain(DOMAIN)
            .putMetadata(ERROR_ID_KEY, id)
            .build();
    return StatusProto.toStatusRuntimeException(
        Status.newBuilder()
            .setCode(Code.INTERNAL_VALUE)
            .setMessage("internal error; reference " + id)
            .addDetails(Any.pack(info))
            .build());
  }

  /** Twelve hex digits: short enough to read out, unique enough among one server's errors. */
  static String newId() {
    return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
  }
}
