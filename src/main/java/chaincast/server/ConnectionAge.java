package chaincast.server;

import java.time.Duration;

/**
 * How long a client's connection to this server lives before the server asks it (HTTP/2 GOAWAY) to
 * reconnect, and how long calls already running on it may then take to finish.
 *
 * <p>A round-robin client keeps its connections for as long as they work, so without an age a
 * replica started later would get no calls from clients that were already connected. With one, each
 * client resolves its servers again within {@code maxAge} and spreads over the new replica too. The
 * grace outlasts the CLI's default deadline (600 s), so a long run is never cut off by it.
 *
 * @param maxAge when a connection is asked to go (gRPC adds up to ±10% jitter)
 * @param grace how long calls in flight may still run after that
 */
public record ConnectionAge(Duration maxAge, Duration grace) {
  /** Five minutes, then up to fifteen for calls in flight. */
  public static final ConnectionAge DEFAULT =
      new ConnectionAge(Duration.ofMinutes(5), Duration.ofMinutes(15));

  /** Checks that both are positive. */
  public ConnectionAge {
    if (maxAge.isNegative() || maxAge.isZero() || grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException(
          "connection age and grace must be positive, got " + maxAge + " and " + grace);
    }
  }
}
