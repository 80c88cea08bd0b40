/**
 * Which inputs decide a target: a tornado (P(hit) when each input moves one documented step down
 * and up, on common random numbers) and Shapley effects of the target's value, which stay
 * meaningful when the inputs are correlated. Uses the planner and the engine; no gRPC.
 */
package chaincast.sensitivity;
