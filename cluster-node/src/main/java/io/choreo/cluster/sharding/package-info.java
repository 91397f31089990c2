/**
 * Participants as Cluster Sharding entities ({@link io.choreo.cluster.sharding.RoleEntity}, id
 * {@code sessionId/role/index}), activated by the session's coordinator and built from each node's {@link io.choreo.cluster.sharding.ProtocolRegistry}.
 */
package io.choreo.cluster.sharding;
