/**
 * Stored scenarios. {@link chaincast.store.ScenarioStore} is the contract (etags, quotas, and
 * durability: a write that returned survives SIGKILL, one that did not is wholly there or wholly
 * absent, versions never repeat); {@link chaincast.store.H2ScenarioStore} keeps scenarios in an
 * embedded H2 database file under the server's data directory, {@link
 * chaincast.store.PostgresScenarioStore} in a PostgreSQL database several servers share (schema
 * migrated by Flyway from {@code db/postgresql}); {@link chaincast.store.ResilientScenarioStore}
 * opens it on first use and reopens it when it fails. Knows protobuf messages (it stores them) but
 * nothing of gRPC.
 */
package chaincast.store;
