package io.choreo.runtime.session;

import io.choreo.runtime.engine.PayloadTypeIds;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.observe.SessionListeners;
import io.choreo.runtime.observe.SessionMdc;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import io.choreo.runtime.wire.CborSerializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one session: resolves its bindings, spawns a {@link RoleActor} per participant, tells them who is who, and
 * reports {@link SessionOutcome.SessionCompleted} when all finish or {@link SessionOutcome.SessionFailed} on the
 * first typed failure, a crashed role, or the timeout. Role actors are children: they stop with the session.
 */
public final class SessionActor {

    /** Messages of the session actor (reports from its participants, which may be on other nodes). */
    public interface Command extends CborSerializable {
    }

    /**
     * A participant reached {@code end}.
     *
     * @param untraced how many messages it sent without reporting them to the trace
     */
    public record RoleFinished(String participant,
                               @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                            @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object result,
                               long untraced) implements Command {
        public RoleFinished(String participant, Object result) {
            this(participant, result, 0);
        }
    }

    /** A participant failed with a typed cause. */
    public record RoleFailed(String participant, SessionError error) implements Command {
    }

    /** A participant sent a message. */
    public record Traced(TraceEvent event) implements Command {
    }

    /** A participant restarted after a failure (a durable one recovers its progress) and needs its peers again. */
    public record PeersRequest(String participant, ActorRef<RoleActor.Command> replyTo) implements Command {
    }

    /** A participant's answer to {@link RoleActor.Describe}: what it is doing. */
    public record Described(String participant, String status) implements Command {
    }

    private record RoleStopped(String participant) implements Command {
    }

    private enum DescribeDeadline implements Command { INSTANCE }

    /** How long the session waits for unfinished participants to say what they wait for, once timed out. */
    static final java.time.Duration DESCRIBE_WAIT = java.time.Duration.ofMillis(500);

    private enum Timeout implements Command { INSTANCE }

    private enum Remind implements Command { INSTANCE }

    /** The registry's answer to the session's claim of its id. */
    private record Claimed(SessionRegistry.Answer answer, Throwable error) implements Command {
    }

    /** The session's claim is recorded (or recording it failed), so a completed session may end. */
    private record ClaimRecorded(SessionOutcome outcome, Throwable error) implements Command {
    }

    private final ActorContext<Command> context;
    private final SessionSpec spec;
    private final ActorRef<SessionOutcome> replyTo;
    private final Set<String> unfinished = new LinkedHashSet<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final BoundedTrace trace;
    private final SessionListeners listeners;
    /** Messages the finished participants sent without tracing them. */
    private long untraced;
    /** Completes once the registry has recorded the session's claim; the session ends only then. */
    private java.util.concurrent.CompletionStage<?> claimRecorded = java.util.concurrent.CompletableFuture
            .completedFuture(null);

    private SessionActor(ActorContext<Command> context, SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        this.context = context;
        this.spec = spec;
        this.replyTo = replyTo;
        this.trace = new BoundedTrace(BoundedTrace.limit(SessionSettings.config(context.getSystem())));
        this.listeners = SessionListeners.get(context.getSystem());
    }

