package io.choreo.runtime.session;

import io.choreo.projection.bind.BindingException;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.observe.SessionListeners;
import io.choreo.runtime.observe.SessionMdc;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs one session: resolves its bindings, spawns a {@link RoleActor} per participant, tells them who is who, and
 * reports {@link SessionOutcome.SessionCompleted} when all finish or {@link SessionOutcome.SessionFailed} on the
 * first typed failure, a crashed role, or the timeout. Role actors are children: they stop with the session. What
 * it hears from them is the {@link SessionProtocol}; while it runs it holds little (a million may be idle at once).
 */
public final class SessionActor extends ExtensibleBehavior<SessionProtocol.Command> implements SessionProtocol {

    /** A participant restarted after a failure (a durable one recovers its progress) and needs its peers again. */
    public record PeersRequest(String participant, ActorRef<RoleActor.Command> replyTo) implements Command {
    }

    private enum DescribeDeadline implements Command { INSTANCE }

    /** How long the session waits for unfinished participants to say what they wait for, once timed out. */
    static final java.time.Duration DESCRIBE_WAIT = java.time.Duration.ofMillis(500);

    private enum Timeout implements Command, org.apache.pekko.actor.DeadLetterSuppression { INSTANCE }

    private enum Remind implements Command { INSTANCE }

    /** The registry's answer to the session's claim of its id. */
    private record Claimed(SessionRegistry.Answer answer, Throwable error) implements Command {
    }

    /** The session's claim is recorded (or recording it failed), so a completed session may end. */
    private record ClaimRecorded(SessionOutcome outcome, Throwable error) implements Command {
    }

    private static final CompletionStage<?> RECORDED = CompletableFuture.completedFuture(null);

    private final ActorContext<Command> context;
    private final SessionSpec spec;
    private final ActorRef<SessionOutcome> replyTo;
    /** The session's timeout: one scheduled message (cancelled when the session ends), no timer scheduler. */
    private org.apache.pekko.actor.Cancellable timeout;
    private Unfinished unfinished;
    /** Made at the first participant's finish. */
    private Map<String, Object> results;
    /** Made at the first traced message (or the end). */
    private BoundedTrace trace;
    private Peers peers;
    /** Messages the finished participants sent without tracing them. */
    private long untraced;
    /** Completes once the registry has recorded the session's claim; the session ends only then. */
    private CompletionStage<?> claimRecorded = RECORDED;

    private SessionActor(ActorContext<Command> context, SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        this.context = context;
        this.spec = spec;
        this.replyTo = replyTo;
    }

    /** The session's behaviour, with its id in the logging MDC while it starts and handles a message. */
    public static Behavior<Command> create(SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        return Behaviors.setup(ctx -> {
            SessionMdc.put(spec.sessionId(), null);
            try {
                return new SessionActor(ctx, spec, replyTo).start();
            } finally {
                SessionMdc.clear();
            }
        });
    }

    private Behavior<Command> receive(Function<Command, Behavior<Command>> handler) {
        return SessionMdc.receive(spec.sessionId(), null, handler);
    }

    private Behavior<Command> start() {
        Map<String, Participant> participants;
        try {
            participants = spec.source().participants(spec.bindings());
        } catch (BindingException e) {
            return failed(new SessionError.InvalidBindings(e.problems()));
        }
        List<String> handlerProblems = HandlerCoverage.problems(spec.handlers(), participants);
        if (!handlerProblems.isEmpty()) {
            return failed(new SessionError.InvalidBindings(handlerProblems));
        }
        timeout = context.scheduleOnce(spec.timeout(), context.getSelf(), Timeout.INSTANCE);
        try {
            peers = spec.placement().place(context, spec, participants);
        } catch (RoleFailure f) {
            return failed(f.error());
        }
        SessionRegistry registry = spec.roleBehaviors().registry();
        return registry == SessionRegistry.NONE ? placed(participants) : claiming(registry, participants);
    }

    /**
     * Claims the session id while the participants recover; they ask for their peers, answered (with everything else
     * they said meanwhile) once the claim holds.
     */
    private Behavior<Command> claiming(SessionRegistry registry, Map<String, Participant> participants) {
        Fingerprint fingerprint = Fingerprint.of(spec.source().versionedName(), participants, spec.bindings());
        context.pipeToSelf(registry.claim(context, spec.sessionId(), fingerprint), Claimed::new);
        List<Command> held = new ArrayList<>();
        return receive(command -> {
            if (command instanceof Claimed c) {
                if (c.error() != null) {
                    return failed(new SessionError.JournalFailed("session " + spec.sessionId(), List.of(),
                            "recording the protocol fingerprint failed: " + c.error().getMessage()));
                }
                if (c.answer().heldBy().isPresent()) {
                    return failed(new SessionError.SessionIdConflict(spec.sessionId(), c.answer().heldBy().get(),
                            fingerprint.toString()));
                }
                claimRecorded = c.answer().recorded();
                held.forEach(context.getSelf()::tell);
                return placed(participants);
            }
            if (command instanceof Timeout) {
                return failed(new SessionError.SessionTimedOut(spec.timeout().toMillis(),
                        List.of("the session could not record its protocol fingerprint in time")));
            }
            held.add(command);
            return Behaviors.same();
        });
    }

