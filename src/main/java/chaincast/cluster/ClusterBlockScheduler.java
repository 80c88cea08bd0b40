package chaincast.cluster;

import chaincast.cluster.v1.BlockResult;
import chaincast.cluster.v1.RefusalReason;
import chaincast.engine.BlockDistributor;
import chaincast.engine.CancellationSignal;
import chaincast.engine.MonteCarloEngine;
import chaincast.engine.RangeResult;
import chaincast.engine.RemoteJob;
import chaincast.engine.RunCancelledException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Spreads each round of an engine run over the cluster's members: the round's blocks are cut into
 * ranges, each member takes one range at a time (a {@link BlockCall} through Hazelcast's {@link
 * IExecutorService}) and this member runs ranges itself through its local threads while it waits.
 * Ranges are handed out as members finish, so a fast member takes more.
 *
 * <h2>Failures</h2>
 *
 * <ul>
 *   <li>A member that leaves mid-run (its task fails: member left, instance not active, target not
 *       a member, or any other failure) or overruns the task timeout: its range goes back to the
 *       queue and is run by another member or here, and counted as {@link #resubmitted()}; a late
 *       answer for a range already given elsewhere is dropped, so every block counts once.
 *   <li>A member whose model digest or engine version differs refuses the task, naming both; it is
 *       logged once and not sent another task while it stays in the cluster. The run goes on
 *       without it.
 *   <li>A member that cannot plan the request (a dataset it does not store) or is still starting
 *       refuses; the range goes elsewhere and the member is skipped for the rest of the round.
 * </ul>
 *
 * The engine folds the ranges' block sums in block order, so the result does not depend on who ran
 * what. Thread-safe: concurrent runs share it.
 */
public final class ClusterBlockScheduler implements BlockDistributor {
  private static final Logger logger = Logger.getLogger(ClusterBlockScheduler.class.getName());

  /** Ranges per participating member in a round: some slack for members of unequal speed. */
  static final int RANGES_PER_MEMBER = 2;

  /** How often the waiting thread looks at cancellation and timeouts. */
  private static final long POLL_MILLIS = 50;

  /** Told as ranges come back from other members (tests stop a member at that moment). */
  public interface Listener {
    /**
     * A member's range arrived and was taken.
     *
     * @param from the member
     * @param first the range's first block
     * @param end one past its last block
     */
    void rangeArrived(Member from, long first, long end);
  }

  private final HazelcastInstance instance;
  private final Identity identity;
  private final Duration taskTimeout;
  private final IExecutorService executor;

  /** Members that refused for a mismatch, by UUID (a restarted member has a new one). */
  private final Set<UUID> refused = ConcurrentHashMap.newKeySet();

  private final AtomicLong resubmitted = new AtomicLong();
  private final AtomicLong remoteRanges = new AtomicLong();
  private final AtomicLong answerBytes = new AtomicLong();
  private volatile Listener listener = (from, first, end) -> {};

  ClusterBlockScheduler(HazelcastInstance instance, Identity identity, Duration taskTimeout) {
    this.instance = instance;
    this.identity = identity;
    this.taskTimeout = taskTimeout;
    this.executor = instance.getExecutorService(ClusterNode.EXECUTOR);
  }

  /** Ranges given back to the queue after a member failed, left or overran, since start. */
  public long resubmitted() {
    return resubmitted.get();
  }

  /** Ranges run by other members and taken, since start. */
  public long remoteRanges() {
    return remoteRanges.get();
  }

  /** Bytes of the ranges' answers taken, since start (what the coordinator had to read). */
  public long answerBytes() {
    return answerBytes.get();
  }

  /** Members refused for a different model or engine, by UUID. */
  public Set<UUID> refusedMembers() {
    return Set.copyOf(refused);
  }

  /** Replaces the listener (tests). */
  public void listener(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void run(
      RemoteJob job,
      long first,
      long end,
      LocalBlocks local,
      Consumer<RangeResult> remote,
      CancellationSignal cancel) {
    List<Member> others = new ArrayList<>();
    for (Member m : instance.getCluster().getMembers()) {
      if (!m.localMember() && !refused.contains(m.getUuid())) {
        others.add(m);
      }
    }
    if (others.isEmpty()) {
      local.run(first, end);
      return;
    }
    new Round(job, first, end, local, remote, cancel, others).execute();
  }

  /** A range sent to a member. */
  private record Sent(Member member, long first, long end, Future<byte[]> future, long deadline) {}

  /** A member's answer (or failure) for a range. */
  private record Done(Sent sent, byte[] answer, Throwable failure) {}

  /** One round: its queue of ranges, the ranges out with members, and their answers. */
  private final class Round {
    private final RemoteJob job;
    private final LocalBlocks local;
    private final Consumer<RangeResult> remote;
    private final CancellationSignal cancel;
    private final List<Member> members;
    private final Deque<long[]> pending = new ArrayDeque<>();
    private final Map<Member, Sent> out = new HashMap<>();
    private final Set<Member> skipped = new HashSet<>();
    private final LinkedBlockingQueue<Done> answers = new LinkedBlockingQueue<>();
    private final long first;
    private long pathsDone;

    Round(
        RemoteJob job,
        long first,
        long end,
        LocalBlocks local,
        Consumer<RangeResult> remote,
        CancellationSignal cancel,
        List<Member> members) {
      this.job = job;
      this.first = first;
      this.local = local;
      this.remote = remote;
      this.cancel = cancel;
      this.members = members;
      long blocks = end - first;
      long size = Math.max(1, -Math.floorDiv(-blocks, (members.size() + 1L) * RANGES_PER_MEMBER));
      for (long a = first; a < end; a += size) {
        pending.add(new long[] {a, Math.min(end, a + size)});
      }
    }

    void execute() {
      try {
        while (!pending.isEmpty() || !out.isEmpty()) {
          if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new RunCancelledException(
                Math.min(first * MonteCarloEngine.BLOCK_SIZE, job.pathLimit()) + pathsDone);
          }
          for (Done d = answers.poll(); d != null; d = answers.poll()) {
            take(d);
          }
          dispatch();
          long[] here = pending.pollFirst();
          if (here != null) {
            local.run(here[0], here[1]);
            pathsDone += paths(here[0], here[1]);
          } else if (!out.isEmpty()) {
            Done d = answers.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (d != null) {
              take(d);
            }
            expire();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunCancelledException(pathsDone);
      } finally {
        for (Sent s : out.values()) {
          s.future().cancel(true);
        }
      }
    }

    /** Gives each idle member that may take one the next range. */
    private void dispatch() {
      for (Member m : members) {
        if (pending.isEmpty()) {
          return;
        }
        if (out.containsKey(m) || skipped.contains(m) || refused.contains(m.getUuid())) {
          continue;
        }
        long[] range = pending.pollFirst();
        byte[] task = Wire.task(job, range[0], range[1], identity).toByteArray();
        Future<byte[]> future = executor.submitToMember(new BlockCall(task), m);
        Sent sent =
            new Sent(m, range[0], range[1], future, System.nanoTime() + taskTimeout.toNanos());
        out.put(m, sent);
        if (future instanceof CompletableFuture<byte[]> f) {
          var unused =
              f.whenComplete((answer, failure) -> answers.add(new Done(sent, answer, failure)));
        } else {
          throw new IllegalStateException("Hazelcast's futures are completable since 4.0");
        }
      }
    }

    /** Takes a member's answer: its range's result, or the range back to the queue. */
    private void take(Done d) {
      Sent s = d.sent();
      if (!s.equals(out.get(s.member()))) { // its future makes each Sent unique
        return; // a range that timed out and went elsewhere: dropped, so it counts once
      }
      out.remove(s.member());
      if (d.failure() != null) {
        giveBack(s, "failed: " + rootMessage(d.failure()));
        return;
      }
      BlockResult answer;
      try {
        answer = BlockResult.parseFrom(d.answer());
      } catch (InvalidProtocolBufferException e) {
        giveBack(s, "sent an unreadable answer: " + e.getMessage());
        return;
      }
      if (answer.hasRefusal()) {
        RefusalReason reason = answer.getRefusal().getReason();
        if (reason == RefusalReason.REFUSAL_REASON_MODEL_DIGEST_MISMATCH
            || reason == RefusalReason.REFUSAL_REASON_ENGINE_VERSION_MISMATCH) {
          if (refused.add(s.member().getUuid())) {
            logger.warning(
                "cluster member "
                    + s.member().getAddress()
                    + " refused and is left out: "
                    + answer.getRefusal().getMessage());
          }
        }
        giveBack(s, "refused: " + answer.getRefusal().getMessage());
        return;
      }
      RangeResult result = Wire.decode(answer.getRange());
      if (result.first() != s.first() || result.end() != s.end()) {
        giveBack(s, "answered for other blocks");
        return;
      }
      remote.accept(result);
      remoteRanges.incrementAndGet();
      answerBytes.addAndGet(d.answer().length);
      pathsDone += paths(s.first(), s.end());
      listener.rangeArrived(s.member(), s.first(), s.end());
    }

    /** Overdue ranges go back to the queue; their members get no more of this round. */
    private void expire() {
      long now = System.nanoTime();
      for (Sent s : List.copyOf(out.values())) {
        if (now - s.deadline() > 0) {
          out.remove(s.member());
          s.future().cancel(true);
          giveBack(s, "took longer than " + taskTimeout.toSeconds() + " s");
        }
      }
    }

    private void giveBack(Sent s, String why) {
      skipped.add(s.member());
      pending.addFirst(new long[] {s.first(), s.end()});
      resubmitted.incrementAndGet();
      logger.info(
          "cluster member "
              + s.member().getAddress()
              + " "
              + why
              + "; blocks "
              + s.first()
              + " to "
              + s.end()
              + " resubmitted");
    }

    private long paths(long a, long b) {
      return Math.min(b * MonteCarloEngine.BLOCK_SIZE, job.pathLimit())
          - Math.min(a * MonteCarloEngine.BLOCK_SIZE, job.pathLimit());
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c.getCause() != null) && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
