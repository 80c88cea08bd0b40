package chaincast.soak;

import chaincast.v1.Scenario;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger of scenario writes a crash test made: what each acknowledged write left, and the one
 * write per scenario whose answer never came (the server was killed while it was in flight). After
 * a restart, {@link #reconcile} compares the store with it.
 *
 * <p>Each scenario id is written by one writer at a time, so a scenario has at most one write in
 * flight; its outcome is unknown, and either outcome is accepted (a write is atomic: wholly there
 * or wholly absent). Everything else must be exactly as acknowledged.
 *
 * <p>Thread-safe for writers on disjoint ids; {@link #reconcile} runs while no writer runs.
 */
public final class ScenarioLedger {
  /** What can be wrong after a restart (or during a cycle). */
  public enum Problem {
    /** A scenario is missing, or older than its acknowledged version. */
    LOST,
    /** A scenario whose deletion was acknowledged is back. */
    RESURRECTED,
    /** An etag was issued for two different writes. */
    ETAG_REUSED,
    /** A stored scenario is not exactly what any write sent. */
    HALF_WRITTEN,
    /** A scenario no write created. */
    PHANTOM,
    /** A call failed while the server was up, or with a status a kill does not explain. */
    UNEXPECTED_FAILURE
  }

  /** A write in flight. */
  public enum Op {
    CREATE,
    UPDATE,
    DELETE
  }

  private static final int KEPT_DESCRIPTIONS = 20;

  /** One scenario id: its acknowledged state and its write in flight. */
  private static final class Entry {
    /** The acknowledged content with its etag; null when absent (never created, or deleted). */
    Scenario acked;

    Op pendingOp;

    /** What the write in flight sent (etag and times cleared). */
    Scenario pendingContent;
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Every etag the server answered with, or that a restarted store showed for a write in flight.
   */
  private final Map<String, String> issued = new ConcurrentHashMap<>();

  private final Map<Problem, Integer> counts = new EnumMap<>(Problem.class);
  private final List<String> descriptions = new ArrayList<>();
  private long acknowledged;
  private long landedUnacknowledged;

  /** The acknowledged state of {@code id} (null when absent). */
  public Scenario acked(String id) {
    Entry e = entries.get(id);
    return e == null ? null : e.acked;
  }

  /** Records a write about to be sent; until it is acknowledged its outcome is unknown. */
  public void begin(String id, Op op, Scenario content) {
    Entry e = entries.computeIfAbsent(id, k -> new Entry());
    e.pendingOp = op;
    e.pendingContent = op == Op.DELETE ? null : normalized(content);
  }

  /**
   * Records the server's answer to the write in flight: {@code stored} as the server returned it
   * (null for a delete).
   */
  public void acknowledged(String id, Scenario stored) {
    Entry e = entries.get(id);
    if (stored != null) {
      if (!normalized(stored).equals(e.pendingContent)) {
        problem(Problem.HALF_WRITTEN, id + ": the answer to a write is not what was sent");
      }
      issue(stored.getEtag(), id);
    }
    e.acked = stored;
    e.pendingOp = null;
    e.pendingContent = null;
    synchronized (this) {
      acknowledged++;
    }
  }

  /** Records that the write in flight on {@code id} was refused, so it changed nothing. */
  public void refused(String id) {
    Entry e = entries.get(id);
    e.pendingOp = null;
    e.pendingContent = null;
  }

  /** Records a call that failed for a reason a killed server does not explain. */
  public void unexpected(String description) {
    problem(Problem.UNEXPECTED_FAILURE, description);
  }

  /**
   * Compares the store after a restart ({@code stored}: every scenario, by id) with the ledger,
   * records each problem, and settles the writes that were in flight as the store shows them.
   */
  public synchronized void reconcile(Map<String, Scenario> stored) {
    Set<String> ids = new HashSet<>(entries.keySet());
    ids.addAll(stored.keySet());
    for (String id : ids) {
      Entry e = entries.get(id);
      Scenario s = stored.get(id);
      if (e == null) {
        problem(Problem.PHANTOM, id + ": stored (etag " + s.getEtag() + ") but never written");
        entries.computeIfAbsent(id, k -> new Entry()).acked =
            s; // reported once, then taken as it is
        continue;
      }
      if (e.pendingOp == null) {
        checkAcknowledged(id, e, s);
      } else {
        settlePending(id, e, s);
      }
      e.pendingOp = null;
      e.pendingContent = null;
    }
  }

  /**
   * No write was in flight: the store must hold exactly the acknowledged state. A difference is
   * reported once; the ledger then takes the store as it is, so later cycles count new problems.
   */
  private void checkAcknowledged(String id, Entry e, Scenario s) {
    if (e.acked == null) {
      if (s != null) {
        boolean old = issued.containsKey(s.getEtag());
        problem(
            old ? Problem.RESURRECTED : Problem.PHANTOM,
            id + ": deleted (acknowledged) but stored with etag " + s.getEtag());
        e.acked = s;
      }
      return;
    }
    if (s == null) {
      problem(Problem.LOST, id + ": acknowledged at " + e.acked.getEtag() + " but missing");
    } else if (!s.getEtag().equals(e.acked.getEtag())) {
      problem(
          Problem.LOST,
          id + ": acknowledged at " + e.acked.getEtag() + " but stored at " + s.getEtag());
    } else if (!normalized(s).equals(normalized(e.acked))) {
      problem(
          Problem.HALF_WRITTEN,
          id + ": stored at " + s.getEtag() + " with other content than acknowledged");
    }
    e.acked = s;
  }

  /** A write was in flight: the store holds either the acknowledged state or the write's result. */
  private void settlePending(String id, Entry e, Scenario s) {
    boolean unchanged =
        e.acked == null
            ? s == null
            : s != null
                && s.getEtag().equals(e.acked.getEtag())
                && normalized(s).equals(normalized(e.acked));
    if (unchanged) {
      return; // the write did not land
    }
    boolean landed =
        e.pendingOp == Op.DELETE ? s == null : s != null && normalized(s).equals(e.pendingContent);
    if (!landed) {
      Problem p =
          s == null
              ? Problem.LOST
              : e.acked != null && s.getEtag().equals(e.acked.getEtag())
                  ? Problem.HALF_WRITTEN
                  : Problem.LOST;
      problem(
          p,
          id
              + ": neither the acknowledged state "
              + (e.acked == null ? "(absent)" : e.acked.getEtag())
              + " nor the "
              + e.pendingOp
              + " in flight; stored "
              + (s == null ? "nothing" : s.getEtag()));
      e.acked = s;
      return;
    }
    if (s != null) {
      issue(s.getEtag(), id);
    }
    e.acked = s;
    landedUnacknowledged++;
  }

  private void issue(String etag, String id) {
    String before = issued.putIfAbsent(etag, id);
    if (before != null) {
      problem(
          Problem.ETAG_REUSED, "etag " + etag + " issued for " + before + " and again for " + id);
    }
  }

  private synchronized void problem(Problem p, String description) {
    counts.merge(p, 1, Integer::sum);
    if (descriptions.size() < KEPT_DESCRIPTIONS) {
      descriptions.add(p + " " + description);
    }
  }

  /** How many of each problem were seen. */
  public synchronized Map<Problem, Integer> problems() {
    Map<Problem, Integer> out = new EnumMap<>(Problem.class);
    for (Problem p : Problem.values()) {
      out.put(p, counts.getOrDefault(p, 0));
    }
    return out;
  }

  /** The first problems, described. */
  public synchronized List<String> descriptions() {
    return List.copyOf(descriptions);
  }

  /** Writes the server acknowledged. */
  public synchronized long acknowledgedWrites() {
    return acknowledged;
  }

  /** Writes in flight at a kill that the restarted store showed had landed. */
  public synchronized long landedUnacknowledged() {
    return landedUnacknowledged;
  }

  /** Scenarios present by the ledger. */
  public Map<String, Scenario> expected() {
    Map<String, Scenario> out = new HashMap<>();
    entries.forEach(
        (id, e) -> {
          if (e.acked != null) {
            out.put(id, e.acked);
          }
        });
    return out;
  }

  /** A scenario without what the server sets (etag, times). */
  static Scenario normalized(Scenario s) {
    return s.toBuilder().clearEtag().clearCreateTime().clearUpdateTime().build();
  }
}
