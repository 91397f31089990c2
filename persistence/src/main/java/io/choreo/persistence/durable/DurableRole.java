package io.choreo.persistence.durable;

import io.choreo.persistence.journal.JournalRestarts;
import io.choreo.runtime.engine.Engine;
import io.choreo.runtime.engine.PayloadClasses;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.role.DeadlineTimer;
import io.choreo.runtime.role.HandlerCalls;
import io.choreo.runtime.role.Monitor;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import io.choreo.runtime.role.RoleShell;
import io.choreo.runtime.role.Timeouts;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * A participant whose progress is event-sourced: a shell around the same {@link Engine} and compiled
 * {@link RoleMachine} as the in-memory role, whose every decision, send and receive is a {@link RoleEvent}. The
 * steps it can take at once — a receive and the decisions and sends that answer it ({@link DurableSteps}) — are
 * one journal write ({@link StepBatch}); sends are delivered once written and redelivered until acknowledged ({@link DurableOutbox}),
 * and receivers drop duplicates by the sender's sequence number. So after the actor, or the whole JVM, stops and
 * starts again, the participant resumes at the same local-type node and the session completes with no message or
 * fact lost or duplicated. A failed journal write restarts the participant with backoff, and it recovers from the
 * journal. A finished participant reports its end again when its session reminds it (a session coordinator
 * restarted elsewhere may have missed it).
 */
public final class DurableRole extends EventSourcedBehavior<RoleActor.Command, RoleEvent, RoleProgress> {

    /** How often unacknowledged messages are sent again. */
    static final Duration REDELIVERY = Duration.ofMillis(300);

    private enum Drive implements RoleActor.Command { INSTANCE }

    private enum Redeliver implements RoleActor.Command { INSTANCE }

    /** The first step of a batch (consume a message, take up an answer, or nothing); false: the batch ends. */
    @FunctionalInterface
    private interface FirstStep {
        boolean take() throws RoleFailure;
    }

    private final ActorContext<RoleActor.Command> context;
    private final TimerScheduler<RoleActor.Command> timers;
    private final RoleActor.Setup setup;
    private final String me;
    private final RoleMachine machine;
    private final DurableInbox early = new DurableInbox();
    private final DeadlineTimer deadline;
    private final DurableOutbox outbox;
    private final HandlerSteps handler;
    private final DurableSteps steps;
    private boolean finishedReported;
    private Object result;
    private boolean failed;

    private DurableRole(ActorContext<RoleActor.Command> context, TimerScheduler<RoleActor.Command> timers,
                        RoleActor.Setup setup, RoleMachine machine) {
        super(persistenceId(setup.sessionId(), setup.participant().name()), JournalRestarts.backoff(context.getSystem()));
        this.context = context;
        this.timers = timers;
        this.deadline = DeadlineTimer.of(timers, context);
        this.setup = setup;
        this.me = setup.participant().name();
        this.outbox = new DurableOutbox(setup);
        this.handler = new HandlerSteps(context, setup);
        this.machine = machine;
        PayloadClasses payloadClasses = PayloadClasses.of(setup.options().payloadClasses(),
                context.getSystem().settings().config(), setup.handler().getClass().getClassLoader())
                .learnDeclared(machine);
        this.steps = new DurableSteps(setup, machine, payloadClasses, handler, outbox, early, deadline);
    }

    public static PersistenceId persistenceId(String sessionId, String participant) {
        return PersistenceId.of("choreo-role", sessionId + ":" + participant);
    }

    public static Behavior<RoleActor.Command> create(RoleActor.Setup setup) {
        Behavior<RoleActor.Command> durable = RoleShell.withMachine(setup, machine -> Behaviors.setup(ctx ->
                Behaviors.withTimers(timers -> new DurableRole(ctx, timers, setup, machine))));
        Behavior<Object> reported = Behaviors.intercept(() -> new RoleRestarts.RejectionReporter(setup),
                durable.unsafeCast());
        return reported.narrow();
    }

    /** No snapshots are taken, so recovery does not ask the snapshot store (one query less per start). */
    @Override
    public org.apache.pekko.persistence.typed.javadsl.Recovery recovery() {
        return io.choreo.persistence.journal.NoSnapshots.recovery();
    }

    @Override
    public RoleProgress emptyState() {
        return RoleProgress.start(machine);
    }

