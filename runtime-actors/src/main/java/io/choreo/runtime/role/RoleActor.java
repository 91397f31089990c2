package io.choreo.runtime.role;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.engine.Engine;
import io.choreo.runtime.engine.PayloadClasses;
import io.choreo.runtime.engine.PayloadTypeIds;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOptions;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * One participant of a session as a typed actor (progress in memory): a thin shell around the {@link Engine} over
 * the participant's compiled {@link RoleMachine}. The shell owns the mailbox and the effects — handler calls (sync or
 * async), the {@link SendPipeline}, payload checks, sends, waiting for budget and journal. Anything off-protocol fails
 * the session with a typed {@link SessionError.ProtocolViolation}; messages early for their turn wait per sender
 * ({@link EarlyMessages}). The session hears only the finish or the failure (and each send when traced).
 */
public final class RoleActor {

    /** Messages a role actor understands. */
    public interface Command extends CborSerializable {
    }

    /** Sent by the session once every participant exists: who is who. */
    public record Start(Peers peers) implements Command {
    }

    /**
     * A protocol message from one participant to another. On the wire it is a CBOR array of its values in this order,
     * with no field names.
     *
     * @param seq the sender's sequence number for this receiver, from 1 (receivers drop duplicates by it)
     * @param payload carried with its type id ({@link PayloadTypeIds}), never a class name
     * @param mergedFacts for {@code journal_merge}: the sender's fact set, merged into the receiver's
     * @param acked durable senders: the highest sequence number they have consumed (and written) from the receiver,
     *              so an answer acknowledges what it answers without a separate {@link Ack}
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"sessionId", "from", "to", "label", "seq", "payload", "mergedFacts", "implicit", "acked"})
    public record Envelope(String sessionId, String from, String to, String label, long seq,
                           @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                           @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object payload, Set<String> mergedFacts,
                           boolean implicit, long acked) implements Command {
        /** An envelope that acknowledges nothing (in-memory participants do not acknowledge). */
        public Envelope(String sessionId, String from, String to, String label, long seq, Object payload,
                        Set<String> mergedFacts, boolean implicit) {
            this(sessionId, from, to, label, seq, payload, mergedFacts, implicit, 0);
        }
    }

    /** The session asks what the participant is doing (it timed out); the answer is a {@code Described}. */
    public record Describe(ActorRef<SessionActor.Command> replyTo) implements Command {
    }

    /** A durable receiver confirms {@code seq} from {@code from}; senders stop redelivering it. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"from", "seq"})
    public record Ack(String from, long seq) implements Command {
    }

    /** What the participant waited for arrived: a handler's answer, a charge, a journal write (or its failure). */
    private record Answered(Object value, Throwable error) implements Command {
    }

    /** Everything a participant needs to run. */
    public record Setup(String sessionId, Participant participant, String instanceName, RoleHandler handler,
                        Extensions extensions, ActorRef<SessionActor.Command> session, SessionOptions options) {
        public Setup(String sessionId, Participant participant, String instanceName, RoleHandler handler,
                     Extensions extensions, ActorRef<SessionActor.Command> session) {
            this(sessionId, participant, instanceName, handler, extensions, session, SessionOptions.DEFAULTS);
        }
    }

    /** How many messages may wait for their turn before the participant gives up. */
    public static final int MAX_EARLY = 10_000;
    /** Completed stages taken at once in a row before one goes through the mailbox (bounds the stack). */
    private static final int MAX_INLINE = 32;

    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final Setup setup;
    private final String me;
    private final RoleMachine machine;
    /** The handler if it is asynchronous (or an application actor), else null: the synchronous fast path. */
    private final AsyncRoleHandler async;
    private final Outbox outbox;
    private final EarlyMessages early = new EarlyMessages();
    /** Early messages are consumed in a loop, not by recursion: set while one runs, and when it must look again. */
    private boolean draining;
    private boolean drainAgain;
    private final DeadlineTimer deadline;
    /**
     * The one behaviour of every receiving state: the position says what it accepts. Staying in it is answered with
     * {@code same}, so the behaviours wrapped around it (the MDC's interceptor) are not built again per message.
     */
    private final Behavior<Command> receiving = Behaviors.receive((ctx, command) -> {
        Behavior<Command> next = onCommand(command);
        return next == this.receiving ? Behaviors.same() : next;
    });
    private Position pos;
    private Set<String> peers = Set.of();
    /** What the participant waits for when not at a receiving state, for {@link Describe}. */
    private String busy = "has not been started";
    private int inline;

    private RoleActor(ActorContext<Command> context, StashBuffer<Command> stash, Setup setup, RoleMachine machine,
                      DeadlineTimer deadline) {
        this.context = context;
        this.deadline = deadline;
        this.stash = stash;
        this.setup = setup;
        this.me = setup.participant().name();
        this.machine = machine;
        this.async = setup.handler() instanceof AsyncRoleHandler a ? a : null;
        this.outbox = new Outbox(setup, PayloadClasses.of(setup.options().payloadClasses(),
                io.choreo.runtime.session.SessionSettings.config(context.getSystem()),
                setup.handler().getClass().getClassLoader())
                .learnDeclared(machine));
    }

    public static Behavior<Command> create(Setup setup) {
        return RoleShell.withMachine(setup, machine -> Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                Behaviors.withStash(MAX_EARLY, stash -> new RoleActor(ctx, stash, setup, machine,
                        DeadlineTimer.of(timers, ctx)).idle()))));
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(Start.class, start -> {
                    peers = Set.copyOf(start.peers().names());
                    outbox.connect(start.peers().bind(context.getSystem()));
                    return stash.unstashAll(advance(Engine.start(machine)));
                })
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    /** Runs decisions and sends until the participant waits for a message, finishes or fails. */
    private Behavior<Command> advance(Position start) {
        Position p = start;
        try {
            while (true) {
                switch (machine.kind(p.state())) {
                    case CHOOSE -> {
                        if (async != null) {
                            return choosing(p);
                        }
                        p = Engine.chose(machine, p, machine.branch(p.state(), Decisions.decide(setup.handler(),
                                setup.sessionId(), me, machine.choice(p.state()), p.iterations(machine))));
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
        if (!peers.contains(to)) {
            throw new RoleFailure(violation("has no participant '" + to + "' to send " + node.label() + " to"));
        }
        if (async != null && !node.implicit()) {
            return waiting("payload for " + node.label(), () -> async.payloadAsync(SendPipeline.sendContext(setup, node, to)),
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
            outbox.sendPlain(node, to, payloads);
            return null;
        }
        SendPipeline.Authorized auth = SendPipeline.authorize(node, setup.sessionId(), me,
                setup.participant().role(), setup.extensions());
        FlowBudget.Charge charge = SendPipeline.chargeNow(auth).orElse(null);
        if (charge == null) {
            return charging(auth, next, payloads);
        }
        List<String> facts = outbox.send(auth, charge, payloads);
        if (facts.isEmpty()) {
            return null;
        }
        CompletionStage<?> write = setup.extensions().journal().record(setup.sessionId(), me, facts);
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
            LoopContext loop = new LoopContext(setup.sessionId(), me, p.iterations(machine), line);
            return waiting("loop decision at line " + line, () -> async.continueLoopAsync(loop), null,
                    more -> advance(Engine.chose(machine, p, machine.branch(p.state(), Decisions.loopLabel(more)))));
        }
        ChoiceContext choice = Decisions.context(setup.sessionId(), me, s);
        return waiting("choice at line " + line, () -> async.chooseAsync(choice),
                error -> Decisions.chooseFailed(async, choice, me, error),
                label -> advance(Engine.chose(machine, p, machine.branch(p.state(),
                        Decisions.validate(async, choice, me, label)))));
    }

    /** Asks an asynchronous handler ({@code what} names the call; {@code onError} null: HandlerFailed) and waits. */
    private <T> Behavior<Command> waiting(String what, HandlerCalls.Call<CompletionStage<T>> call,
                                          Waits.OnError onError, Waits.Then<Behavior<Command>, T> then) {
        try {
            CompletionStage<T> stage = HandlerCalls.call(me, what, call);
            return waiting(() -> "is waiting for its handler: " + what, stage, onError != null ? onError
                    : e -> new RoleFailure(HandlerCalls.failure(me, what, e)), then);
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
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(Answered.class, a -> stash.unstashAll(answered(a, status, onError, then)))
                .onMessage(Command.class, this::stashOrFail)
                .build();
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
            return fail(HandlerCalls.failure(me, status.get(), e));
        }
    }

    /** Waits at a receiving state; consumes a message that arrived early if it is due now. */
    private Behavior<Command> awaiting(Position p) {
        pos = p;
        busy = null;
        if (machine.deadline(p.state()) != null && !deadline.armed()) {
            try {
                deadline.arm(DeadlineTimer.duration(machine, p.state(), setup.handler(), setup.sessionId(), me));
            } catch (RoleFailure f) {
                return fail(f.error());
            }
        }
        if (draining) {
            drainAgain = true;   // the drain below this frame looks at the early messages again, from pos
            return receiving;
        }
        draining = true;
        try {
            Behavior<Command> next = receiving;
            do {
                drainAgain = false;
                Envelope due = dueEarly();
                if (due == null) {
                    return next;
                }
                next = consume(due);
            } while (drainAgain && next == receiving);
            return next;
        } finally {
            draining = false;
        }
    }

    /** An early message that is due at {@code pos}, taken from the buffer; null if none is. */
    private Envelope dueEarly() {
        for (String from : early.senders()) {
            if (machine.acceptsFrom(pos.state(), from)) {
                return early.take(from);
            }
        }
        return null;
    }

    private Behavior<Command> onCommand(Command command) {
        return command instanceof Envelope env ? onEnvelope(env) : command instanceof Describe d ? describe(d)
                : command instanceof DeadlineTimer.Fired f ? timedOut(f)
                : command instanceof Start ? fail(violation("received a second Start")) : Behaviors.same();
    }

    /** Waits for an asynchronous flow-cost charge, then sends. */
    private Behavior<Command> charging(SendPipeline.Authorized auth, Position next, RoleHandler payloads) {
        return waiting(() -> "is waiting for the flow budget to charge " + auth.cost() + " for " + auth.node().label(),
                auth.charge(), error -> SendPipeline.chargeFailed(auth, me, error), charge -> {
                    List<String> facts = outbox.send(auth, charge, payloads);
                    return facts.isEmpty() ? advance(next) : journaling(setup.extensions().journal()
                            .record(setup.sessionId(), me, facts), facts, next);
                });
    }

    /** Waits for a journal write to be confirmed before going on. */
    private Behavior<Command> journaling(CompletionStage<?> write, List<String> facts, Position next) {
        return waiting(() -> "is waiting for the journal to record " + facts, write,
                error -> new RoleFailure(new SessionError.JournalFailed(me, facts, String.valueOf(error.getMessage()))),
                ok -> advance(next));
    }

    /** The deadline of the timed choice the participant waits at passed: its timeout branch follows. */
    private Behavior<Command> timedOut(DeadlineTimer.Fired fired) {
        if (!deadline.current(fired) || machine.deadline(pos.state()) == null) {
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
        deadline.cancel();
        if (!early.isEmpty()) {
            return fail(violation("finished its protocol with unexpected messages left: " + early.describe()));
        }
        try {
            setup.session().tell(new SessionActor.RoleFinished(me, HandlerCalls.call(me, "result()",
                    () -> setup.handler().result()), outbox.untraced()));
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        busy = "has finished";
        return Behaviors.receive(Command.class)
                .onMessage(Envelope.class, env -> fail(violation("received " + env.from() + "?" + env.label()
                        + " after its protocol ended")))
                .onMessage(Command.class, c -> Behaviors.same())
                .build();
    }

    private Behavior<Command> describe(Describe d) {
        String status = busy != null ? busy : "is waiting for " + machine.waitingFor(pos.state())
                + (early.isEmpty() ? "" : " (holding early " + early.describe() + ")");
        d.replyTo().tell(new SessionActor.Described(me, status));
        return Behaviors.same();
    }

    private Behavior<Command> fail(SessionError error) {
        setup.session().tell(new SessionActor.RoleFailed(me, error));
        return Behaviors.ignore();
    }

    private Behavior<Command> stashOrFail(Command c) {
        if (stash.isFull()) {
            return fail(violation("more than " + MAX_EARLY + " messages arrived before it could handle them"));
        }
        stash.stash(c);
        return Behaviors.same();
    }

    private Behavior<Command> onEnvelope(Envelope env) {
        String rejected = Monitor.rejection(env, setup.sessionId(), me, peers);
        if (rejected != null) {
            return fail(violation(rejected));
        }
        if (early.holds(env.from()) || !machine.acceptsFrom(pos.state(), env.from())) {
            return early.add(env) ? Behaviors.same()
                    : fail(violation("too many messages from " + env.from() + " before they are due"));
        }
        return consume(env);
    }

    private Behavior<Command> consume(Envelope env) {
        int entry = machine.receiveIndex(pos.state(), env.from(), env.label());
        if (entry < 0) {
            if (machine.isParallel(pos.state()) && early.add(env)) {
                return Behaviors.same();   // due once another branch of the parallel block has moved on
            }
            return fail(violation("expected " + machine.expectedFrom(pos.state(), env.from()) + " but received "
                    + env.from() + "?" + env.label()));
        }
        ReceiveContext received = new ReceiveContext(setup.sessionId(), me, env.from(), env.label(), env.payload(),
                env.implicit());
        Position next = Engine.received(machine, pos, entry);
        if (!machine.continuesWait(pos.state(), entry)) {
            deadline.cancel();
        }
        if (async != null) {
            return waiting("received(" + env.label() + ")", () -> async.receivedAsync(received), null,
                    done -> received(env, next));
        }
        try {
            setup.handler().received(received);
        } catch (Throwable t) {
            return fail(HandlerCalls.failure(me, "received(" + env.label() + ")", t));
        }
        return received(env, next);
    }

    /** After the handler saw {@code env}: merges its facts, if any, then goes on. */
    private Behavior<Command> received(Envelope env, Position next) {
        if (env.mergedFacts() != null && !env.mergedFacts().isEmpty()) {
            outbox.merged(env.mergedFacts());
            return journaling(setup.extensions().journal().merge(setup.sessionId(), me, env.mergedFacts()),
                    List.copyOf(env.mergedFacts()), next);
        }
        return advance(next);
    }

    private SessionError violation(String detail) {
        return new SessionError.ProtocolViolation(me, detail);
    }
}
