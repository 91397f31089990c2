package io.choreo.cluster.session;

import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Sessions in a cluster, from any node (members hosting entities, or clients): each runs as a durable
 * {@link SessionCoordinator} entity. The protocol must be registered on the nodes that host entities; the spec's
 * handlers and extensions are those of the hosting node's registration.
 */
public final class ClusterSessions {
    /** How much longer than the session's timeout {@link #run} waits (room for a failover near the end). */
    static final Duration GRACE = Duration.ofSeconds(20);

    private ClusterSessions() {
    }

    private static EntityRef<io.choreo.runtime.session.SessionActor.Command> coordinator(ActorSystem<?> system,
                                                                                         String sessionId) {
        return ClusterSharding.get(system).entityRefFor(SessionCoordinator.TYPE_KEY, sessionId);
    }

    /**
     * Starts the session (or, if a session with this id of the same protocol exists, joins it); {@code replyTo} gets
     * the outcome from whichever node runs the coordinator when it ends.
     */
    public static void start(ActorSystem<?> system, SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        coordinator(system, spec.sessionId()).tell(new SessionCoordinator.Begin(spec.name(), spec.bindings(),
                spec.timeout().toMillis(), spec.options().traced(), replyTo));
    }

    /** Starts the session and completes with its outcome. */
    public static CompletionStage<SessionOutcome> run(ActorSystem<?> system, SessionSpec spec) {
        return coordinator(system, spec.sessionId()).<SessionOutcome>ask(replyTo -> new SessionCoordinator.Begin(
                spec.name(), spec.bindings(), spec.timeout().toMillis(), spec.options().traced(), replyTo),
                spec.timeout().plus(GRACE));
    }

    /** The outcome of a session that ended; empty while it runs or if no session with this id ever began. */
    public static CompletionStage<Optional<SessionOutcome>> outcome(ActorSystem<?> system, String sessionId) {
        return coordinator(system, sessionId).<SessionCoordinator.OutcomeReply>ask(
                        SessionCoordinator.GetOutcome::new, Duration.ofSeconds(10))
                .thenApply(r -> Optional.ofNullable(r.outcome()));
    }
}