    public static Behavior<Command> create(SessionSpec spec, ActorRef<SessionOutcome> replyTo) {
        return SessionMdc.session(spec.sessionId(), Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SessionActor(ctx, spec, replyTo).start(timers))));
    }

    private Behavior<Command> start(TimerScheduler<Command> timers) {
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
        timers.startSingleTimer(Timeout.INSTANCE, spec.timeout());
        Peers peers;
        try {
            peers = spec.placement().place(context, spec, participants);
        } catch (RoleFailure f) {
            return failed(f.error());
        }
        SessionRegistry registry = spec.roleBehaviors().registry();
        return registry == SessionRegistry.NONE ? placed(peers, participants, timers)
                : claiming(registry, peers, participants, timers);
    }

    /**
     * Claims the session id while the participants recover; they ask for their peers, answered (with everything else
     * they said meanwhile) once the claim holds.
     */
    private Behavior<Command> claiming(SessionRegistry registry, Peers peers, Map<String, Participant> participants,
                                       TimerScheduler<Command> timers) {
        Fingerprint fingerprint = Fingerprint.of(spec.source().versionedName(), participants, spec.bindings());
        context.pipeToSelf(registry.claim(context, spec.sessionId(), fingerprint), Claimed::new);
        List<Command> held = new ArrayList<>();
        return Behaviors.receive(Command.class)
                .onMessage(Claimed.class, c -> {
                    if (c.error() != null) {
                        return failed(new SessionError.JournalFailed("session " + spec.sessionId(), List.of(),
                                "recording the protocol fingerprint failed: " + c.error().getMessage()));
                    }
                    if (c.answer().heldBy().isPresent()) {
                        return failed(new SessionError.SessionIdConflict(spec.sessionId(),
                                c.answer().heldBy().get(), fingerprint.toString()));
                    }
                    claimRecorded = c.answer().recorded();
                    held.forEach(context.getSelf()::tell);
                    return placed(peers, participants, timers);
                })
                .onMessage(Timeout.class, t -> failed(new SessionError.SessionTimedOut(spec.timeout().toMillis(),
                        List.of("the session could not record its protocol fingerprint in time"))))
                .onMessage(Command.class, other -> {
                    held.add(other);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> placed(Peers peers, Map<String, Participant> participants,
                                     TimerScheduler<Command> timers) {
        unfinished.addAll(participants.keySet());
        listeners.started(spec, participants);
        spec.placement().remindEvery().ifPresent(every -> timers.startTimerWithFixedDelay(Remind.INSTANCE, every));
        return running(peers);
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

    private Behavior<Command> running(Peers peers) {
        RoleActor.Start startMessage = new RoleActor.Start(peers);
        return Behaviors.receive(Command.class)
                .onMessage(PeersRequest.class, r -> {
                    r.replyTo().tell(startMessage);
                    return Behaviors.same();
                })
                .onMessage(Remind.class, r -> {
                    spec.placement().remind(context, spec, peers, Set.copyOf(unfinished));
                    return Behaviors.same();
                })
                .onMessage(Traced.class, t -> {
                    traced(t);
                    return Behaviors.same();
                })
                .onMessage(RoleFinished.class, f -> {
                    if (unfinished.remove(f.participant())) {
                        listeners.participantFinished(spec.sessionId(), f.participant());
                    }
                    results.put(f.participant(), f.result());
                    untraced += f.untraced();
                    if (unfinished.isEmpty()) {
                        return completed(new SessionOutcome.SessionCompleted(spec.sessionId(), spec.name(),
                                results, trace.events(), trace.omitted() + untraced));
                    }
                    return Behaviors.same();
                })
                .onMessage(RoleFailed.class, f -> failed(f.error()))
                .onMessage(RoleStopped.class, s -> failed(new SessionError.RoleCrashed(s.participant(),
                        "its actor stopped before the protocol ended")))
                .onMessage(Timeout.class, t -> describing(peers))
                .build();
    }

    /** Every participant finished: the session ends once its claim is recorded (long since, as a rule). */
    private Behavior<Command> completed(SessionOutcome outcome) {
        var recorded = claimRecorded.toCompletableFuture();
        if (recorded.isDone() && !recorded.isCompletedExceptionally()) {
            return ended(outcome);
        }
        context.pipeToSelf(claimRecorded, (ok, error) -> new ClaimRecorded(outcome, error));
        return Behaviors.receive(Command.class)
                .onMessage(ClaimRecorded.class, r -> {
                    if (r.error() != null) {
                        context.getLog().warn("session {} of {} completed, but its protocol fingerprint could not be"
                                + " recorded: {}", spec.sessionId(), spec.name(), r.error().getMessage());
                    }
                    return ended(r.outcome());
                })
                .onMessage(Command.class, other -> Behaviors.same())
                .build();
    }

    private Behavior<Command> ended(SessionOutcome outcome) {
        listeners.ended(outcome);
        replyTo.tell(outcome);
        return Behaviors.stopped();
    }

    /** Timed out: asks the unfinished participants what they wait for, then fails with their answers. */
    private Behavior<Command> describing(Peers peers) {
        Map<String, String> statuses = new LinkedHashMap<>();
        unfinished.forEach(p -> statuses.put(p, p + " did not answer"));
        Peers.Link link = peers.bind(context.getSystem());
        unfinished.forEach(p -> link.tell(p, new RoleActor.Describe(context.getSelf())));
        return Behaviors.withTimers(timers -> {
            timers.startSingleTimer(DescribeDeadline.INSTANCE, DESCRIBE_WAIT);
            return Behaviors.receive(Command.class)
                    .onMessage(Described.class, d -> {
                        statuses.put(d.participant(), d.participant() + " " + d.status());
                        return statuses.values().stream().noneMatch(v -> v.endsWith("did not answer"))
                                ? timedOut(statuses) : Behaviors.same();
                    })
                    .onMessage(DescribeDeadline.class, d -> timedOut(statuses))
                    .onMessage(Traced.class, tr -> {
                        traced(tr);
                        return Behaviors.same();
                    })
                    .onMessage(Command.class, other -> Behaviors.same())
                    .build();
        });
    }

    private void traced(Traced t) {
        trace.add(t.event());
        listeners.messageSent(spec.sessionId(), t.event());
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
        return ended(new SessionOutcome.SessionFailed(spec.sessionId(), spec.name(), error, trace.events(),
                trace.omitted()));
    }
}
