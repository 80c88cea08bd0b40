package chaincast.engine;

import chaincast.bench.EngineBenchmark;

/**
 * The child process of {@link SmallHeapTest}: runs the scaled benchmark model (100 cells, a fan, 22
 * targets) for many paths on a heap far smaller than the run's path count would need if anything
 * grew with it, and prints the paths run and the heap used.
 */
public final class SmallHeapRun {
  private SmallHeapRun() {}

  public static void main(String[] args) {
    long paths = Long.parseLong(args[0]);
    try (MonteCarloEngine engine = new MonteCarloEngine(2)) {
      RunResult r =
          engine.run(
              EngineBenchmark.scaledModel(),
              new RunSettings(paths, 0, 0, 7, new double[] {5, 50, 95}),
              CancellationSignal.NEVER,
              ProgressListener.NONE);
      Runtime rt = Runtime.getRuntime();
      System.out.println(
          "paths "
              + r.paths()
              + " used "
              + (rt.totalMemory() - rt.freeMemory())
              + " max "
              + rt.maxMemory());
    }
  }
}
