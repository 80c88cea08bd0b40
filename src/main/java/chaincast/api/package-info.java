/**
 * The gRPC services of {@code chaincast.v1}: request validation, mapping between messages and the
 * model, and errors as gRPC statuses. No maths here: simulations go through {@link
 * chaincast.run.SimulationRunner}.
 *
 * <p>Errors follow the google.rpc model: {@code INVALID_ARGUMENT} with a {@code
 * google.rpc.BadRequest} listing every offending field, {@code NOT_FOUND} with a {@code
 * google.rpc.ResourceInfo} naming the unknown id, {@code RESOURCE_EXHAUSTED} when the server is
 * busy, {@code CANCELLED} or {@code DEADLINE_EXCEEDED} when the caller went away.
 */
package chaincast.api;
