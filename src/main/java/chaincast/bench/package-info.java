/**
 * Benchmarks: {@link chaincast.bench.EngineBenchmark} measures the Monte Carlo engine's throughput
 * (cell-steps per second, against the random generator's own speed) on a scaled model and on one
 * shaped like the seeded model. Run from the command line, not from the tests. {@link
 * chaincast.bench.LoadTest} drives a running server with many gRPC clients and reports statuses,
 * latencies and the server's heap ({@link chaincast.bench.Scrape} reads its metrics endpoint); a
 * smoke test runs it for a few seconds.
 */
package chaincast.bench;
