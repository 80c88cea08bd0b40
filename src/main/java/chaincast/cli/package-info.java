/**
 * The command-line client. It speaks the public gRPC API only, as any other client would: with
 * {@code --server} it connects to a running server, without it it starts one in-process on a
 * loopback ephemeral port over the bundled seeds and talks to that.
 */
package chaincast.cli;
