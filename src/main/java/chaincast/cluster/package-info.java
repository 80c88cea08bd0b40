/**
 * The cluster: {@code serve --cluster} makes a server a Hazelcast member, and the engine's blocks
 * of a run go out as tasks to the other members ({@link chaincast.cluster.ClusterBlockScheduler}),
 * which rebuild the run from the request's bytes ({@link chaincast.cluster.MemberWork}) and answer
 * with the blocks' sums and integer counts ({@code chaincast.cluster.v1}). Nothing of Hazelcast is
 * started without {@code --cluster}.
 */
package chaincast.cluster;
