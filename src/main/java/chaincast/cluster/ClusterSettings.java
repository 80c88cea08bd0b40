package chaincast.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a server joins its cluster.
 *
 * @param host the address this member binds and announces (an IP of this machine)
 * @param port the member's port
 * @param members the members to join by TCP-IP, {@code host:port} each (this one may be listed)
 * @param taskTimeout how long a member may take over one task before its blocks go elsewhere
 */
public record ClusterSettings(String host, int port, List<String> members, Duration taskTimeout) {

  /** The Hazelcast default member port. */
  public static final int DEFAULT_PORT = 5701;

  /** A task's time before its blocks go elsewhere: far beyond any one task's normal time. */
  public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(2);

  /** Checks and copies. */
  public ClusterSettings {
    Objects.requireNonNull(host, "host");
    members = List.copyOf(members);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster port must be 1 to 65535, got " + port);
    }
    if (taskTimeout.isNegative() || taskTimeout.isZero()) {
      throw new IllegalArgumentException("task timeout must be positive");
    }
  }

  /** Settings with the default task timeout. */
  public ClusterSettings(String host, int port, List<String> members) {
    this(host, port, members, DEFAULT_TASK_TIMEOUT);
  }
}