    private Behavior<Command> placed(Map<String, Participant> participants) {
        unfinished = new Unfinished(participants.keySet());
        listeners().started(spec, participants);
        Behavior<Command> running = this;
        return spec.placement().remindEvery().<Behavior<Command>>map(every -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Remind.INSTANCE, every);
            return running;
        })).orElse(running);
    }

    /** The message a watched participant's termination turns into. */
    static Command roleStopped(String participant) {
        return new RoleStopped(participant);
    }

    /** Actor names must be URL-safe: {@code Followers[2]} becomes {@code Followers-2}. */
    public static String actorName(String participant) {
        return participant.replace("[", "-").replace("]", "");
    }

    /**
     * The actor name of a session: any session id is valid ({@code order(42)/a}, spaces, non-ASCII), encoded so
     * that distinct ids get distinct names.
     */
    public static String sessionActorName(String sessionId) {
        return "session-" + java.net.URLEncoder.encode(sessionId, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The actor itself is its running state's behaviour. */
    @Override
    public Behavior<Command> receive(TypedActorContext<Command> ctx, Command command) {
        SessionMdc.put(spec.sessionId(), null);
        try {
            return running(command);
        } finally {
            SessionMdc.clear();
        }
    }

    @Override
    public Behavior<Command> receiveSignal(TypedActorContext<Command> ctx, Signal signal) {
        return Behaviors.same();
    }

    private SessionListeners listeners() {
        return SessionListeners.get(context.getSystem());
    }

    private BoundedTrace trace() {
        if (trace == null) {
            trace = new BoundedTrace(BoundedTrace.limit(SessionSettings.config(context.getSystem())));
        }
        return trace;
    }

    private Behavior<Command> running(Command command) {
        if (command instanceof RoleFinished f) {
            if (unfinished.remove(f.participant())) {
                listeners().participantFinished(spec.sessionId(), f.participant());
            }
            if (results == null) {
                results = new LinkedHashMap<>();
            }
            results.put(f.participant(), f.result());
            untraced += f.untraced();
            return unfinished.isEmpty() ? completed(new SessionOutcome.SessionCompleted(spec.sessionId(), spec.name(),
                    results, trace().events(), trace().omitted() + untraced)) : Behaviors.same();
        }
        if (command instanceof Traced t) {
            traced(t);
        } else if (command instanceof PeersRequest r) {
            r.replyTo().tell(new RoleActor.Start(peers));
        } else if (command instanceof Remind) {
            spec.placement().remind(context, spec, peers, Set.copyOf(unfinished.list()));
        } else if (command instanceof RoleFailed f) {
            return failed(f.error());
        } else if (command instanceof RoleStopped s) {
            return failed(new SessionError.RoleCrashed(s.participant(), "its actor stopped before the protocol ended"));
        } else if (command instanceof Timeout) {
            return describing();
        }
        return Behaviors.same();
    }

    /** Every participant finished: the session ends once its claim is recorded (long since, as a rule). */
    private Behavior<Command> completed(SessionOutcome outcome) {
        var recorded = claimRecorded.toCompletableFuture();
        if (recorded.isDone() && !recorded.isCompletedExceptionally()) {
            return ended(outcome);
        }
        context.pipeToSelf(claimRecorded, (ok, error) -> new ClaimRecorded(outcome, error));
        return receive(command -> {
            if (command instanceof ClaimRecorded r) {
                if (r.error() != null) {
                    context.getLog().warn("session {} of {} completed, but its protocol fingerprint could not be"
                            + " recorded: {}", spec.sessionId(), spec.name(), r.error().getMessage());
                }
                return ended(r.outcome());
            }
            return Behaviors.same();
        });
    }

    private Behavior<Command> ended(SessionOutcome outcome) {
        if (timeout != null) {
            timeout.cancel();
        }
        listeners().ended(outcome);
        replyTo.tell(outcome);
        return Behaviors.stopped();
    }

    /** Timed out: asks the unfinished participants what they wait for, then fails with their answers. */
    private Behavior<Command> describing() {
        Map<String, String> statuses = new LinkedHashMap<>();
        List<String> waiting = unfinished.list();
        waiting.forEach(p -> statuses.put(p, p + " did not answer"));
        Peers.Link link = peers.bind(context.getSystem());
        waiting.forEach(p -> link.tell(p, new RoleActor.Describe(context.getSelf())));
        return Behaviors.withTimers(timers -> {
            timers.startSingleTimer(DescribeDeadline.INSTANCE, DESCRIBE_WAIT);
            return describing(statuses);
        });
    }

    private Behavior<Command> describing(Map<String, String> statuses) {
        return receive(command -> {
            if (command instanceof Described d) {
                statuses.put(d.participant(), d.participant() + " " + d.status());
                return statuses.values().stream().noneMatch(v -> v.endsWith("did not answer"))
                        ? timedOut(statuses) : Behaviors.same();
            }
            if (command instanceof DescribeDeadline) {
                return timedOut(statuses);
            }
            if (command instanceof Traced t) {
                traced(t);
            }
            return Behaviors.same();
        });
    }

    private void traced(Traced t) {
        trace().add(t.event());
        listeners().messageSent(spec.sessionId(), t.event());
    }

    private Behavior<Command> timedOut(Map<String, String> statuses) {
        return failed(new SessionError.SessionTimedOut(spec.timeout().toMillis(), List.copyOf(statuses.values())));
    }

    private Behavior<Command> failed(SessionError error) {
        if (error instanceof SessionError.HandlerFailed h && !h.stackTrace().isEmpty()) {
            context.getLog().warn("session {} of {} failed: {}\n{}", spec.sessionId(), spec.name(),
                    error.describe(), h.stackTrace());
        } else {
            context.getLog().warn("session {} of {} failed: {}", spec.sessionId(), spec.name(), error.describe());
        }
        return ended(new SessionOutcome.SessionFailed(spec.sessionId(), spec.name(), error, trace().events(),
                trace().omitted()));
    }
}
