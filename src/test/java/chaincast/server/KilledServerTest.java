package chaincast.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chaincast.soak.CrashLoop;
import chaincast.soak.CrashSoak;
import chaincast.soak.ScenarioLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty SIGKILLs of a real server process ({@code java -cp <test classpath> chaincast.cli.Main
 * serve}) while three writers create, update (with etags) and delete scenarios, each followed by a
 * restart on the same data directory and a check of every scenario against the ledger of
 * acknowledged writes: none lost, no deleted scenario back, no etag issued twice, nothing
 * half-written, and no call failing for any reason but the kill. Half the kills land among writes
 * in flight, half on an idle server just after the last answer. The database file is compacted
 * every few cycles, so kills also land around compactions.
 *
 * <p>The long version is {@code chaincast.soak.CrashSoak} (see README, "Durability").
 */
class KilledServerTest {
  @TempDir Path dataDir;

  @Test
  void twentySigkillsUnderConcurrentWritersLoseNoAcknowledgedWrite() throws Exception {
    CrashLoop.Options options =
        new CrashLoop.Options(
            System.getProperty("java.class.path"),
            dataDir,
            20,
            3,
            8,
            12,
            30,
            20251130L,
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            List.of("--store-compact-bytes", Integer.toString(128 * 1024)),
            180);
    CrashLoop loop = new CrashLoop(options);
    CrashLoop.Result r = loop.run();
    String report = CrashSoak.format(r);
    assertTrue(r.clean(), report);
    for (ScenarioLedger.Problem p : ScenarioLedger.Problem.values()) {
      assertEquals(0, r.problems().get(p), p + "\n" + report);
    }
    assertTrue(
        r.acknowledged() >= 20 * 12,
        "every cycle acknowledged its writes before the kill: " + report);
    assertEquals(loop.ledger().expected().size(), r.scenariosAtEnd(), report);
    assertTrue(r.compactions() > 0, "kills also landed between compactions: " + report);
  }
}
