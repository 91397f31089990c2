package io.choreo.cluster.sharding;

import io.choreo.runtime.session.SessionActor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The sharded entity type of session coordinators (id = the session id) as participants address it: their reports
 * and {@link Wake}. The coordinator itself ({@code io.choreo.cluster.session.SessionCoordinator}) depends on this
 * package, never the other way round.
 */
public final class SessionEntity {
    public static final EntityTypeKey<SessionActor.Command> TYPE_KEY =
            EntityTypeKey.create(SessionActor.Command.class, "choreo-session");

    /** A participant entity got a message before its activation: the session should activate it now. */
    public record Wake(String participant) implements SessionActor.Command {
    }

    private SessionEntity() {
    }

    /** The coordinator of {@code sessionId}, wherever sharding places it. */
    public static EntityRef<SessionActor.Command> of(ActorSystem<?> system, String sessionId) {
        return ClusterSharding.get(system).entityRefFor(TYPE_KEY, sessionId);
    }
}
