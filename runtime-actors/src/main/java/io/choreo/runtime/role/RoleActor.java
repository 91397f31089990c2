package io.choreo.runtime.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.engine.Engine;
import io.choreo.runtime.engine.PayloadClasses;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOptions;
import io.choreo.runtime.session.TraceEvent;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * One participant of a session as a typed actor (testing mode: progress lives in memory): a thin shell around the
 * {@link Engine} over the participant's compiled {@link RoleMachine}. The shell owns the mailbox and the effects —
 * it asks the handler, runs the {@link SendPipeline} on annotated sends, checks payloads against their declared
 * types, sends, and waits for the flow budget and the journal; the engine says where the participant is. A monitor
 * rejects anything off-protocol — wrong session, unknown sender, wrong label — by failing the session with a typed
 * {@link SessionError.ProtocolViolation}; messages that arrive before their turn wait in a per-sender FIFO
 * ({@link EarlyMessages}). The session hears only the finish or the failure (and each send when traced).
 */
public final class RoleActor {

    /** Messages a role actor understands. */
    public interface Command extends CborSerializable {
    }

    /** Sent by the session once every participant exists: who is who. */
    public record Start(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Peers peers) implements Command {
    }

    /**
     * A protocol message from one participant to another.
     *
     * @param seq the sender's sequence number for this receiver, from 1 (receivers drop duplicates by it)
     * @param mergedFacts for {@code journal_merge}: the sender's fact set, merged into the receiver's
     */
    public record Envelope(String sessionId, String from, String to, String label, long seq,
                           @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object payload, Set<String> mergedFacts,
                           boolean implicit) implements Command {
    }

    /** The session asks what the participant is doing (it timed out); the answer is a {@code Described}. */
    public record Describe(ActorRef<SessionActor.Command> replyTo) implements Command {
    }

    /** A durable receiver confirms {@code seq} from {@code from}; senders stop redelivering it. */
    public record Ack(String from, long seq) implements Command {
    }

    private record JournalWritten(Position next) implements Command {
    }

    private record Charged(FlowBudget.Charge charge) implements Command {
    }

    private record ChargeFailed(Throwable error) implements Command {
    }

    private record JournalWriteFailed(List<String> facts, String detail) implements Command {
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

    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final Setup setup;
    private final String me;
    private final RoleMachine machine;
    private final Outbox outbox;
    private final EarlyMessages early = new EarlyMessages();
    /** The one behaviour of every receiving state: the position says what it accepts. */
    private final Behavior<Command> receiving = Behaviors.receive((ctx, command) -> onCommand(command));
    private Position pos;
    private Set<String> peers = Set.of();
    /** What the participant waits for when not at a receiving state, for {@link Describe}. */
    private String busy = "has not been started";

    private RoleActor(ActorContext<Command> context, StashBuffer<Command> stash, Setup setup, RoleMachine machine) {
        this.context = context;
        this.stash = stash;
        this.setup = setup;
        this.me = setup.participant().name();
        this.machine = machine;
        this.outbox = new Outbox(setup, PayloadClasses.of(setup.options().payloadClasses(),
                context.getSystem().settings().config(), setup.handler().getClass().getClassLoader()));
    }

    public static Behavior<Command> create(Setup setup) {
        return withMachine(setup, machine -> Behaviors.setup(ctx -> Behaviors.withStash(MAX_EARLY,
                stash -> new RoleActor(ctx, stash, setup, machine).idle())));
    }

    /**
     * The participant's compiled machine handed to {@code shell}; a type that cannot be compiled (unguarded
     * recursion, too many states) fails the session with a typed {@code ProtocolViolation}.
     */
    public static Behavior<Command> withMachine(Setup setup,
                                                java.util.function.Function<RoleMachine, Behavior<Command>> shell) {
        RoleMachine machine;
        try {
            machine = RoleMachine.of(setup.participant().type());
        } catch (IllegalStateException e) {
            String me = setup.participant().name();
            setup.session().tell(new SessionActor.RoleFailed(me, new SessionError.ProtocolViolation(me,
                    e.getMessage())));
            return Behaviors.ignore();
        }
        return shell.apply(machine);
    }

