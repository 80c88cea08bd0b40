package chaincast.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The long crash soak of the scenario store, from the command line:
 *
 * <pre>
 * java -cp target/chaincast.jar chaincast.soak.CrashSoak --cycles 200
 * java -cp target/chaincast.jar chaincast.soak.CrashSoak --cycles 200 --store postgresql://USER@HOST:PORT/DB
 * </pre>
 *
 * <p>Runs {@link CrashLoop}: SIGKILL of a real {@code chaincast serve} process under concurrent
 * writers, restart, and a check of every scenario against the ledger of acknowledged writes. Prints
 * the figures; exits 0 when nothing was lost, resurrected, half-written or reissued, 1 otherwise.
 */
@Command(
    name = "CrashSoak",
    mixinStandardHelpOptions = true,
    description =
        "Kill -9 a Chaincast server under concurrent scenario writers, again and again, and check every acknowledged write.")
public final class CrashSoak implements Callable<Integer> {
  @Option(names = "--cycles", description = "SIGKILL cycles (default: ${DEFAULT-VALUE}).")
  int cycles = 200;

  @Option(names = "--writers", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
  int writers = 4;

  @Option(
      names = "--ids-per-writer",
      description = "Scenario ids each writer uses (default: ${DEFAULT-VALUE}).")
  int idsPerWriter = 25;

  @Option(
      names = "--min-acks",
      description =
          "Fewest acknowledged writes per cycle before the kill (default: ${DEFAULT-VALUE}).")
  int minAcks = 50;

  @Option(
      names = "--max-acks",
      description =
          "Most acknowledged writes per cycle before the kill (default: ${DEFAULT-VALUE}).")
  int maxAcks = 250;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 2025;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (default: a new temporary one).")
  Path dataDir;

  @Option(
      names = "--compact-bytes",
      paramLabel = "BYTES",
      description =
          "The server's --store-compact-bytes, low so that compaction runs under the kills too (default: ${DEFAULT-VALUE}).")
  long compactBytes = 1024 * 1024;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "The servers' --store: a PostgreSQL database (postgresql://USER:PASSWORD@HOST:PORT/DB) instead of H2 in --data-dir; use an empty database (default: H2).")
  String store;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("chaincast-crash-soak");
    List<String> jvm =
        new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    CrashLoop.Options options =
        new CrashLoop.Options(
            System.getProperty("java.class.path"),
            dir,
            cycles,
            writers,
            idsPerWriter,
            minAcks,
            maxAcks,
            seed,
            jvm,
            serveArgs(),
            300);
    System.out.println(
        "crash soak: "
            + cycles
            + " SIGKILL cycles, "
            + writers
            + " writers, data in "
            + (store != null ? "PostgreSQL" : dir));
    CrashLoop.Result r = new CrashLoop(options).run(System.out::println);
    System.out.println(format(r));
    return r.clean() ? 0 : 1;
  }

  private List<String> serveArgs() {
    List<String> args =
        new ArrayList<>(List.of("--store-compact-bytes", Long.toString(compactBytes)));
    if (store != null) {
      args.addAll(List.of("--store", store));
    }
    return args;
  }

  /** The figures, one per line. */
  public static String format(CrashLoop.Result r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "cycles                       %d%n", r.cycles()));
    b.append(String.format(Locale.ROOT, "acknowledged writes          %d%n", r.acknowledged()));
    b.append(
        String.format(Locale.ROOT, "in flight at a kill, landed  %d%n", r.landedUnacknowledged()));
    b.append(String.format(Locale.ROOT, "scenarios at the end         %d%n", r.scenariosAtEnd()));
    b.append(String.format(Locale.ROOT, "compactions                  %d%n", r.compactions()));
    r.problems()
        .forEach(
            (p, n) ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        "%-28s %d%n",
                        p.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        n)));
    b.append(String.format(Locale.ROOT, "wall time                    %.0f s%n", r.seconds()));
    r.descriptions().forEach(d -> b.append("  ").append(d).append(System.lineSeparator()));
    return b.toString();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CrashSoak()).execute(args));
  }
}
