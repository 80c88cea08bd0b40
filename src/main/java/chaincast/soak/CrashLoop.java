package chaincast.soak;

import chaincast.v1.CellOverride;
import chaincast.v1.CreateScenarioRequest;
import chaincast.v1.DeleteScenarioRequest;
import chaincast.v1.ListScenariosRequest;
import chaincast.v1.ListScenariosResponse;
import chaincast.v1.LocalizedName;
import chaincast.v1.Scenario;
import chaincast.v1.ScenarioOverrides;
import chaincast.v1.ScenarioServiceGrpc;
import chaincast.v1.UpdateScenarioRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Kills a server process with SIGKILL while concurrent writers create, update (with etags) and
 * delete scenarios, restarts it on the same data directory, and checks the store against a {@link
 * ScenarioLedger} of acknowledged writes; again and again.
 *
 * <p>Each cycle: start the server; list every scenario and reconcile with the ledger; run the
 * writers until a random number of writes has been acknowledged in this cycle; SIGKILL. Every other
 * cycle (at random) kills in the middle of writes; the others let the writers finish their writes
 * first and kill an idle server 0 to 100 ms after the last answer, which is when a write that only
 * reached memory (or a part of the file recovery does not read) is lost. After the last cycle the
 * server is started once more for the final check, and stopped gracefully.
 *
 * <p>A writer's call that fails counts as "killed" only if the kill had been sent before and the
 * status is what a dead server gives (UNAVAILABLE without the server's own details); any other
 * failure is recorded as {@link ScenarioLedger.Problem#UNEXPECTED_FAILURE}.
 */
public final class CrashLoop {
  /**
   * How to run.
   *
   * @param classpath classpath of the server JVMs
   * @param dataDir the data directory all incarnations share
   * @param cycles SIGKILL cycles
   * @param writers concurrent writer threads (each owns its scenario ids)
   * @param idsPerWriter scenario ids each writer cycles through
   * @param minAcks fewest writes acknowledged in a cycle before the kill
   * @param maxAcks most writes acknowledged in a cycle before the kill
   * @param seed random seed (ops, sizes, kill points)
   * @param jvmArgs options of the server JVMs
   * @param serveArgs more {@code serve} options
   * @param startTimeoutSeconds how long a server may take to listen
   */
  public record Options(
      String classpath,
      Path dataDir,
      int cycles,
      int writers,
      int idsPerWriter,
      int minAcks,
      int maxAcks,
      long seed,
      List<String> jvmArgs,
      List<String> serveArgs,
      long startTimeoutSeconds) {}

  /**
   * What a run found.
   *
   * @param cycles SIGKILL cycles run
   * @param acknowledged writes the server acknowledged
   * @param landedUnacknowledged writes in flight at a kill that turned out to have landed
   * @param scenariosAtEnd scenarios stored at the end
   * @param compactions compactions of the database file the servers logged
   * @param problems how many of each problem (all zero when the store kept its promise)
   * @param descriptions the first problems, described
   * @param seconds wall time
   */
  public record Result(
      int cycles,
      long acknowledged,
      long landedUnacknowledged,
      int scenariosAtEnd,
      int compactions,
      Map<ScenarioLedger.Problem, Integer> problems,
      List<String> descriptions,
      double seconds) {
    /** Whether no problem of any kind was seen. */
    public boolean clean() {
      return problems.values().stream().allMatch(n -> n == 0);
    }
  }

  private final Options options;
  private final ScenarioLedger ledger = new ScenarioLedger();
  private final Random random;
  private final AtomicLong writeSeq = new AtomicLong();
  private int compactions;

  public CrashLoop(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  /** The ledger (for tests that look at it after {@link #run()}). */
  public ScenarioLedger ledger() {
    return ledger;
  }

  /** Runs every cycle and the final check. */
  public Result run() throws Exception {
    return run(line -> {});
  }

  /** Runs every cycle and the final check, telling {@code progress} how each cycle went. */
  public Result run(Consumer<String> progress) throws Exception {
    long start = System.nanoTime();
    Files.createDirectories(options.dataDir());
    for (int cycle = 0; cycle < options.cycles(); cycle++) {
      try (ServerProcess server = start()) {
        ManagedChannel channel = channel(server);
        try {
          ledger.reconcile(listAll(channel));
          String how = writeUntilKilled(server, channel, cycle);
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "cycle %d: %d writes acknowledged so far, killed %s, %s problems, %.0f s",
                  cycle + 1,
                  ledger.acknowledgedWrites(),
                  how,
                  ledger.problems().values().stream().mapToInt(Integer::intValue).sum(),
                  (System.nanoTime() - start) / 1e9));
        } finally {
          channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        compactions += server.compactions();
      }
    }
    int atEnd;
    try (ServerProcess server = start()) {
      ManagedChannel channel = channel(server);
      try {
        Map<String, Scenario> stored = listAll(channel);
        ledger.reconcile(stored);
        atEnd = stored.size();
      } finally {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.stop();
      }
    }
    return new Result(
        options.cycles(),
        ledger.acknowledgedWrites(),
        ledger.landedUnacknowledged(),
        atEnd,
        compactions,
        ledger.problems(),
        ledger.descriptions(),
        (System.nanoTime() - start) / 1e9);
  }

  private ServerProcess start() throws Exception {
    return ServerProcess.start(
        options.classpath(),
        options.jvmArgs(),
        options.dataDir(),
        options.serveArgs(),
        options.startTimeoutSeconds());
  }

  private static ManagedChannel channel(ServerProcess server) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /** Every stored scenario, by id, page by page. */
  static Map<String, Scenario> listAll(ManagedChannel channel) {
    var stub =
        ScenarioServiceGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
    Map<String, Scenario> out = new HashMap<>();
    String token = "";
    do {
      ListScenariosResponse page =
          stub.listScenarios(
              ListScenariosRequest.newBuilder().setPageSize(100).setPageToken(token).build());
      page.getScenariosList().forEach(s -> out.put(s.getId(), s));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return out;
  }

  /**
   * Runs the writers until enough writes are acknowledged, then sends SIGKILL; says how it killed.
   */
  private String writeUntilKilled(ServerProcess server, ManagedChannel channel, int cycle)
      throws Exception {
    int target = options.minAcks() + random.nextInt(options.maxAcks() - options.minAcks() + 1);
    AtomicInteger acks = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(options.writers());
    AtomicBoolean killed = new AtomicBoolean();
    AtomicBoolean quiesce = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < options.writers(); w++) {
      Writer writer =
          new Writer(
              w,
              channel,
              new Random(random.nextLong()),
              killed,
              quiesce,
              () -> {
                if (acks.incrementAndGet() >= target) {
                  enough.countDown();
                }
              });
      Thread t =
          new Thread(
              () -> {
                try {
                  writer.run();
                } finally {
                  stopped.countDown();
                }
              },
              "writer-" + w);
      t.start();
      threads.add(t);
    }
    // Until enough writes are acknowledged; or every writer stopped on a failure (recorded).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!enough.await(100, TimeUnit.MILLISECONDS) && stopped.getCount() > 0) {
      if (System.nanoTime() > deadline) {
        ledger.unexpected(
            "cycle "
                + cycle
                + ": only "
                + acks.get()
                + " of "
                + target
                + " writes acknowledged in 300 s; server said "
                + server.lastLines());
        break;
      }
    }
    boolean whileWriting = random.nextBoolean();
    if (whileWriting) {
      Thread.sleep(random.nextInt(15)); // the kill lands anywhere in the writes in flight
    } else {
      quiesce.set(true); // every write answered, then the kill hits an idle server
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(120));
      }
      Thread.sleep(random.nextInt(101));
    }
    killed.set(true);
    server.kill();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(120));
    }
    return whileWriting ? "while writing" : "idle";
  }

  /** One writer: random creates, updates and deletes on its own ids until the server dies. */
  private final class Writer implements Runnable {
    private final int number;
    private final ManagedChannel channel;
    private final Random rnd;
    private final AtomicBoolean killed;
    private final AtomicBoolean quiesce;
    private final Runnable onAck;

    Writer(
        int number,
        ManagedChannel channel,
        Random rnd,
        AtomicBoolean killed,
        AtomicBoolean quiesce,
        Runnable onAck) {
      this.number = number;
      this.channel = channel;
      this.rnd = rnd;
      this.killed = killed;
      this.quiesce = quiesce;
      this.onAck = onAck;
    }

    @Override
    public void run() {
      while (!quiesce.get()) {
        String id = "w" + number + "-" + rnd.nextInt(options.idsPerWriter());
        try {
          write(id);
          onAck.run();
        } catch (StatusRuntimeException e) {
          if (!killed.get() || !causedByKill(e)) {
            ledger.unexpected(
                id
                    + ": "
                    + e.getStatus()
                    + (killed.get() ? " after the kill" : " while the server was up"));
            if (refusal(e.getStatus().getCode())) {
              ledger.refused(id); // a refused write changes nothing
            }
          }
          return;
        }
      }
    }

    private void write(String id) {
      var stub =
          ScenarioServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
      Scenario acked = ledger.acked(id);
      if (acked == null) {
        Scenario s = content(id);
        ledger.begin(id, ScenarioLedger.Op.CREATE, s);
        ledger.acknowledged(
            id,
            stub.createScenario(CreateScenarioRequest.newBuilder().setScenario(s).build())
                .getScenario());
      } else if (rnd.nextInt(10) < 7) {
        Scenario s = content(id);
        ledger.begin(id, ScenarioLedger.Op.UPDATE, s);
        Scenario sent = s.toBuilder().setEtag(acked.getEtag()).build();
        ledger.acknowledged(
            id,
            stub.updateScenario(UpdateScenarioRequest.newBuilder().setScenario(sent).build())
                .getScenario());
      } else {
        ledger.begin(id, ScenarioLedger.Op.DELETE, null);
        stub.deleteScenario(
            DeleteScenarioRequest.newBuilder().setScenarioId(id).setEtag(acked.getEtag()).build());
        ledger.acknowledged(id, null);
      }
    }

    /** A unique content per write, of varying size (so chunks vary too). */
    private Scenario content(String id) {
      long seq = writeSeq.incrementAndGet();
      return Scenario.newBuilder()
          .setId(id)
          .setName(LocalizedName.newBuilder().setZh("崩溃测试 " + seq).setEn(id + " write " + seq))
          .setDescription("write " + seq + " " + "x".repeat(rnd.nextInt(1500)))
          .setOverrides(
              ScenarioOverrides.newBuilder()
                  .addCells(
                      CellOverride.newBuilder()
                          .setCellId("pharma@etdz")
                          .setDriftMean((seq % 200) / 1000.0 - 0.1)))
          .build();
    }
  }

  /** Statuses with which the server refuses a write it did not make. */
  static boolean refusal(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT,
          NOT_FOUND,
          ALREADY_EXISTS,
          ABORTED,
          FAILED_PRECONDITION,
          RESOURCE_EXHAUSTED ->
          true;
      default -> false;
    };
  }

  /**
   * Whether a failure is what a killed server gives: UNAVAILABLE from the transport. The server's
   * own UNAVAILABLE (its store being reopened) carries details, so it is not mistaken for a kill.
   */
  static boolean causedByKill(StatusRuntimeException e) {
    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    com.google.rpc.Status rich = StatusProto.fromThrowable(e);
    return rich == null || rich.getDetailsCount() == 0;
  }
}
