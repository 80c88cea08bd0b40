/**
 * Admission of simulation runs: each run states the most heap it will hold (its {@link
 * chaincast.engine.MemoryFootprint}) before it starts, and runs only while the runs in flight fit a
 * memory budget derived from the heap and a limit of runs at once. The others wait in a bounded
 * queue served round-robin across clients; a full queue refuses with a delay to retry after. No
 * gRPC here: the API layer maps refusals to statuses and call cancellation to {@link
 * chaincast.admission.AdmissionQueue.Ticket#cancel()}.
 */
package chaincast.admission;
