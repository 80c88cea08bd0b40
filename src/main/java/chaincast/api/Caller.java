package chaincast.api;

import io.grpc.Context;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: the identity that quotas, fairness and logs are keyed by, and the roles that
 * decide what the caller may do.
 *
 * <p>The server's interceptors put one into the call's {@link Context} before any service code
 * runs: the authenticated token's name when authentication is on, otherwise the peer's address.
 * Services read it with {@link #current()} and never parse metadata themselves.
 *
 * @param id stable identity, e.g. {@code token:planner} or {@code peer:127.0.0.1}
 * @param roles what the caller may do
 */
public record Caller(String id, Set<Role> roles) {
  /** What a caller may do; each RPC needs one role. */
  public enum Role {
    /** Browse the model and run simulations. */
    READ,
    /** Create, update and delete stored scenarios (and datasets). */
    WRITE,
    /** Operator calls. */
    ADMIN
  }

  /** The context key the server's interceptors set. */
  public static final Context.Key<Caller> KEY = Context.key("chaincast-caller");

  /**
   * The caller of an in-process call that went through no interceptor (tests, the CLI's local
   * server).
   */
  public static final Caller LOCAL = new Caller("local", EnumSet.allOf(Role.class));

  /**
   * A caller and the roles it holds.
   *
   * @param id how logs and quotas name the caller ({@code token:NAME}, {@code cert:NAME}, {@code
   *     peer:HOST} or {@code local})
   * @param roles the roles it holds (copied)
   */
  public Caller {
    roles = Set.copyOf(roles);
  }

  /**
   * The caller of the current call, or {@link #LOCAL} outside a call.
   *
   * @return the caller the interceptors named
   */
  public static Caller current() {
    Caller c = KEY.get();
    return c == null ? LOCAL : c;
  }

  /**
   * Whether this caller holds {@code role}.
   *
   * @param role the role a method needs
   * @return true if the caller holds it
   */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
