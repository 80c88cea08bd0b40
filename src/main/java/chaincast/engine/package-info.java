/**
 * The Monte Carlo engine: log-space growth paths for cells, correlated and optionally fat-tailed
 * shocks, project events, group sums, and the estimators (hit probabilities, percentiles, joint
 * probabilities, fans).
 *
 * <p>The engine knows nothing of gRPC, protobuf or the seeds: it takes a {@link
 * chaincast.engine.Projection} made of plain numbers and returns a {@link
 * chaincast.engine.RunResult}. Results depend only on the projection, the settings and the seed,
 * never on the thread count: paths are simulated in fixed-size blocks, each with its own random
 * stream derived from the seed and the block index; integer counts merge exactly in any order and
 * floating-point sums are folded in block order. {@link chaincast.engine.MonteCarloEngine} is the
 * entry point; {@link chaincast.engine.PathSampler} hands out single paths (for the Shapley
 * variance importance and the engine's tests).
 *
 * <p>Inside: a projection is validated and compiled into section tables of flat arrays ({@code
 * CompiledModel}); {@code PathSimulator} (the hot loop) simulates blocks of paths into a {@code
 * Tally}; a {@code BlockScheduler} spreads blocks over worker threads and merges their results in
 * block order.
 */
package chaincast.engine;
