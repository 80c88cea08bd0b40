package chaincast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's heap does not grow with the path count: a run of 2 M paths of the scaled model (100
 * cells, 22 targets, a fan, conditional sums) completes in a separate JVM with a 16 MiB heap, where
 * one double per path for a single target would already need 16 MB.
 */
class SmallHeapTest {

  @Test
  void aLongRunFitsInATinyHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx16m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SmallHeapRun.class.getName(),
                    "2000000"))
            .redirectErrorStream(true);
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES); // a safety net, not a speed test
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, "the run did not finish: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("paths 2000000 used"), out);
  }
}
