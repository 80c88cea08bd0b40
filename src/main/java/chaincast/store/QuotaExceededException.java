package chaincast.store;

/**
 * A write would take its client over its quota (count of scenarios or their bytes); nothing was
 * changed.
 */
public final class QuotaExceededException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Which limit. */
  public enum Limit {
    /** The number of scenarios the client owns. */
    SCENARIOS,
    /** The encoded bytes of the scenarios the client owns. */
    BYTES
  }

  private final String owner;
  private final Limit limit;
  private final long max;
  private final long wouldUse;

  /**
   * @param owner the client the quota belongs to
   * @param limit which limit the write would exceed
   * @param max the limit
   * @param wouldUse what the client would own after the write
   */
  public QuotaExceededException(String owner, Limit limit, long max, long wouldUse) {
    super(message(owner, limit, max, wouldUse), null);
    this.owner = owner;
    this.limit = limit;
    this.max = max;
    this.wouldUse = wouldUse;
  }

  /**
   * Written for the client, who cannot see the server's command line: the limit in words, not the
   * option that sets it (the server logs that for its operator).
   */
  private static String message(String owner, Limit limit, long max, long wouldUse) {
    return switch (limit) {
      case SCENARIOS ->
          "client "
              + owner
              + " may store at most "
              + max
              + " scenarios and datasets; this write would make "
              + wouldUse
              + ". Delete scenarios it no longer needs, or ask the server's"
              + " operator to raise this limit";
      case BYTES ->
          "client "
              + owner
              + " may store at most "
              + max
              + " bytes of scenarios and datasets; this write would make "
              + wouldUse
              + ". Delete or shrink scenarios it no longer needs, or ask the"
              + " server's operator to raise this limit";
    };
  }

  /** The client the quota belongs to. */
  public String owner() {
    return owner;
  }

  /** Which limit the write would exceed. */
  public Limit limit() {
    return limit;
  }

  /** The limit. */
  public long max() {
    return max;
  }

  /** What the client would own after the write. */
  public long wouldUse() {
    return wouldUse;
  }
}
