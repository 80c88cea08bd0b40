package chaincast.admission;

import java.time.Duration;

/** A run the {@link AdmissionQueue} will not take: why, and when trying again may succeed. */
public final class AdmissionRefusedException extends RuntimeException {
  /** Why a run was refused. */
  public enum Reason {
    /** Every place in the queue is taken. */
    QUEUE_FULL,
    /** The client has as many runs waiting as one client may. */
    CLIENT_QUEUE_FULL,
    /** The run alone needs more than the whole budget: it can never start on this server. */
    TOO_LARGE
  }

  /** Why the run was refused. */
  private final Reason reason;

  private final transient Duration retryAfter;

  AdmissionRefusedException(Reason reason, String message, Duration retryAfter) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /** Why the run was refused. */
  public Reason reason() {
    return reason;
  }

  /** When a retry may find room (for {@link Reason#TOO_LARGE}, never: zero). */
  public Duration retryAfter() {
    return retryAfter;
  }
}
