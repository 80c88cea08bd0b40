/**
 * Start-up and shutdown of the gRPC server: loading the seeds, wiring the services, health checking
 * ({@code grpc.health.v1}), server reflection and a graceful shutdown that lets running calls
 * finish for a bounded time.
 */
package chaincast.server;
