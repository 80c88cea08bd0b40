package chaincast.bench;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Reads the server's own figures from its metrics endpoint while a load runs: a scrape when the
 * measured window opens and one when it closes (paths simulated in between), and one a second in
 * between for the most runs seen active at once.
 */
final class ServerSampler implements AutoCloseable {
  private final URI endpoint;
  private final Thread thread;
  private volatile boolean stop;
  private volatile double maxRunsActive;
  private volatile int failedScrapes;
  private Scrape first;

  /**
   * Checks the endpoint answers (during the warm-up, so the window's first scrape is not the first
   * ever).
   */
  ServerSampler(URI endpoint) throws IOException, InterruptedException {
    Scrape.fetch(endpoint);
    this.endpoint = endpoint;
    this.thread = new Thread(this::sample, "chaincast-load-sampler");
    this.thread.setDaemon(true);
  }

  /** Takes the window's first scrape and starts sampling once a second. */
  void open() throws IOException, InterruptedException {
    first = Scrape.fetch(endpoint);
    thread.start();
  }

  /** Stops sampling and takes the window's last scrape. */
  ServerFigures close(double seconds) throws IOException, InterruptedException {
    stop = true;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(30));
    Scrape last = Scrape.fetch(endpoint);
    double heapMax = 0;
    for (Scrape.Sample s : last.samples()) {
      if (s.name().equals("jvm_memory_max_bytes")
          && "heap".equals(s.labels().get("area"))
          && s.value() > 0) {
        heapMax += s.value();
      }
    }
    double paths = last.sum("chaincast_paths_total") - first.sum("chaincast_paths_total");
    double calls =
        last.sum("chaincast_rpc_server_duration_seconds_count")
            - first.sum("chaincast_rpc_server_duration_seconds_count");
    return new ServerFigures(
        last.sum("chaincast_jvm_heap_peak_used_bytes"),
        last.sum("chaincast_jvm_heap_peak_after_gc_bytes"),
        heapMax,
        paths,
        paths / seconds,
        Math.max(maxRunsActive, last.sum("chaincast_runs_active")),
        calls,
        failedScrapes);
  }

  // Only this thread writes the two fields; others read them: volatile suffices for one writer.
  @SuppressWarnings("NonAtomicVolatileUpdate")
  private void sample() {
    while (!stop) {
      try {
        Scrape s = Scrape.fetch(endpoint);
        maxRunsActive = Math.max(maxRunsActive, s.sum("chaincast_runs_active"));
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        failedScrapes++;
      }
    }
  }

  @Override
  public void close() {
    stop = true;
    thread.interrupt();
  }

  /**
   * What the server says about the window.
   *
   * @param peakHeapBytes {@code chaincast_jvm_heap_peak_used_bytes} at the end: most heap held at
   *     once since it started
   * @param peakAfterGcBytes {@code chaincast_jvm_heap_peak_after_gc_bytes}: most heap kept right
   *     after a collection
   * @param heapMaxBytes the heap's limit (sum of the heap pools' maxima)
   * @param paths paths simulated in the window
   * @param pathsPerSecond paths over the window's length
   * @param maxRunsActive most runs seen active at once (sampled once a second)
   * @param calls calls the server finished in the window, all methods and statuses
   * @param failedScrapes samples that could not be read
   */
  record ServerFigures(
      double peakHeapBytes,
      double peakAfterGcBytes,
      double heapMaxBytes,
      double paths,
      double pathsPerSecond,
      double maxRunsActive,
      double calls,
      int failedScrapes) {}
}
