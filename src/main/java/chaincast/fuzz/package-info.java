/**
 * Fuzzing the public API as a hostile client would: {@link chaincast.fuzz.ApiFuzz} mutates valid
 * requests of every RPC field by field (extreme, subnormal, negative, huge, empty, Unicode and
 * oversized values, unknown ids) and checks every answer has the status it earned; {@link
 * chaincast.fuzz.RawBodyFuzz} sends bytes that are not a request at all. The suite runs both; their
 * {@code main} methods run them longer, against a server in their own JVM.
 */
package chaincast.fuzz;
