package io.choreo.cluster.sharding;

import io.choreo.runtime.role.Peers;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The participants of a session as sharded entities {@code sessionId/role/index}, reachable from any node. */
public record ShardedPeers(String sessionId, Set<String> names) implements Peers {
    public ShardedPeers {
        names = Set.copyOf(names);
    }

    @Override
    public Link bind(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return (participant, command) -> sharding.entityRefFor(RoleEntity.TYPE_KEY,
                RoleEntity.entityId(sessionId, participant)).tell(command);
    }
}