    // ------------------------------------------------------------------ states

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(Start.class, start -> {
                    peers = Set.copyOf(start.peers().names());
                    outbox.connect(start.peers().bind(context.getSystem()));
                    return stash.unstashAll(advance(Engine.start(machine)));
                })
                .onMessage(Ack.class, ack -> Behaviors.same())
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    /** Runs decisions and sends until the participant waits for a message, finishes or fails. */
    private Behavior<Command> advance(Position start) {
        Position p = start;
        try {
            while (true) {
                switch (machine.kind(p.state())) {
                    case CHOOSE -> p = Engine.chose(machine, p, decide(p));
                    case END -> {
                        return finished();
                    }
                    case RECEIVE -> {
                        return awaiting(p);
                    }
                    case SEND -> {
                        LocalType.Send node = machine.send(p.state());
                        String to = machine.sendTo(p.state());
                        if (!peers.contains(to)) {
                            throw new RoleFailure(violation("has no participant '" + to + "' to send "
                                    + node.label() + " to"));
                        }
                        Position next = Engine.sent(machine, p);
                        if (!node.annotations().present() && setup.extensions().custom().isEmpty()) {
                            outbox.sendPlain(node, to);
                        } else {
                            SendPipeline.Authorized auth = SendPipeline.authorize(node, setup.sessionId(), me,
                                    setup.participant().role(), setup.extensions());
                            FlowBudget.Charge charge = SendPipeline.chargeNow(auth).orElse(null);
                            if (charge == null) {
                                return charging(auth, next);
                            }
                            List<String> facts = outbox.send(auth, charge);
                            if (!facts.isEmpty()) {
                                return journaling(facts, next);
                            }
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

    /** Waits at a receiving state; consumes a message that arrived early if it is due now. */
    private Behavior<Command> awaiting(Position p) {
        pos = p;
        busy = null;
        for (String from : early.senders()) {
            if (machine.acceptsFrom(p.state(), from)) {
                return consume(early.take(from));
            }
        }
        return receiving;
    }

    private Behavior<Command> onCommand(Command command) {
        if (command instanceof Envelope env) {
            return onEnvelope(env);
        } else if (command instanceof Describe d) {
            return describe(d);
        } else if (command instanceof Start) {
            return fail(violation("received a second Start"));
        }
        return Behaviors.same();
    }

    /** Waits for an asynchronous flow-cost charge; other messages wait in the stash. */
    private Behavior<Command> charging(SendPipeline.Authorized auth, Position next) {
        context.pipeToSelf(auth.charge(), (charge, error) -> error == null ? new Charged(charge)
                : new ChargeFailed(error));
        busy = "is waiting for the flow budget to charge " + auth.cost() + " for " + auth.node().label();
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(Charged.class, c -> {
                    try {
                        List<String> facts = outbox.send(auth, c.charge());
                        return facts.isEmpty() ? stash.unstashAll(advance(next)) : journaling(facts, next);
                    } catch (RoleFailure f) {
                        return fail(f.error());
                    }
                })
                .onMessage(ChargeFailed.class, f -> fail(SendPipeline.chargeFailed(auth, me, f.error()).error()))
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    private Behavior<Command> journaling(List<String> facts, Position next) {
        return journaling(setup.extensions().journal().record(setup.sessionId(), me, facts), facts, next);
    }

    /** Waits for a journal write to be confirmed before going on; other messages wait in the stash. */
    private Behavior<Command> journaling(CompletionStage<?> write, List<String> facts, Position next) {
        context.pipeToSelf(write, (ok, error) -> error == null ? new JournalWritten(next)
                : new JournalWriteFailed(facts, String.valueOf(error.getMessage())));
        busy = "is waiting for the journal to record " + facts;
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(JournalWritten.class, w -> stash.unstashAll(advance(w.next())))
                .onMessage(JournalWriteFailed.class, f -> fail(new SessionError.JournalFailed(me, f.facts(),
                        f.detail())))
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    private Behavior<Command> finished() {
        if (!early.isEmpty()) {
            return fail(violation("finished its protocol with unexpected messages left: " + early.describe()));
        }
        Object result;
        try {
            result = HandlerCalls.call(me, "result()", () -> setup.handler().result());
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        busy = "has finished";
        setup.session().tell(new SessionActor.RoleFinished(me, result, outbox.untraced()));
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

    // ------------------------------------------------------------------ receiving

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
            if (machine.isParallel(pos.state())) {
                early.add(env);
                return Behaviors.same();
            }
            return fail(violation("expected " + machine.expectedFrom(pos.state(), env.from()) + " but received "
                    + env.from() + "?" + env.label()));
        }
        try {
            setup.handler().received(new ReceiveContext(setup.sessionId(), me, env.from(), env.label(),
                    env.payload(), env.implicit()));
        } catch (Throwable t) {
            return fail(HandlerCalls.failure(me, "received(" + env.label() + ")", t));
        }
        Position next = Engine.received(machine, pos, entry);
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

    // ------------------------------------------------------------------ deciding

    /** The index of the branch the handler takes at the choice of {@code p}. */
    private int decide(Position p) throws RoleFailure {
        LocalType.Select s = machine.choice(p.state());
        return machine.branch(p.state(), Decisions.decide(setup.handler(), setup.sessionId(), me, s,
                p.iterations(machine)));
    }

    /** Used by {@link Outbox} to build a send's context. */
    static SendContext sendContext(Setup setup, LocalType.Send node, String to) {
        return new SendContext(setup.sessionId(), setup.participant().name(), setup.participant().role(), to,
                node.message(), node.annotations(), node.origin().line(), node.implicit());
    }

    /** Reports a send to the session when the session keeps a trace. */
    static void trace(Setup setup, LocalType.Send node, String to, long cost, List<String> facts) {
        setup.session().tell(new SessionActor.Traced(new TraceEvent(setup.participant().name(), to, node.label(),
                node.implicit(), cost, facts)));
    }
}
