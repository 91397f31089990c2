/**
 * Health of a node for Pekko Management's HTTP checks ({@code /ready}, {@code /alive}): readiness once the node is a
 * cluster member, its shard regions have registered and its journal answers. Nothing listens unless
 * {@code choreo.management.port} is set; see {@code docs/operations.md}.
 */
package io.choreo.cluster.health;
