package chaincast.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl-C (SIGINT) or SIGTERM into a cancelled gRPC call.
 *
 * <p>The JVM runs shutdown hooks on a signal and exits when they return, so the hook cancels the
 * call in flight and then waits (bounded) until the command has seen the cancellation and closed
 * its channel: that is what puts the RST_STREAM on the wire and makes the server stop the run. The
 * JVM then exits with 130 (128 + SIGINT) by itself; the command must not call {@code System.exit}
 * meanwhile, which would block inside the shutdown.
 */
final class Interruption {
  /** How long the hook waits for the command to wind down. */
  private static final long WIND_DOWN_SECONDS = 5;

  /** What the hook prints when the command did not wind down in time. */
  static final String WIND_DOWN_TIMEOUT =
      "chaincast: the command did not wind down within "
          + WIND_DOWN_SECONDS
          + " s of the interrupt; exiting";

  private static final AtomicBoolean interrupted = new AtomicBoolean();
  private static final AtomicReference<Runnable> cancelAction = new AtomicReference<>();
  private static final CountDownLatch finished = new CountDownLatch(1);
  private static final AtomicBoolean installed = new AtomicBoolean();

  private Interruption() {}

  /** Installs the shutdown hook (once per JVM). */
  static void install() {
    if (installed.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    if (finished.getCount() == 0) {
                      return; // a normal exit: nothing to cancel
                    }
                    interrupted.set(true);
                    Runnable cancel = cancelAction.getAndSet(null);
                    if (cancel != null) {
                      cancel.run();
                    }
                    try {
                      if (!finished.await(WIND_DOWN_SECONDS, TimeUnit.SECONDS)) {
                        // Said aloud so a hung wind-down is visible (and testable), not a silent
                        // delay.
                        System.err.println(WIND_DOWN_TIMEOUT);
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "chaincast-interrupt"));
    }
  }

  /** Registers what an interrupt must do to the call now in flight (replacing any earlier one). */
  static void onInterrupt(Runnable cancel) {
    cancelAction.set(cancel);
    if (interrupted.get()) {
      cancel.run(); // interrupted before the call started
    }
  }

  /** Forgets the cancel action once its call is over. */
  static void clear() {
    cancelAction.set(null);
  }

  /** True once a signal asked the CLI to stop. */
  static boolean interrupted() {
    return interrupted.get();
  }

  /** Tells the hook that the command has wound down (called once, at the end of {@code main}). */
  static void finished() {
    finished.countDown();
  }
}
