package io.choreo.cluster.sharding;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.session.RolePlacement;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Places participants as sharded {@link RoleEntity}s anywhere in the cluster. The session activates each one and
 * reminds unfinished ones every second, which restarts (and recovers) participants whose node went away.
 */
public final class ShardedPlacement implements RolePlacement {
    static final Duration REMIND = Duration.ofSeconds(1);

    @Override
    public Peers place(ActorContext<SessionActor.Command> context, SessionSpec spec,
                       Map<String, Participant> participants) {
        Peers peers = new ShardedPeers(spec.sessionId(), participants.keySet());
        remind(context, spec, peers, participants.keySet());
        return peers;
    }

    @Override
    public Optional<Duration> remindEvery() {
        return Optional.of(REMIND);
    }

    @Override
    public void remind(ActorContext<SessionActor.Command> context, SessionSpec spec, Peers peers,
                       Set<String> unfinished) {
        ClusterSharding sharding = ClusterSharding.get(context.getSystem());
        for (String participant : unfinished) {
            sharding.entityRefFor(RoleEntity.TYPE_KEY, RoleEntity.entityId(spec.sessionId(), participant))
                    .tell(new RoleEntity.Activate(spec.sessionId(), spec.name(), spec.bindings(), participant,
                            context.getSelf(), peers));
        }
    }
}
