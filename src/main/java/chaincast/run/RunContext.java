package chaincast.run;

import chaincast.engine.BlockStreams;
import chaincast.v1.RunInfo;
import chaincast.v1.SimulationSpec;
import chaincast.v1.StopReason;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The conventions every kind of run shares (a simulation, a comparison, a sensitivity analysis):
 * how the seed is chosen, what the {@link RunInfo} of its report says, and the server's {@link
 * Limits}. One place, so the three kinds cannot drift apart.
 */
public final class RunContext {
  private final Limits limits;
  private final int threads;
  private final int blockSize;

  /**
   * The context of runs on an engine.
   *
   * @param limits the server's limits
   * @param threads the engine's worker threads, as reports state them
   * @param blockSize paths per block, as reports state it
   */
  public RunContext(Limits limits, int threads, int blockSize) {
    this.limits = limits;
    this.threads = threads;
    this.blockSize = blockSize;
  }

  /**
   * The server's limits.
   *
   * @return the limits
   */
  public Limits limits() {
    return limits;
  }

  /**
   * The engine's worker threads.
   *
   * @return the worker threads
   */
  public int threads() {
    return threads;
  }

  /**
   * The seed a run of {@code spec} uses: the spec's, or a drawn one. An unseeded request still gets
   * a reproducible run: the drawn seed is reported.
   *
   * @param spec a validated simulation spec
   * @return the seed
   */
  public long seed(SimulationSpec spec) {
    return spec.hasSeed() ? spec.getSeed() : ThreadLocalRandom.current().nextLong();
  }

  /**
   * The part of a report's {@link RunInfo} every run states: paths, seed, horizon, shock
   * distribution, block size, and a stop reason of {@code PATHS_DONE} (a run that stops otherwise
   * replaces it). Callers add what only they know (threads, elapsed time, half-widths).
   *
   * @return a builder the caller may complete
   * @param plan the planned run (its seed, horizon and distribution)
   * @param paths paths simulated per side
   */
  public RunInfo.Builder runInfo(PlannedRun plan, long paths) {
    return RunInfo.newBuilder()
        .setPaths(paths)
        .setSeed(plan.settings().seed())
        .setHorizonYear(plan.projection().horizonYear())
        .setStopReason(StopReason.STOP_REASON_PATHS_DONE)
        .setShockDistribution(plan.distribution())
        .setBlockSize(blockSize)
        .setGenerator(BlockStreams.GENERATOR)
        .setSampler(BlockStreams.SAMPLER)
        .setEngineVersion(BlockStreams.ENGINE_VERSION)
        .setVarianceReduction(Methods.toProto(plan.settings().variance()));
  }

  /**
   * {@link #runInfo(PlannedRun, long)} with the worker threads and the elapsed time.
   *
   * @param plan a planned run
   * @param paths paths simulated (per side, for a comparison)
   * @param elapsedNanos how long the run took, nanoseconds
   * @return a builder the caller may complete
   */
  public RunInfo.Builder runInfo(PlannedRun plan, long paths, long elapsedNanos) {
    return runInfo(plan, paths).setElapsedMillis(elapsedNanos / 1_000_000).setThreads(threads);
  }
}
