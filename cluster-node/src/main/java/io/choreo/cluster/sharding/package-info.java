/**
 * Participants as Cluster Sharding entities ({@link io.choreo.cluster.sharding.RoleEntity}, id
 * {@code sessionId/role/index}), activated by the session's coordinator and built from each node's
 * {@link io.choreo.cluster.sharding.ProtocolRegistry}; {@link io.choreo.cluster.sharding.SessionEntity} is how they
 * address the coordinator, whose implementation ({@code io.choreo.cluster.session}) depends on this package only.
 */
package io.choreo.cluster.sharding;
