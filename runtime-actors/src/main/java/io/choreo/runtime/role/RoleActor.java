package io.choreo.runtime.role;

import io.choreo.projection.local.LocalType;
import io.choreo.runtime.engine.Engine;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.observe.SessionMdc;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionProtocol;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One participant of a session as a typed actor (progress in memory): a thin shell around the {@link Engine} over
 * the participant's compiled {@link RoleMachine}. The shell owns the mailbox and the effects — handler calls (sync or
 * async), the {@link SendPipeline}, payload checks, sends, waiting for budget and journal. Anything off-protocol fails
 * the session with a typed {@link SessionError.ProtocolViolation}; messages early for their turn wait per sender
 * ({@link EarlyMessages}). The session hears only the finish or the failure (and each send when traced). Its
 * messages are the {@link RoleProtocol}'s. An idle participant holds little: the compiled machine is shared per
 * protocol, and the outbox, the deadline timer and its timers exist only once needed.
 */
public final class RoleActor extends ParticipantState {

    /** What the participant waited for arrived: a handler's answer, a charge, a journal write (or its failure). */
    private record Answered(Object value, Throwable error) implements Command {
    }

    /** How many messages may wait for their turn before the participant gives up. */
    public static final int MAX_EARLY = 10_000;
    /** Completed stages taken at once in a row before one goes through the mailbox (bounds the stack). */
    private static final int MAX_INLINE = 32;

    private int inline;

    private RoleActor(ActorContext<Command> context, Setup setup, RoleMachine machine, DeadlineTimer deadline) {
        super(context, setup, machine, deadline);
    }


    /**
     * The participant's behaviour, with the session id and participant in the logging MDC while it handles a
     * message ({@link SessionMdc#receive}); timers only for a machine with a timed choice.
     */
    public static Behavior<Command> create(Setup setup) {
        return RoleShell.withMachine(setup, machine -> Behaviors.setup(ctx -> DeadlineTimer.needed(machine)
                ? Behaviors.withTimers(timers -> new RoleActor(ctx, setup, machine, DeadlineTimer.of(timers, ctx)).idle())
                : new RoleActor(ctx, setup, machine, null).idle()));
    }

    /** In-memory participants, which put their MDC themselves. */
    static final RoleBehaviors BEHAVIORS = new RoleBehaviors() {
        @Override
        public Behavior<Command> create(Setup setup) {
            return RoleActor.create(setup);
        }

        @Override
        public Behavior<Command> createLogged(Setup setup) {
            return RoleActor.create(setup);
        }

        @Override
        public boolean reportsStop() {
            return true;
        }
    };

    private Behavior<Command> idle() {
        return receive(command -> {
            if (command instanceof Start start) {
                peers = start.peers();
                return unstashAll(advance(Engine.start(machine)));
            }
            return command instanceof Describe d ? describe(d) : stashOrFail(command);
        });
    }

    /** Runs decisions and sends until the participant waits for a message, finishes or fails. */
    private Behavior<Command> advance(Position start) {
        Position p = start;
        try {
            while (true) {
                switch (machine.kind(p.state())) {
                    case CHOOSE -> {
                        if (async() != null) {
                            return choosing(p);
                        }
                        p = Engine.chose(machine, p, machine.branch(p.state(), Decisions.decide(setup.handler(),
                                setup.sessionId(), me(), machine.choice(p.state()), p.iterations(machine))));
                    }
                    case END -> {
                        return finished();
                    }
                    case RECEIVE -> {
                        return awaiting(p);
                    }
                    case SEND -> {
                        Position next = Engine.sent(machine, p);
                        Behavior<Command> busySending = send(p, next);
                        if (busySending != null) {
                            return busySending;
                        }
                        p = next;
                    }
                    default -> throw new IllegalStateException("the engine left an internal step unsettled");
                }
            }
        } catch (RoleFailure f) {
            return fail(f.error());
        } catch (IllegalStateException e) {
            return fail(violation(e.getMessage()));
        }
    }

    /** Sends the message of {@code p}; null when done, else the behaviour that waits (handler, charge, journal). */
    private Behavior<Command> send(Position p, Position next) throws RoleFailure {
        LocalType.Send node = machine.send(p.state());
        String to = machine.sendTo(p.state());
        if (!peers.names().contains(to)) {
            throw new RoleFailure(violation("has no participant '" + to + "' to send " + node.label() + " to"));
        }
        if (async() != null && !node.implicit()) {
            return waiting("payload for " + node.label(), () -> async().payloadAsync(SendPipeline.sendContext(setup, node, to)),
                    null, payload -> {
                        Behavior<Command> busySending = send(node, to, next, SendPipeline.payloadHandler(payload));
                        return busySending != null ? busySending : advance(next);
                    });
        }
        return send(node, to, next, setup.handler());
    }

