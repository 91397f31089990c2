package io.choreo.persistence.durable;

import io.choreo.persistence.journal.FactRecorded;
import io.choreo.persistence.journal.SessionTags;
import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.role.Decisions;
import io.choreo.runtime.role.Interpreter;
import io.choreo.runtime.role.Monitor;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import io.choreo.runtime.role.SendPipeline;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.EventRejectedException;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A participant whose progress is event-sourced: every decision, send and receive is a {@link RoleEvent}. A send is
 * committed (with its journal facts, in one {@code persist(List)} write) before it is delivered, and redelivered until
 * the receiver acknowledges it; a receiver persists what it consumes before acknowledging, and drops duplicates by
 * the sender's sequence number. So after the actor, or the whole JVM, stops and starts again, the participant resumes
 * at the same local-type node and the session completes with no message or fact lost or duplicated. A failed
 * journal write restarts the participant with backoff, and it recovers from the journal. A finished participant
 * reports its end again when its session reminds it (a session coordinator restarted elsewhere may have missed it).
 */
public final class DurableRole extends EventSourcedBehavior<RoleActor.Command, RoleEvent, DurableRole.State> {

    /** How often unacknowledged messages are sent again. */
    static final Duration REDELIVERY = Duration.ofMillis(300);

    /** Handlers that already saw the replayed receives (a handler lives as long as its session spec). */
    private static final Set<RoleHandler> REPLAYED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    /** Where the participant is: its local type and what it sent, received and recorded. */
    public record State(LocalType type, Map<String, Long> sentSeq, Map<String, Long> receivedSeq,
                        List<RoleEvent.Sent> sent, List<RoleEvent.Received> received, Set<String> facts,
                        Map<Integer, Integer> loopIterations) {
    }

    private enum Drive implements RoleActor.Command { INSTANCE }

    private enum Redeliver implements RoleActor.Command { INSTANCE }

    private record Charged(SendPipeline.Authorized auth, FlowBudget.Charge charge, Throwable error)
            implements RoleActor.Command {
    }

    private final ActorContext<RoleActor.Command> context;
    private final TimerScheduler<RoleActor.Command> timers;
    private final RoleActor.Setup setup;
    private final String me;
    private final Map<String, TreeMap<Long, RoleActor.Envelope>> early = new HashMap<>();
    private final Map<String, TreeMap<Long, RoleEvent.Sent>> unacked = new HashMap<>();
    private Set<String> peers = Set.of();
    private Peers.Link link = (participant, command) -> { };
    private boolean charging;
    private boolean finishedReported;
    private Object result;
    private boolean failed;

    private DurableRole(ActorContext<RoleActor.Command> context, TimerScheduler<RoleActor.Command> timers,
                        RoleActor.Setup setup) {
        super(persistenceId(setup.sessionId(), setup.participant().name()), restartBackoff(context));
        this.context = context;
        this.timers = timers;
        this.setup = setup;
        this.me = setup.participant().name();
    }

