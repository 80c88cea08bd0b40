/**
 * The seeded model as an immutable, indexed view.
 *
 * <p>{@link chaincast.model.Model} wraps a validated {@link chaincast.v1.Seed}: lists in seed
 * order, look-ups by id, and the cells a {@link chaincast.v1.Scope} selects. It does no arithmetic
 * and knows nothing of gRPC; the engine and the services build on it.
 */
package chaincast.model;
