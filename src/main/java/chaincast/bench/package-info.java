/**
 * Benchmarks: {@link chaincast.bench.EngineBenchmark} measures the Monte Carlo
 * engine's throughput (cell-steps per second, against the random generator's
 * own speed) on a scaled model and on one shaped like the seeded model. Run
 * from the command line, not from the tests.
 */
package chaincast.bench;
