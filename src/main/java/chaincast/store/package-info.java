/**
 * Stored scenarios: an embedded H2 database in one file under the server's data directory.
 * Every write is one transaction, flushed to the file before it is acknowledged, so a crash
 * (even SIGKILL) loses no acknowledged write and leaves no half-written one. Knows protobuf
 * messages (it stores them) but nothing of gRPC.
 */
package chaincast.store;
