/**
 * Reading and checking the seed model.
 *
 * <p>{@link chaincast.seed.SeedLoader} reads the protobuf text files of {@code seeds/} (from a
 * directory or from the classpath), merges them into one {@link chaincast.v1.Seed} and hands it to
 * {@link chaincast.model.Model#of}, which validates it. Every problem, whether a syntax error or a
 * dangling reference, becomes a {@link chaincast.model.SeedException} naming the file and, where
 * there is one, the object and field.
 *
 * <p>{@link chaincast.seed.ConsistencyAudit} then compares the plans' figures with each other:
 * breakdowns that do not add up to their headline, plans that disagree on the same scope, size
 * classes the plan's own chain targets do not fill, and zone targets against related city chains.
 */
package chaincast.seed;
