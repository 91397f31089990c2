package io.choreo.cluster.session;

import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
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
        return io.choreo.cluster.sharding.SessionEntity.of(system, sessionId);
    }

    /**
     * Starts the session (or, if a session with this id of the same protocol exists, joins it); {@code replyTo} gets
     * the outcome (as {@link #run} completes with it), from whichever node runs the coordinator when it ends.
     */
    public static void start(ActorSystem<?> system, SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        run(system, spec).thenAccept(replyTo::tell);
    }

    /**
     * Starts the session and completes with its outcome (or a {@link java.util.concurrent.TimeoutException} after
     * the session's timeout and {@link #GRACE}). The start is sent again until the coordinator has recorded it.
     */
    public static CompletionStage<SessionOutcome> run(ActorSystem<?> system, SessionSpec spec) {
        CompletableFuture<SessionOutcome> outcome = new CompletableFuture<>();
        system.systemActorOf(SessionRequester.create(coordinator(system, spec.sessionId()),
                (replyTo, accepted) -> new SessionCoordinator.Begin(spec.name(), spec.version(), spec.bindings(),
                        spec.timeout().toMillis(), spec.options().traced(), replyTo, accepted),
                spec.timeout().plus(GRACE), outcome),
                "choreo-session-requester-" + java.util.UUID.randomUUID(), org.apache.pekko.actor.typed.Props.empty());
        return outcome;
    }

    /** The outcome of a session that ended; empty while it runs or if no session with this id ever began. */
    public static CompletionStage<Optional<SessionOutcome>> outcome(ActorSystem<?> system, String sessionId) {
        // while the coordinator moves to another node (a failover, a hand-off) a question can be lost: ask again
        return org.apache.pekko.pattern.Patterns.retry(() -> coordinator(system, sessionId)
                        .<SessionCoordinator.OutcomeReply>ask(SessionCoordinator.GetOutcome::new, OUTCOME_ASK)
                        .thenApply(r -> Optional.ofNullable(r.outcome())),
                OUTCOME_ATTEMPTS, Duration.ofSeconds(1), system.classicSystem().scheduler(),
                system.executionContext());
    }

    /** How long one question for an outcome waits, and how often it is asked before giving up (about 40 s). */
    static final Duration OUTCOME_ASK = Duration.ofSeconds(4);
    static final int OUTCOME_ATTEMPTS = 8;
}