    /**
     * The backoff after a failed journal write, from {@code choreo.persistence.restart-backoff} (min 50 ms, max 2 s,
     * random factor 0.2 by default; the simulator sets the random factor to 0 for reproducible runs).
     */
    private static org.apache.pekko.actor.typed.BackoffSupervisorStrategy restartBackoff(
            ActorContext<RoleActor.Command> context) {
        com.typesafe.config.Config c = context.getSystem().settings().config();
        String path = "choreo.persistence.restart-backoff";
        if (!c.hasPath(path)) {
            return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(50), Duration.ofSeconds(2), 0.2);
        }
        com.typesafe.config.Config b = c.getConfig(path);
        return SupervisorStrategy.restartWithBackoff(b.getDuration("min"), b.getDuration("max"),
                b.getDouble("random-factor"));
    }

    public static PersistenceId persistenceId(String sessionId, String participant) {
        return PersistenceId.of("choreo-role", sessionId + ":" + participant);
    }

    public static Behavior<RoleActor.Command> create(RoleActor.Setup setup) {
        Behavior<RoleActor.Command> durable = Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new DurableRole(ctx, timers, setup)));
        Behavior<Object> reported = Behaviors.intercept(() -> new RejectionReporter(setup), durable.unsafeCast());
        return reported.narrow();
    }

    /** Turns a journal rejection, which stops the participant, into a typed {@code JournalFailed} for the session. */
    private static final class RejectionReporter extends BehaviorInterceptor<Object, Object> {
        private final RoleActor.Setup setup;

        RejectionReporter(RoleActor.Setup setup) {
            super(Object.class);
            this.setup = setup;
        }

        @Override
        public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target) {
            try {
                return target.apply(ctx, msg);
            } catch (EventRejectedException e) {
                String me = setup.participant().name();
                setup.session().tell(new SessionActor.RoleFailed(me, new SessionError.JournalFailed(me, List.of(),
                        "the journal rejected a write: " + e.getCause())));
                throw e;
            }
        }
    }

    @Override
    public State emptyState() {
        LocalType start = setup.participant().type();
        try {
            start = Interpreter.unfold(start);
        } catch (IllegalStateException unguarded) {
            // reported when the participant is driven
        }
        return new State(start, Map.of(), Map.of(), List.of(), List.of(), Set.of(), Map.of());
    }

    @Override
    public Set<String> tagsFor(RoleEvent event) {
        return SessionTags.set(setup.sessionId());
    }

    // ------------------------------------------------------------------ events

    @Override
    public EventHandler<State, RoleEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(RoleEvent.Decided.class, (s, e) -> {
                    LocalType.Select choice = Interpreter.pendingChoice(s.type()).orElseThrow();
                    Map<Integer, Integer> loops = new HashMap<>(s.loopIterations());
                    if (Decisions.isLoopDecision(choice)) {
                        int key = Decisions.loopKey(choice);
                        loops.put(key, e.label().equals(choice.branches().get(0).label())
                                ? loops.getOrDefault(key, 0) + 1 : 0);
                    }
                    return new State(Interpreter.applyChoice(s.type(), e.label()), s.sentSeq(), s.receivedSeq(),
                            s.sent(), s.received(), s.facts(), loops);
                })
                .onEvent(RoleEvent.Sent.class, (s, e) -> {
                    LocalSemantics.Move m = Interpreter.move(s.type(), Action.Kind.SEND, e.to(), e.label());
                    return new State(Interpreter.unfold(m.next()), with(s.sentSeq(), e.to(), e.seq()),
                            s.receivedSeq(), append(s.sent(), e), s.received(), s.facts(), s.loopIterations());
                })
                .onEvent(RoleEvent.Received.class, (s, e) -> {
                    LocalSemantics.Move m = Interpreter.move(s.type(), Action.Kind.RECEIVE, e.from(), e.label());
                    return new State(Interpreter.unfold(m.next()), s.sentSeq(), with(s.receivedSeq(), e.from(),
                            e.seq()), s.sent(), append(s.received(), e), s.facts(), s.loopIterations());
                })
                .onEvent(RoleEvent.Fact.class, (s, e) -> {
                    Set<String> facts = new LinkedHashSet<>(s.facts());
                    facts.add(e.fact().fact());
                    return new State(s.type(), s.sentSeq(), s.receivedSeq(), s.sent(), s.received(), facts,
                            s.loopIterations());
                })
                .build();
    }

    private static Map<String, Long> with(Map<String, Long> m, String key, long value) {
        Map<String, Long> copy = new HashMap<>(m);
        copy.put(key, value);
        return copy;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public CommandHandler<RoleActor.Command, RoleEvent, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(RoleActor.Start.class, this::onStart)
                .onCommand(Drive.class, (state, d) -> drive(state))
                .onCommand(RoleActor.Envelope.class, (state, env) -> charging || peers.isEmpty() ? Effect().stash()
                        : onEnvelope(state, env))
                .onCommand(Charged.class, this::onCharged)
                .onCommand(RoleActor.Describe.class, (state, d) -> {
                    d.replyTo().tell(new SessionActor.Described(me, describe(state)));
                    return Effect().none();
                })
                .onCommand(RoleActor.Ack.class, (state, ack) -> {
                    TreeMap<Long, RoleEvent.Sent> pending = unacked.get(ack.from());
                    if (pending != null) {
                        pending.headMap(ack.seq(), true).clear();
                    }
                    return Effect().none();
                })
                .onCommand(Redeliver.class, (state, r) -> {
                    unacked.values().forEach(pending -> pending.values().forEach(this::deliver));
                    return Effect().none();
                })
                .build();
    }

    private Effect<RoleEvent, State> onStart(State state, RoleActor.Start start) {
        boolean first = peers.isEmpty();
        peers = Set.copyOf(start.peers().names());
        link = start.peers().bind(context.getSystem());
        if (first) {
            if (REPLAYED.add(setup.handler())) {
                for (RoleEvent.Received r : state.received()) {
                    notifyHandler(r);
                }
            }
            unacked.values().forEach(pending -> pending.values().forEach(this::deliver));
        }
        if (finishedReported) {
            // a reminder: the session (perhaps restarted on another node) has not recorded this participant's end
            setup.session().tell(new SessionActor.RoleFinished(me, result));
        }
        context.getSelf().tell(Drive.INSTANCE);
        return first ? Effect().unstashAll() : Effect().none();
    }

    /**
     * After recovery (first start, or a restart after a failed write, which also cancels timers): every message
     * sent so far is considered unacknowledged and redelivered until acknowledged; receivers drop duplicates.
     */
    private void recovered(State state) {
        unacked.clear();
        for (RoleEvent.Sent s : state.sent()) {
            unacked.computeIfAbsent(s.to(), k -> new TreeMap<>()).put(s.seq(), s);
        }
        timers.startTimerWithFixedDelay(Redeliver.INSTANCE, REDELIVERY);
        setup.session().tell(new SessionActor.PeersRequest(me, context.getSelf()));
    }

    /** Takes the next step the state allows: decide, send, consume an early message, or finish. */
    private Effect<RoleEvent, State> drive(State state) {
        if (failed || charging || peers.isEmpty()) {
            return Effect().none();
        }
        try {
            LocalType t = Interpreter.unfold(state.type());
            Optional<LocalType.Select> choice = Interpreter.pendingChoice(t);
            if (choice.isPresent()) {
                int iteration = state.loopIterations().getOrDefault(Decisions.loopKey(choice.get()), 0);
                String label = Decisions.decide(setup.handler(), setup.sessionId(), me, choice.get(), iteration);
                return Effect().persist(new RoleEvent.Decided(me, label)).thenRun(s -> driveAgain());
            }
            if (Interpreter.isFinished(t)) {
                return finish();
            }
            Optional<LocalSemantics.Move> send = Interpreter.nextSend(t);
            if (send.isPresent()) {
                return send(state, (LocalType.Send) send.get().step());
            }
            return takeEarly(state, t);
        } catch (RoleFailure f) {
            return fail(f.error());
        } catch (IllegalStateException e) {
            return fail(violation(e.getMessage()));
        }
    }

    private Effect<RoleEvent, State> send(State state, LocalType.Send node) throws RoleFailure {
        if (!peers.contains(node.peer().toString())) {
            throw new RoleFailure(violation("has no participant '" + node.peer() + "' to send " + node.label()
                    + " to"));
        }
        SendPipeline.Authorized auth = SendPipeline.authorize(node, setup.sessionId(), me, setup.participant().role(),
                setup.extensions());
        Optional<FlowBudget.Charge> now = SendPipeline.chargeNow(auth);
        if (now.isPresent()) {
            return commitSend(state, auth, now.get());
        }
        charging = true;
        context.pipeToSelf(auth.charge(), (charge, error) -> new Charged(auth, charge, error));
        return Effect().none();
    }

    private Effect<RoleEvent, State> onCharged(State state, Charged charged) {
        charging = false;
        try {
            if (charged.error() != null) {
                throw SendPipeline.chargeFailed(charged.auth(), me, charged.error());
            }
            return commitSend(state, charged.auth(), charged.charge()).thenUnstashAll();
        } catch (RoleFailure f) {
            return fail(f.error());
        }
    }

    /** Persists the send with its facts in one write, then delivers it. */
    private EffectBuilder<RoleEvent, State> commitSend(State state, SendPipeline.Authorized auth,
                                                       FlowBudget.Charge charge)
            throws RoleFailure {
        LocalType.Send node = auth.node();
        String to = node.peer().toString();
        SendPipeline.Cleared cleared = SendPipeline.complete(auth, charge, me, setup.handler(), setup.extensions());
        List<String> facts = node.annotations().journalFacts();
        Set<String> merged = Set.of();
        if (node.annotations().journalMerge()) {
            Set<String> all = new LinkedHashSet<>(state.facts());
            all.addAll(facts);
            merged = all;
        }
        RoleEvent.Sent sent = new RoleEvent.Sent(me, to, node.label(), state.sentSeq().getOrDefault(to, 0L) + 1,
                cleared.payload(), merged, node.implicit(), cleared.cost(), facts);
        List<RoleEvent> events = new ArrayList<>();
        events.add(sent);
        facts.stream().filter(f -> !state.facts().contains(f))
                .forEach(f -> events.add(new RoleEvent.Fact(new FactRecorded(setup.sessionId(), me, f))));
        return Effect().persist(events).thenRun(s -> {
            setup.session().tell(new SessionActor.Traced(new TraceEvent(me, to, node.label(), node.implicit(),
                    cleared.cost(), facts)));
            unacked.computeIfAbsent(to, k -> new TreeMap<>()).put(sent.seq(), sent);
            deliver(sent);
            SendPipeline.sent(cleared, setup.extensions());
            driveAgain();
        });
    }

    private Effect<RoleEvent, State> onEnvelope(State state, RoleActor.Envelope env) {
        if (failed) {
            return Effect().none();
        }
        Optional<String> rejected = Monitor.reject(env, setup.sessionId(), me, peers);
        if (rejected.isPresent()) {
            return fail(violation(rejected.get()));
        }
        long expected = state.receivedSeq().getOrDefault(env.from(), 0L) + 1;
        if (env.seq() < expected) {
            ack(env);
            return Effect().none();
        }
        TreeMap<Long, RoleActor.Envelope> queued = early.computeIfAbsent(env.from(), k -> new TreeMap<>());
        LocalType t;
        try {
            t = Interpreter.unfold(state.type());
        } catch (IllegalStateException e) {
            return fail(violation(e.getMessage()));
        }
        boolean due = env.seq() == expected && queued.isEmpty() && !Interpreter.receivesFrom(t, env.from()).isEmpty()
                && Interpreter.pendingChoice(t).isEmpty();
        if (!due) {
            if (queued.size() >= RoleActor.MAX_EARLY) {
                return fail(violation("too many messages from " + env.from() + " before they are due"));
            }
            queued.put(env.seq(), env);
            return Effect().none();
        }
        return consume(state, t, env);
    }

    private Effect<RoleEvent, State> takeEarly(State state, LocalType t) {
        for (Map.Entry<String, TreeMap<Long, RoleActor.Envelope>> e : early.entrySet()) {
            TreeMap<Long, RoleActor.Envelope> queued = e.getValue();
            if (queued.isEmpty()) {
                continue;
            }
            long expected = state.receivedSeq().getOrDefault(e.getKey(), 0L) + 1;
            queued.headMap(expected, false).clear();
            if (!queued.isEmpty() && queued.firstKey() == expected
                    && !Interpreter.receivesFrom(t, e.getKey()).isEmpty()) {
                return consume(state, t, queued.pollFirstEntry().getValue());
            }
        }
        return Effect().none();
    }

    private Effect<RoleEvent, State> consume(State state, LocalType t, RoleActor.Envelope env) {
        List<LocalSemantics.Move> expected = Interpreter.receivesFrom(t, env.from());
        boolean matches = expected.stream().anyMatch(m -> m.action().label().equals(env.label()));
        if (!matches) {
            if (t instanceof LocalType.Par) {
                early.computeIfAbsent(env.from(), k -> new TreeMap<>()).put(env.seq(), env);
                return Effect().none();
            }
            return fail(violation("expected " + String.join(" or ", expected.stream()
                    .map(m -> m.action().toString()).toList()) + " but received " + env.from() + "?" + env.label()));
        }
        RoleEvent.Received received = new RoleEvent.Received(env.from(), me, env.label(), env.seq(), env.payload(),
                env.implicit());
        List<RoleEvent> events = new ArrayList<>();
        events.add(received);
        if (env.mergedFacts() != null) {
            env.mergedFacts().stream().filter(f -> !state.facts().contains(f))
                    .forEach(f -> events.add(new RoleEvent.Fact(new FactRecorded(setup.sessionId(), me, f))));
        }
        return Effect().persist(events).thenRun(s -> {
            ack(env);
            notifyHandler(received);
            driveAgain();
        });
    }

    private Effect<RoleEvent, State> finish() {
        if (finishedReported) {
            return Effect().none();
        }
        if (early.values().stream().anyMatch(q -> !q.isEmpty())) {
            return fail(violation("finished its protocol with unexpected messages left"));
        }
        try {
            result = setup.handler().result();
        } catch (RuntimeException e) {
            return fail(new SessionError.HandlerFailed(me, "result(): " + e));
        }
        finishedReported = true;
        setup.session().tell(new SessionActor.RoleFinished(me, result));
        return Effect().none();
    }

    /** What the participant is doing, for a session that timed out. */
    private String describe(State state) {
        if (failed) {
            return "has failed";
        }
        if (charging) {
            return "is waiting for the flow budget";
        }
        if (peers.isEmpty()) {
            return "is waiting to learn its peers";
        }
        try {
            LocalType t = Interpreter.unfold(state.type());
            if (Interpreter.isFinished(t)) {
                return "has finished";
            }
            long unackedCount = unacked.values().stream().mapToLong(TreeMap::size).sum();
            return "is waiting for " + String.join(" or ", LocalSemantics.moves(t).stream()
                    .map(m -> m.action().toString()).distinct().toList())
                    + (unackedCount > 0 ? " (" + unackedCount + " sent messages not yet acknowledged)" : "");
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private Effect<RoleEvent, State> fail(SessionError error) {
        failed = true;
        timers.cancelAll();
        setup.session().tell(new SessionActor.RoleFailed(me, error));
        return Effect().none();
    }

    // ------------------------------------------------------------------ helpers and signals

    private void driveAgain() {
        context.getSelf().tell(Drive.INSTANCE);
    }

    private void deliver(RoleEvent.Sent sent) {
        link.tell(sent.to(), new RoleActor.Envelope(setup.sessionId(), me, sent.to(), sent.label(), sent.seq(),
                sent.payload(), sent.mergedFacts(), sent.implicit()));
    }

    private void ack(RoleActor.Envelope env) {
        link.tell(env.from(), new RoleActor.Ack(me, env.seq()));
    }

    private void notifyHandler(RoleEvent.Received r) {
        try {
            setup.handler().received(new ReceiveContext(setup.sessionId(), me, r.from(), r.label(), r.payload(),
                    r.implicit()));
        } catch (RuntimeException e) {
            fail(new SessionError.HandlerFailed(me, "received(" + r.label() + "): " + e));
        }
    }

    private SessionError violation(String detail) {
        return new SessionError.ProtocolViolation(me, detail);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), this::recovered)
                .onSignal(RecoveryFailed.class, (state, signal) -> fail(new SessionError.JournalFailed(me, List.of(),
                        "recovery failed: " + signal.getFailure().getMessage())))
                .build();
    }
}