    @Override
    public EventHandler<RoleProgress, RoleEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onAnyEvent((progress, event) -> progress.apply(machine, event));
    }

    // ------------------------------------------------------------------ commands

    @Override
    public CommandHandler<RoleActor.Command, RoleEvent, RoleProgress> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(RoleActor.Start.class, this::onStart)
                .onCommand(Drive.class, (state, d) -> drive(state))
                .onCommand(RoleActor.Envelope.class, (state, env) -> waiting() || steps.peers().isEmpty()
                        ? Effect().stash() : onEnvelope(state, env))
                .onCommand(HandlerSteps.Answered.class, this::onAnswered)
                .onCommand(DeadlineTimer.Fired.class, (state, fired) -> waiting() || steps.peers().isEmpty()
                        ? Effect().stash() : timedOut(state, fired))
                .onCommand(RoleActor.Describe.class, (state, d) -> {
                    d.replyTo().tell(new SessionActor.Described(me, describe(state)));
                    return Effect().none();
                })
                .onCommand(RoleActor.Ack.class, (state, ack) -> {
                    outbox.acknowledged(ack.from(), ack.seq());
                    return Effect().none();
                })
                .onCommand(Redeliver.class, (state, r) -> {
                    outbox.redeliver(state);
                    return Effect().none();
                })
                .build();
    }

    private Effect<RoleEvent, RoleProgress> onStart(RoleProgress state, RoleActor.Start start) {
        boolean first = steps.peers().isEmpty();
        steps.peers(start.peers().names());
        outbox.bind(start.peers().bind(context.getSystem()));
        if (first) {
            outbox.redeliver(state);
            try {
                handler.replay(state.received());
            } catch (RoleFailure f) {
                fail(f.error());
            }
        }
        if (finishedReported) {
            // a reminder: the session (perhaps restarted on another node) has not recorded this participant's end
            reportFinished();
        }
        context.getSelf().tell(Drive.INSTANCE);
        return first ? Effect().unstashAll() : Effect().none();
    }

    /**
     * After recovery (first start, or a restart after a failed write, which also cancels timers): every message
     * sent so far is considered unacknowledged and redelivered until acknowledged; receivers drop duplicates.
     */
    private void recovered(RoleProgress state) {
        handler.recovered();
        outbox.recovered(state);
        timers.startTimerWithFixedDelay(Redeliver.INSTANCE, REDELIVERY);
        if (state.deadline() != null) {
            deadline.armAt(state.deadline().dueAtMillis(), Duration.ofMillis(state.deadline().durationMillis()));
        }
        setup.session().tell(new SessionActor.PeersRequest(me, context.getSelf()));
    }

    /** Takes every step the state allows now (decide, send, consume early messages), then finishes if at the end. */
    private EffectBuilder<RoleEvent, RoleProgress> drive(RoleProgress state) {
        if (failed || waiting() || steps.peers().isEmpty()) {
            return Effect().none();
        }
        return advance(new StepBatch(machine, state), () -> true);
    }

    /**
     * Takes {@code first} (consuming a message, or an answer), then every further step that needs no waiting, and
     * writes them all in one batch: a receive and the sends that answer it are one journal write. Once written,
     * sends are delivered, receives acknowledged, and a participant at its end reports it.
     */
    private EffectBuilder<RoleEvent, RoleProgress> advance(StepBatch batch, FirstStep first) {
        try {
            boolean more = first.take();
            while (more) {
                more = steps.step(batch);
            }
        } catch (RoleFailure f) {
            return failAfter(batch, f.error());
        } catch (IllegalStateException e) {
            return fail(steps.violation(e.getMessage()));
        }
        if (failed) {
            return Effect().none();
        }
        boolean atEnd = machine.kind(batch.progress().position().state()) == RoleMachine.Kind.END;
        if (batch.isEmpty()) {
            return atEnd ? finish() : Effect().none();
        }
        return Effect().persist(batch.record()).thenRun(s -> {
            batch.written();
            if (atEnd) {
                finish();
            }
        });
    }

    private Effect<RoleEvent, RoleProgress> onEnvelope(RoleProgress state, RoleActor.Envelope env) {
        if (failed) {
            return Effect().none();
        }
        outbox.acknowledged(env.from(), env.acked());
        Optional<String> rejected = Monitor.reject(env, setup.sessionId(), me, steps.peers());
        if (rejected.isPresent()) {
            return fail(steps.violation(rejected.get()));
        }
        DurableInbox.Arrival arrival = early.arrival(state, machine, env);
        if (arrival == DurableInbox.Arrival.DUPLICATE) {
            outbox.ack(env);
            return Effect().none();
        }
        if (arrival == DurableInbox.Arrival.EARLY) {
            return early.hold(env) ? Effect().none()
                    : fail(steps.violation("too many messages from " + env.from() + " before they are due"));
        }
        StepBatch batch = new StepBatch(machine, state);
        return advance(batch, () -> steps.consume(batch, env));
    }

    /** The recorded deadline passed: the timeout is the first step of a new batch. */
    private Effect<RoleEvent, RoleProgress> timedOut(RoleProgress state, DeadlineTimer.Fired fired) {
        int at = state.position().state();
        if (failed || !deadline.current(fired) || state.deadline() == null
                || machine.kind(at) != RoleMachine.Kind.RECEIVE || machine.deadline(at) == null) {
            return Effect().none();
        }
        StepBatch batch = new StepBatch(machine, state);
        return advance(batch, () -> {
            Timeouts.report(setup, machine, at, Duration.ofMillis(state.deadline().durationMillis()));
            batch.add(List.of(new RoleEvent.TimedOut(me, deadline.now())), null);
            return true;
        });
    }

    // ------------------------------------------------------------------ asynchronous handlers

    /** An asynchronous handler answered: the answer is the first step of a new batch. */
    private Effect<RoleEvent, RoleProgress> onAnswered(RoleProgress state, HandlerSteps.Answered answered) {
        if (!handler.awaited(answered) || failed) {
            return Effect().none();
        }
        StepBatch batch = new StepBatch(machine, state);
        return advance(batch, () -> answered.takeUp(batch, me)).thenUnstashAll();
    }

    private boolean waiting() {
        return handler.waiting() != null;
    }

    // ------------------------------------------------------------------ the end

    private EffectBuilder<RoleEvent, RoleProgress> finish() {
        if (finishedReported) {
            return Effect().none();
        }
        if (!early.isEmpty()) {
            return fail(steps.violation("finished its protocol with unexpected messages left"));
        }
        try {
            result = HandlerCalls.call(me, "result()", () -> setup.handler().result());
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        finishedReported = true;
        reportFinished();
        return Effect().none();
    }

    private void reportFinished() {
        setup.session().tell(new SessionActor.RoleFinished(me, result, outbox.untraced()));
    }

    /** What the participant is doing, for a session that timed out. */
    private String describe(RoleProgress state) {
        if (failed) {
            return "has failed";
        }
        if (waiting()) {
            return "is waiting for " + handler.waiting();
        }
        if (steps.peers().isEmpty()) {
            return "is waiting to learn its peers";
        }
        long unackedCount = outbox.pending();
        return state.doing(machine) + (unackedCount > 0 ? " (" + unackedCount
                + " sent messages not yet acknowledged)" : "");
    }

    /**
     * Fails in a step that had consumed messages: records that (for the audit, which tells delivered-then-failed from
     * never delivered) before reporting the failure.
     */
    private EffectBuilder<RoleEvent, RoleProgress> failAfter(StepBatch batch, SessionError error) {
        List<RoleEvent.Received> consumed = batch.received();
        if (consumed.isEmpty() || failed) {
            return fail(error);
        }
        failed = true;
        timers.cancelAll();
        return Effect().persist((RoleEvent) new RoleEvent.Failed(me, error.describe(), consumed))
                .thenRun(s -> setup.session().tell(new SessionActor.RoleFailed(me, error)));
    }

    private EffectBuilder<RoleEvent, RoleProgress> fail(SessionError error) {
        failed = true;
        timers.cancelAll();
        setup.session().tell(new SessionActor.RoleFailed(me, error));
        return Effect().none();
    }

    // ------------------------------------------------------------------ signals

    @Override
    public SignalHandler<RoleProgress> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), this::recovered)
                .onSignal(RecoveryFailed.class, (state, signal) -> fail(new SessionError.JournalFailed(me, List.of(),
                        "recovery failed: " + signal.getFailure().getMessage())))
                .build();
    }
}