    private Behavior<Command> send(LocalType.Send node, String to, Position next, RoleHandler payloads)
            throws RoleFailure {
        if (!node.annotations().present() && setup.extensions().custom().isEmpty()) {
            outbox().sendPlain(node, to, payloads);
            return null;
        }
        SendPipeline.Authorized auth = SendPipeline.authorize(node, setup.sessionId(), me(),
                setup.participant().role(), setup.extensions());
        FlowBudget.Charge charge = SendPipeline.chargeNow(auth).orElse(null);
        if (charge == null) {
            return charging(auth, next, payloads);
        }
        List<String> facts = outbox().send(auth, charge, payloads);
        if (facts.isEmpty()) {
            return null;
        }
        CompletionStage<?> write = setup.extensions().journal().record(setup.sessionId(), me(), facts);
        return recorded(write) ? null : journaling(write, facts, next);
    }

    /** True when {@code write} is already confirmed (an in-memory journal): the participant goes straight on. */
    private static boolean recorded(CompletionStage<?> write) {
        return write instanceof CompletableFuture<?> f && f.isDone() && !f.isCompletedExceptionally();
    }

    /** Asks an asynchronous handler to decide the choice at {@code p}. */
    private Behavior<Command> choosing(Position p) {
        LocalType.Select s = machine.choice(p.state());
        int line = s.origin().line();
        if (machine.isLoopDecision(p.state())) {
            LoopContext loop = new LoopContext(setup.sessionId(), me(), p.iterations(machine), line);
            return waiting("loop decision at line " + line, () -> async().continueLoopAsync(loop), null,
                    more -> advance(Engine.chose(machine, p, machine.branch(p.state(), Decisions.loopLabel(more)))));
        }
        ChoiceContext choice = Decisions.context(setup.sessionId(), me(), s);
        return waiting("choice at line " + line, () -> async().chooseAsync(choice),
                error -> Decisions.chooseFailed(async(), choice, me(), error),
                label -> advance(Engine.chose(machine, p, machine.branch(p.state(),
                        Decisions.validate(async(), choice, me(), label)))));
    }

    /** Asks an asynchronous handler ({@code what} names the call; {@code onError} null: HandlerFailed) and waits. */
    private <T> Behavior<Command> waiting(String what, HandlerCalls.Call<CompletionStage<T>> call,
                                          Waits.OnError onError, Waits.Then<Behavior<Command>, T> then) {
        try {
            CompletionStage<T> stage = HandlerCalls.call(me(), what, call);
            return waiting(() -> "is waiting for its handler: " + what, stage, onError != null ? onError
                    : e -> new RoleFailure(HandlerCalls.failure(me(), what, e)), then);
        } catch (RoleFailure f) {
            return fail(f.error());
        }
    }

    /**
     * Waits for {@code stage} (a handler's answer, a charge, a journal write), answering status requests; other
     * messages wait in the stash and are taken up once {@code then} has moved on. A stage already complete (an
     * in-memory journal or budget) goes on at once, a bounded number of times in a row.
     */
    private <T> Behavior<Command> waiting(java.util.function.Supplier<String> status, CompletionStage<T> stage,
                                          Waits.OnError onError, Waits.Then<Behavior<Command>, T> then) {
        if (inline < MAX_INLINE && stage instanceof CompletableFuture<T> f && f.isDone()) {
            Answered a;
            try {
                a = new Answered(f.join(), null);
            } catch (RuntimeException e) {
                a = new Answered(null, HandlerCalls.cause(e));
            }
            inline++;
            try {
                return answered(a, status, onError, then);
            } finally {
                inline--;
            }
        }
        context.pipeToSelf(stage, (value, error) -> new Answered(value, error));
        busy = status.get();
        return receive(command -> command instanceof Answered a ? unstashAll(answered(a, status, onError, then))
                : command instanceof Describe d ? describe(d) : stashOrFail(command));
    }

    @SuppressWarnings("unchecked")
    private <T> Behavior<Command> answered(Answered a, java.util.function.Supplier<String> status,
                                           Waits.OnError onError, Waits.Then<Behavior<Command>, T> then) {
        try {
            if (a.error() != null) {
                throw onError.apply(a.error());
            }
            return then.apply((T) a.value());
        } catch (RoleFailure f) {
            return fail(f.error());
        } catch (RuntimeException e) {
            return fail(HandlerCalls.failure(me(), status.get(), e));
        }
    }

    /** Waits at a receiving state; consumes a message that arrived early if it is due now. */
    private Behavior<Command> awaiting(Position p) {
        pos = p;
        busy = null;
        if (deadline != null && machine.deadline(p.state()) != null && !deadline.armed()) {
            try {
                deadline.arm(DeadlineTimer.duration(machine, p.state(), setup.handler(), setup.sessionId(), me()));
            } catch (RoleFailure f) {
                return fail(f.error());
            }
        }
        return early == null ? this : early.drain(machine, this, this);
    }

