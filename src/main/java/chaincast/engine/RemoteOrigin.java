package chaincast.engine;

/**
 * Where a run's projection comes from, for a cluster: the request as bytes that another machine
 * plans into the same projection (opaque to the engine), and which of its targets a pass keeps. A
 * run given no origin stays on this machine.
 *
 * @param request the request's bytes (the run layer's encoding)
 * @param target -1 for the whole projection; otherwise the only target kept (an importance pass,
 *     see {@link ImportanceRun})
 */
public record RemoteOrigin(byte[] request, int target) {

  /** Copies the bytes, so the origin stays immutable. */
  public RemoteOrigin {
    request = request.clone();
    if (target < -1) {
      throw new IllegalArgumentException("target must be -1 (all) or an index, got " + target);
    }
  }

  /**
   * The whole projection planned from {@code request}.
   *
   * @param request the request's bytes
   * @return the origin
   */
  public static RemoteOrigin of(byte[] request) {
    return new RemoteOrigin(request, -1);
  }

  /** A copy of the request's bytes. */
  @Override
  public byte[] request() {
    return request.clone();
  }

  /** The same request with target {@code t} alone. */
  RemoteOrigin single(int t) {
    return new RemoteOrigin(request, t);
  }

  /** The projection a member runs: {@code projection} itself, or its one kept target. */
  Projection shape(Projection projection) {
    return target < 0 ? projection : ImportanceRun.singleTarget(projection, target);
  }
}
