package chaincast.cluster;

import chaincast.engine.MonteCarloEngine;
import chaincast.run.ProjectionPlanner;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server as a Hazelcast member: joins by TCP-IP only (multicast and auto-detection off), sends
 * no phone-home, installs no shutdown hook (the server's graceful shutdown closes it), and logs
 * only warnings. Runs the tasks other members send ({@link #serve}) and gives this server's engine
 * its {@link ClusterBlockScheduler}.
 */
public final class ClusterNode implements AutoCloseable {

  /** Hazelcast's own loggers: warnings only (it is chatty at INFO); held so the level sticks. */
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

  /** The executor the blocks' tasks run on, on every member. */
  static final String EXECUTOR = "chaincast-blocks";

  private final HazelcastInstance instance;
  private final Identity identity;
  private final ClusterBlockScheduler scheduler;

  private ClusterNode(HazelcastInstance instance, Identity identity, ClusterSettings settings) {
    this.instance = instance;
    this.identity = identity;
    this.scheduler = new ClusterBlockScheduler(instance, identity, settings.taskTimeout());
  }

  /**
   * Starts a member and joins the cluster (or founds it, if no listed member answers).
   *
   * @param settings where to bind and whom to join
   * @param identity this member's model digest and engine version
   * @return the started member
   */
  public static ClusterNode start(ClusterSettings settings, Identity identity) {
    HAZELCAST_LOG.setLevel(Level.WARNING);
    return new ClusterNode(Hazelcast.newHazelcastInstance(config(settings)), identity, settings);
  }

  /** The Hazelcast configuration of {@code settings}. */
  static Config config(ClusterSettings settings) {
    Config config = new Config();
    config.setClusterName("chaincast");
    config.setInstanceName("chaincast-" + settings.host() + "-" + settings.port());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.socket.bind.any", "false");
    // Start fast and notice a killed member within seconds, not the default minute.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    config.getJetConfig().setEnabled(false);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.setPublicAddress(settings.host() + ":" + settings.port());
    network.getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    for (String member : settings.members()) {
      join.getTcpIpConfig().addMember(member);
    }
    return config;
  }

  /**
   * Runs other members' tasks on {@code engine}, planning their requests with {@code planner}; a
   * task that arrives before is refused as not ready (its blocks go elsewhere).
   */
  public void serve(MonteCarloEngine engine, ProjectionPlanner planner) {
    instance.getUserContext().put(BlockCall.MEMBER_WORK, new MemberWork(identity, engine, planner));
  }

  /** The scheduler that spreads this server's runs over the cluster. */
  public ClusterBlockScheduler scheduler() {
    return scheduler;
  }

  /** The Hazelcast member. */
  public HazelcastInstance instance() {
    return instance;
  }

  /** This member's identity. */
  public Identity identity() {
    return identity;
  }

  /** Leaves the cluster gracefully. */
  @Override
  public void close() {
    instance.shutdown();
  }
}