    @Override
    Behavior<Command> onCommand(Command command) {
        return command instanceof Envelope env ? onEnvelope(env) : command instanceof Describe d ? describe(d)
                : command instanceof DeadlineTimer.Fired f ? timedOut(f)
                : command instanceof Start ? fail(violation("received a second Start")) : Behaviors.same();
    }

    /** Waits for an asynchronous flow-cost charge, then sends. */
    private Behavior<Command> charging(SendPipeline.Authorized auth, Position next, RoleHandler payloads) {
        return waiting(() -> "is waiting for the flow budget to charge " + auth.cost() + " for " + auth.node().label(),
                auth.charge(), error -> SendPipeline.chargeFailed(auth, me(), error), charge -> {
                    List<String> facts = outbox().send(auth, charge, payloads);
                    return facts.isEmpty() ? advance(next) : journaling(setup.extensions().journal()
                            .record(setup.sessionId(), me(), facts), facts, next);
                });
    }

    /** Waits for a journal write to be confirmed before going on. */
    private Behavior<Command> journaling(CompletionStage<?> write, List<String> facts, Position next) {
        return waiting(() -> "is waiting for the journal to record " + facts, write,
                error -> new RoleFailure(new SessionError.JournalFailed(me(), facts, String.valueOf(error.getMessage()))),
                ok -> advance(next));
    }

    /** The deadline of the timed choice the participant waits at passed: its timeout branch follows. */
    private Behavior<Command> timedOut(DeadlineTimer.Fired fired) {
        if (deadline == null || !deadline.current(fired) || machine.deadline(pos.state()) == null) {
            return Behaviors.same();
        }
        try {
            Timeouts.report(setup, machine, pos.state(), deadline.duration());
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        return advance(Engine.timedOut(machine, pos));
    }

    private Behavior<Command> finished() {
        if (deadline != null) {
            deadline.cancel();
        }
        if (early != null && !early.isEmpty()) {
            return fail(violation("finished its protocol with unexpected messages left: " + early.describe()));
        }
        try {
            setup.session().tell(new SessionProtocol.RoleFinished(me(), HandlerCalls.call(me(), "result()",
                    () -> setup.handler().result()), outbox == null ? 0 : outbox.untraced()));
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        busy = "has finished";
        return SessionMdc.receive(setup.sessionId(), me(), command -> command instanceof Envelope env
                ? fail(violation("received " + env.from() + "?" + env.label() + " after its protocol ended"))
                : Behaviors.same());
    }

    private Behavior<Command> onEnvelope(Envelope env) {
        String rejected = Monitor.rejection(env, setup.sessionId(), me(), peers.names());
        if (rejected != null) {
            return fail(violation(rejected));
        }
        if (early != null && early.holds(env.from()) || !machine.acceptsFrom(pos.state(), env.from())) {
            return early().add(env) ? Behaviors.same()
                    : fail(violation("too many messages from " + env.from() + " before they are due"));
        }
        return consume(env);
    }

    @Override
    public Behavior<Command> consume(Envelope env) {
        int entry = machine.receiveIndex(pos.state(), env.from(), env.label());
        if (entry < 0) {
            if (machine.isParallel(pos.state()) && early().add(env)) {
                return Behaviors.same();   // due once another branch of the parallel block has moved on
            }
            return fail(violation("expected " + machine.expectedFrom(pos.state(), env.from()) + " but received "
                    + env.from() + "?" + env.label()));
        }
        ReceiveContext received = new ReceiveContext(setup.sessionId(), me(), env.from(), env.label(), env.payload(),
                env.implicit());
        Position next = Engine.received(machine, pos, entry);
        if (deadline != null && !machine.continuesWait(pos.state(), entry)) {
            deadline.cancel();
        }
        if (async() != null) {
            return waiting("received(" + env.label() + ")", () -> async().receivedAsync(received), null,
                    done -> received(env, next));
        }
        try {
            setup.handler().received(received);
        } catch (Throwable t) {
            return fail(HandlerCalls.failure(me(), "received(" + env.label() + ")", t));
        }
        return received(env, next);
    }

    /** After the handler saw {@code env}: merges its facts, if any, then goes on. */
    private Behavior<Command> received(Envelope env, Position next) {
        if (env.mergedFacts() != null && !env.mergedFacts().isEmpty()) {
            outbox().merged(env.mergedFacts());
            return journaling(setup.extensions().journal().merge(setup.sessionId(), me(), env.mergedFacts()),
                    List.copyOf(env.mergedFacts()), next);
        }
        return advance(next);
    }
}
