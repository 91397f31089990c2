package io.choreo.runtime.session;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Starting sessions. From an application actor, {@link #spawn} a session as a child and receive its
 * {@link SessionOutcome}; from plain code, send {@link Start} to a {@link #manager()} and {@link #run ask} for it.
 */
public final class Sessions {
    private Sessions() {
    }

    /** Spawns a session as a child of {@code context}; {@code replyTo} receives its outcome. */
    public static ActorRef<SessionActor.Command> spawn(ActorContext<?> context, SessionSpec spec,
                                                       ActorRef<SessionOutcome> replyTo) {
        return context.spawn(SessionActor.create(spec, replyTo), SessionActor.sessionActorName(spec.sessionId()));
    }

    /**
     * Like {@link #spawn}, but a session id already running here is answered with a typed
     * {@link SessionError.SessionIdConflict} instead of an exception; returns empty then.
     */
    public static java.util.Optional<ActorRef<SessionActor.Command>> trySpawn(ActorContext<?> context,
                                                                             SessionSpec spec,
                                                                             ActorRef<SessionOutcome> replyTo) {
        String name = SessionActor.sessionActorName(spec.sessionId());
        if (context.getChild(name).isEmpty()) {
            try {
                return java.util.Optional.of(spawn(context, spec, replyTo));
            } catch (org.apache.pekko.actor.InvalidActorNameException stillStopping) {
                // the previous session of this id has stopped but its name is not released yet
            }
        }
        SessionError conflict = new SessionError.SessionIdConflict(spec.sessionId(), "a session that is still running",
                spec.name());
        context.getLog().warn("session {} of {} failed: {}", spec.sessionId(), spec.name(), conflict.describe());
        replyTo.tell(new SessionOutcome.SessionFailed(spec.sessionId(), spec.name(), conflict, java.util.List.of()));
        return java.util.Optional.empty();
    }

    /** Asks the session manager to run a session. */
    public record Start(SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
    }

    /** An actor that runs each {@link Start} as a child session. */
    public static Behavior<Start> manager() {
        return Behaviors.receive((ctx, start) -> {
            trySpawn(ctx, start.spec(), start.replyTo());
            return Behaviors.same();
        });
    }

    /**
     * Runs a session through {@code manager} and completes with its outcome; the ask waits a little longer than the
     * session's own timeout, so the typed {@link SessionError.SessionTimedOut} arrives first.
     */
    public static CompletionStage<SessionOutcome> run(ActorRef<Start> manager, SessionSpec spec,
                                                      ActorSystem<?> system) {
        Duration askTimeout = spec.timeout().plusSeconds(5);
        return AskPattern.ask(manager, replyTo -> new Start(spec, replyTo), askTimeout, system.scheduler());
    }
}
