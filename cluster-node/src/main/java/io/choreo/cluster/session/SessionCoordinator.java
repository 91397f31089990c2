package io.choreo.cluster.session;

import io.choreo.cluster.sharding.ProtocolRegistry;
import io.choreo.cluster.sharding.RegistrationWait;
import io.choreo.cluster.sharding.RoleEntity;
import io.choreo.cluster.sharding.SessionEntity;
import io.choreo.cluster.sharding.ShardedPeers;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.ProtocolVersion;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.runtime.observe.SessionListeners;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.TraceEvent;
import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A session as a durable Cluster Sharding entity (id = the session id, remembered while it runs). It persists its
 * start, who waits for the outcome and, with its end, every participant's end, so when its node dies it restarts on
 * another node, recovers, reactivates the unfinished participants (every second, and at once when one of them
 * asks) and still tells the waiting requesters the outcome. The session timeout is measured from the persisted start. Once it
 * ended it passivates; {@link GetOutcome} (see {@link ClusterSessions#outcome}) reads the outcome back at any time.
 */
public final class SessionCoordinator
        extends EventSourcedBehavior<SessionActor.Command, SessionEvent, CoordinatorState> {

    public static final EntityTypeKey<SessionActor.Command> TYPE_KEY = SessionEntity.TYPE_KEY;

    /** How often unfinished participants are reactivated (which restarts those whose node went away). */
    static final Duration REMIND = Duration.ofSeconds(1);

    /**
     * Starts the session on {@code version} of the protocol, or (same protocol) adds {@code replyTo} to those
     * waiting for its outcome; {@code accepted} (may be null) is told once both are in the journal. A Begin can be
     * lost (its coordinator's node dies before persisting it, or sharding drops it in a hand-off), so requesters
     * send it again until accepted (see {@link SessionRequester}): it is idempotent.
     */
    public record Begin(String protocol, String version, Bindings bindings, long timeoutMillis, boolean traced,
                        ActorRef<SessionOutcome> replyTo, ActorRef<Accepted> accepted)
            implements SessionActor.Command {
    }

    /** The session began (or was already running) and the requester of a {@link Begin} is recorded durably. */
    public record Accepted(String sessionId) implements CborSerializable {
    }

    /** Asks for the outcome: answered with an {@link OutcomeReply}. */
    public record GetOutcome(ActorRef<OutcomeReply> replyTo) implements SessionActor.Command {
    }

    /**
     * What is known of a session.
     *
     * @param known false if no session with this id ever began
     * @param outcome null while the session runs
     */
    public record OutcomeReply(String sessionId, boolean known, SessionOutcome outcome) implements CborSerializable {
    }

    /** Look at the registry again for {@code begin}'s version (see {@link RegistrationWait}). */
    private record RecheckBegin(Begin begin) implements SessionActor.Command {
    }

    private enum Remind implements SessionActor.Command { INSTANCE }

    private enum Timeout implements SessionActor.Command { INSTANCE }

    private enum DescribeDeadline implements SessionActor.Command { INSTANCE }

    private final String sessionId;
    private final ActorContext<SessionActor.Command> context;
    private final TimerScheduler<SessionActor.Command> timers;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final List<TraceEvent> trace = new ArrayList<>();
    private Map<String, String> describing;
    /** Participants that reported their end since this coordinator started, not yet written (see onFinished). */
    private final Map<String, SessionActor.RoleFinished> finishedUnwritten = new java.util.HashMap<>();
    private final RegistrationWait registration;

    private SessionCoordinator(String sessionId, ActorContext<SessionActor.Command> context,
                               TimerScheduler<SessionActor.Command> timers,
                               ActorRef<ClusterSharding.ShardCommand> shard) {
        super(PersistenceId.of("choreo-session", sessionId));
        this.sessionId = sessionId;
        this.context = context;
        this.timers = timers;
        this.shard = shard;
        this.registration = new RegistrationWait(context.getSystem());
    }

    /** The coordinator of {@code sessionId}, an entity of {@code shard} (which it asks to stop it once done). */
    public static Behavior<SessionActor.Command> create(String sessionId,
                                                        ActorRef<ClusterSharding.ShardCommand> shard) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SessionCoordinator(sessionId, ctx, timers, shard)));
    }

    private void passivate() {
        shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }

    @Override
    public CoordinatorState emptyState() {
        return CoordinatorState.empty();
    }

    @Override
    public EventHandler<CoordinatorState, SessionEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(CoordinatorState::apply);
    }

    @Override
    public SignalHandler<CoordinatorState> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), state -> {
            if (state.isEnded()) {
                told(state);
            } else if (state.isStarted()) {
                run(state);
            }
        }).build();
    }

    @Override
    public CommandHandler<SessionActor.Command, SessionEvent, CoordinatorState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Begin.class, this::onBegin)
                .onCommand(RecheckBegin.class, (state, r) -> {
                    registration.recheckDue();
                    return onBegin(state, r.begin());
                })
                .onCommand(GetOutcome.class, (state, get) -> {
                    get.replyTo().tell(new OutcomeReply(sessionId, state.isStarted(), state.outcome()));
                    return idle(state);
                })
                .onCommand(SessionActor.RoleFinished.class, this::onFinished)
                .onCommand(SessionActor.RoleFailed.class, (state, f) -> running(state)
                        ? end(new SessionOutcome.SessionFailed(sessionId, state.started().protocol(), f.error(),
                                List.copyOf(trace)))
                        : idle(state))
                .onCommand(SessionActor.Traced.class, (state, t) -> {
                    trace.add(t.event());
                    return Effect().none();
                })
                .onCommand(SessionActor.PeersRequest.class, (state, r) -> {
                    if (running(state)) {
                        r.replyTo().tell(new RoleActor.Start(peers(state)));
                    }
                    return idle(state);
                })
                .onCommand(SessionEntity.Wake.class, (state, w) -> {
                    if (running(state)) {
                        remind(state, Set.of(w.participant()));
                    }
                    return idle(state);
                })
                .onCommand(Remind.class, (state, r) -> {
                    remind(state, state.unfinished());
                    return Effect().none();
                })
                .onCommand(Timeout.class, (state, t) -> running(state) ? timedOut(state) : Effect().none())
                .onCommand(SessionActor.Described.class, (state, d) -> {
                    if (describing != null && running(state)) {
                        describing.put(d.participant(), d.participant() + " " + d.status());
                        if (describing.values().stream().noneMatch(v -> v.endsWith("did not answer"))) {
                            return endTimedOut(state);
                        }
                    }
                    return Effect().none();
                })
                .onCommand(DescribeDeadline.class, (state, d) -> running(state) ? endTimedOut(state)
                        : Effect().none())
                .build();
    }

    private static boolean running(CoordinatorState state) {
        return state.isStarted() && !state.isEnded();
    }

    /** A coordinator with no running session has nothing to do: it stops (a query restarts it). */
    private Effect<SessionEvent, CoordinatorState> idle(CoordinatorState state) {
        if (!running(state)) {
            passivate();
        }
        return Effect().none();
    }

    private Effect<SessionEvent, CoordinatorState> onBegin(CoordinatorState state, Begin begin) {
        if (state.isStarted()) {
            if (!state.started().protocol().equals(begin.protocol())) {
                begin.replyTo().tell(new SessionOutcome.SessionFailed(sessionId, begin.protocol(),
                        new SessionError.InvalidBindings(List.of("session id " + sessionId
                                + " is already used by a session of " + state.started().protocol())), List.of()));
                return idle(state);
            }
            if (state.isEnded()) {
                begin.replyTo().tell(state.outcome());
                return idle(state);
            }
            if (state.waiting().contains(begin.replyTo())) {
                accepted(begin);
                return Effect().none();
            }
            return Effect().persist(new SessionEvent.Requested(begin.replyTo())).thenRun(s -> accepted(begin));
        }
        List<String> participants;
        String version;
        io.choreo.runtime.session.SessionSpec spec;
        java.util.Map<String, Participants.Participant> instances;
        try {
            ProtocolRegistry registry = ProtocolRegistry.get(context.getSystem());
            var found = registry.lookup(begin.protocol(), begin.version());
            if (found.isEmpty() && registration.defer(context, new RecheckBegin(begin))) {
                // this node may have just started and not registered its protocols yet (a requester's Begin resent
                // meanwhile is dropped: it resends until accepted)
                return Effect().none();
            }
            if (found.isEmpty()) {
                SessionError refused = new SessionError.VersionNotHosted("session " + sessionId, begin.protocol(),
                        ProtocolVersion.orDefault(begin.version()), context.getSystem().address().toString(),
                        registry.versions(begin.protocol()));
                context.getLog().warn(refused.describe());
                begin.replyTo().tell(new SessionOutcome.SessionFailed(sessionId, begin.protocol(), refused,
                        List.of()));
                return idle(state);
            }
            ProtocolRegistry.Registration r = found.get();
            version = r.version();
            instances = Participants.of(r.protocol(), ResolvedBindings.resolve(r.protocol().global(),
                    begin.bindings()));
            participants = List.copyOf(instances.keySet());
            spec = io.choreo.runtime.session.SessionSpec.of(r.protocol()).withSessionId(sessionId)
                    .withBindings(begin.bindings());
        } catch (BindingException e) {
            begin.replyTo().tell(new SessionOutcome.SessionFailed(sessionId, begin.protocol(),
                    new SessionError.InvalidBindings(e.problems()), List.of()));
            return idle(state);
        }
        return Effect().persist(List.of(new SessionEvent.Started(begin.protocol(), version, begin.bindings(),
                        begin.timeoutMillis(), System.currentTimeMillis(), participants, begin.traced()),
                new SessionEvent.Requested(begin.replyTo())))
                .thenRun(s -> {
                    // the session log (and so the console) lists the session with its protocol version
                    SessionListeners.get(context.getSystem()).started(spec, instances);
                    run(s);
                    accepted(begin);
                });
    }

    private void accepted(Begin begin) {
        if (begin.accepted() != null) {
            begin.accepted().tell(new Accepted(sessionId));
        }
    }

    /** Activates every unfinished participant and starts the reminder and the timeout (from the persisted start). */
    private void run(CoordinatorState state) {
        remind(state, state.unfinished());
        timers.startTimerWithFixedDelay(Remind.INSTANCE, REMIND);
        long left = state.started().startedAtMillis() + state.started().timeoutMillis() - System.currentTimeMillis();
        timers.startSingleTimer(Timeout.INSTANCE, Duration.ofMillis(Math.max(0, left)));
    }

    private Peers peers(CoordinatorState state) {
        return new ShardedPeers(sessionId, Set.copyOf(state.started().participants()));
    }

    private void remind(CoordinatorState state, Set<String> participants) {
        ClusterSharding sharding = ClusterSharding.get(context.getSystem());
        Peers peers = peers(state);
        SessionEvent.Started started = state.started();
        Set<String> waitingFor = waitingFor(state);
        for (String p : participants) {
            if (waitingFor.contains(p)) {
                RoleEntity.activate(sharding, new RoleEntity.Activate(sessionId, started.protocol(),
                        started.version(), started.bindings(), p, peers, started.traced()));
            }
        }
    }

    /**
     * A participant's end is kept in memory until the last one's, and all are written with the session's end in one
     * write: a coordinator restarted before that reminds the participants whose end it did not write, and those that
     * had finished report it again (with the same result, replayed from their journal).
     */
    private Effect<SessionEvent, CoordinatorState> onFinished(CoordinatorState state,
                                                             SessionActor.RoleFinished finished) {
        if (!running(state) || !state.unfinished().contains(finished.participant())) {
            return idle(state);
        }
        finishedUnwritten.putIfAbsent(finished.participant(), finished);
        if (!waitingFor(state).isEmpty()) {
            return Effect().none();
        }
        List<SessionEvent> events = new ArrayList<>();
        CoordinatorState next = state;
        for (String p : state.unfinished()) {
            SessionActor.RoleFinished f = finishedUnwritten.get(p);
            SessionEvent.ParticipantFinished event = new SessionEvent.ParticipantFinished(p, f.result());
            events.add(event);
            next = next.apply(event);
        }
        timers.cancelAll();
        SessionOutcome outcome = new SessionOutcome.SessionCompleted(sessionId, state.started().protocol(),
                next.results(), List.copyOf(trace));
        events.add(new SessionEvent.Ended(outcome));
        return Effect().persist(events).thenRun(s -> ended(outcome, s));
    }

    /** The participants whose end this coordinator has not heard (written or not). */
    private Set<String> waitingFor(CoordinatorState state) {
        Set<String> left = state.unfinished();
        left.removeAll(finishedUnwritten.keySet());
        return left;
    }

    private Effect<SessionEvent, CoordinatorState> timedOut(CoordinatorState state) {
        describing = new LinkedHashMap<>();
        Set<String> waitingFor = waitingFor(state);
        waitingFor.forEach(p -> describing.put(p, p + " did not answer"));
        ClusterSharding sharding = ClusterSharding.get(context.getSystem());
        waitingFor.forEach(p -> sharding.entityRefFor(RoleEntity.TYPE_KEY, RoleEntity.entityId(sessionId, p))
                .tell(new RoleActor.Describe(context.getSelf())));
        timers.startSingleTimer(DescribeDeadline.INSTANCE, Duration.ofMillis(500));
        return Effect().none();
    }

    private Effect<SessionEvent, CoordinatorState> endTimedOut(CoordinatorState state) {
        return end(new SessionOutcome.SessionFailed(sessionId, state.started().protocol(),
                new SessionError.SessionTimedOut(state.started().timeoutMillis(),
                        List.copyOf(describing.values())), List.copyOf(trace)));
    }

    /** Persists the outcome, then tells everyone waiting for it and stops. */
    private Effect<SessionEvent, CoordinatorState> end(SessionOutcome outcome) {
        timers.cancelAll();
        return Effect().persist(new SessionEvent.Ended(outcome)).thenRun(s -> ended(outcome, s));
    }

    /** Once the end is in the journal: the session log records the outcome, then everyone waiting hears it. */
    private void ended(SessionOutcome outcome, CoordinatorState state) {
        SessionListeners.get(context.getSystem()).ended(outcome);
        told(state);
    }

    private void told(CoordinatorState ended) {
        ended.waiting().forEach(r -> r.tell(ended.outcome()));
        passivate();
    }
}
