package chaincast.store;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where sweeps live: each sweep's request and its finished points, as protobuf bytes, in the same
 * database and under the same durability contract as the scenarios (a write that returned survives
 * a SIGKILL). The shape maps one to one onto two tables: {@code sweeps(id, owner, request, created,
 * state, version)} and {@code sweep_points(sweep_id, point_index, result)} keyed by both.
 *
 * <p>The store does not read the bytes: the caller (the sweep service) decides whether a request is
 * the same as the stored one, and what a point's result holds.
 */
public interface SweepStore {
  /** A sweep is still missing points (running, or stopped and resumable). */
  String STATE_INCOMPLETE = "incomplete";

  /** Every point of the sweep is stored. */
  String STATE_DONE = "done";

  /**
   * A stored sweep.
   *
   * @param id the client's sweep id
   * @param owner the client that created it
   * @param request the normalized request, as protobuf bytes
   * @param created when it was first stored
   * @param state {@link #STATE_INCOMPLETE} or {@link #STATE_DONE}
   * @param version changes on every write to the row
   */
  record StoredSweep(
      String id, String owner, byte[] request, Instant created, String state, long version) {}

  /**
   * Stores a new sweep in state {@link #STATE_INCOMPLETE}, unless one with {@code id} exists: then
   * nothing is written and the existing one is returned, for the caller to compare requests.
   *
   * @param id the sweep id
   * @param owner the client creating it
   * @param request the normalized request's bytes
   * @return the sweep now stored under {@code id} (new or existing)
   */
  StoredSweep createSweepIfAbsent(String id, String owner, byte[] request);

  /**
   * The sweep with {@code id}, if any.
   *
   * @param id the sweep id
   * @return the stored sweep
   */
  Optional<StoredSweep> getSweep(String id);

  /**
   * Stores one finished point's result; storing the same index again replaces it (a resumed sweep
   * never does, but a retried write must not fail).
   *
   * @param sweepId an existing sweep's id
   * @param index the point's index
   * @param result the point's result bytes
   */
  void putSweepPoint(String sweepId, int index, byte[] result);

  /**
   * Every stored point of a sweep.
   *
   * @param sweepId the sweep id
   * @return point index to result bytes, in index order (empty for an unknown sweep)
   */
  SortedMap<Integer, byte[]> sweepPoints(String sweepId);

  /**
   * Sets a sweep's state.
   *
   * @param sweepId an existing sweep's id
   * @param state {@link #STATE_INCOMPLETE} or {@link #STATE_DONE}
   */
  void setSweepState(String sweepId, String state);
}
