/**
 * The durable session coordinator: a session as an event-sourced Cluster Sharding entity
 * ({@link io.choreo.cluster.session.SessionCoordinator}) that survives the death of its node, and
 * {@link io.choreo.cluster.session.ClusterSessions} to start sessions and ask for their outcome from any node.
 */
package io.choreo.cluster.session;
