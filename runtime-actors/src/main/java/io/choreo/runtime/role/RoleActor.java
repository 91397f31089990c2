package io.choreo.runtime.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.TraceEvent;
import io.choreo.runtime.wire.CborSerializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * One participant of a session as a typed actor (testing mode: progress lives in memory). Its behaviour follows its
 * concrete local type node by node: every receive node is a distinct waiting behaviour that accepts exactly the
 * messages the node allows; send nodes run the {@link SendPipeline} and move on; journal facts are written after the
 * send and confirmed before the participant goes on. A monitor rejects anything off-protocol — wrong session,
 * unknown sender, wrong label — by failing the session with a typed {@link SessionError.ProtocolViolation}; nothing
 * is silently dropped. Messages that arrive before their turn (another sender is due first) wait in a per-sender
 * FIFO.
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

    private record JournalWritten(LocalType next) implements Command {
    }

    private record Charged(FlowBudget.Charge charge) implements Command {
    }

    private record ChargeFailed(Throwable error) implements Command {
    }

    private record JournalWriteFailed(List<String> facts, String detail) implements Command {
    }

    /** Everything a participant needs to run. */
    public record Setup(String sessionId, Participant participant, String instanceName, RoleHandler handler,
                        Extensions extensions, ActorRef<SessionActor.Command> session) {
    }

    /** How many messages may wait for their turn before the participant gives up. */
    public static final int MAX_EARLY = 10_000;

    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final Setup setup;
    private final String me;
    private final Map<String, List<Envelope>> early = new HashMap<>();
    private final Map<Integer, Integer> loopIterations = new HashMap<>();
    private final Map<String, Long> sendSeq = new HashMap<>();
    private final Set<String> myFacts = new LinkedHashSet<>();
    private Set<String> peers = Set.of();
    private Peers.Link link = (participant, command) -> { };
    /** What the participant is doing, for {@link Describe}; computed only when asked. */
    private java.util.function.Supplier<String> status = () -> "has not been started";

    private RoleActor(ActorContext<Command> context, StashBuffer<Command> stash, Setup setup) {
        this.context = context;
        this.stash = stash;
        this.setup = setup;
        this.me = setup.participant().name();
    }

    public static Behavior<Command> create(Setup setup) {
        return Behaviors.setup(ctx -> Behaviors.withStash(MAX_EARLY, stash -> new RoleActor(ctx, stash, setup).idle()));
    }

    // ------------------------------------------------------------------ states

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(Start.class, start -> {
                    peers = Set.copyOf(start.peers().names());
                    link = start.peers().bind(context.getSystem());
                    return stash.unstashAll(advance(setup.participant().type()));
                })
                .onMessage(Ack.class, ack -> Behaviors.same())
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    /** Runs decisions and sends until the type waits for a message, finishes or fails. */
    private Behavior<Command> advance(LocalType type) {
        try {
            LocalType t = Interpreter.unfold(type);
            while (true) {
                Optional<LocalType.Select> choice = Interpreter.pendingChoice(t);
                if (choice.isPresent()) {
                    t = Interpreter.applyChoice(t, decide(choice.get()));
                    continue;
                }
                if (Interpreter.isFinished(t)) {
                    return finished();
                }
                Optional<LocalSemantics.Move> send = Interpreter.nextSend(t);
                if (send.isEmpty()) {
                    return awaiting(t);
                }
                LocalType next = Interpreter.unfold(send.get().next());
                SendPipeline.Authorized auth = authorize((LocalType.Send) send.get().step());
                Optional<FlowBudget.Charge> charge = SendPipeline.chargeNow(auth);
                if (charge.isEmpty()) {
                    return charging(auth, next);
                }
                List<String> facts = send(auth, charge.get());
                if (!facts.isEmpty()) {
                    return journaling(facts, next);
                }
                t = next;
            }
        } catch (RoleFailure f) {
            return fail(f.error());
        } catch (IllegalStateException e) {
            return fail(violation(e.getMessage()));
        }
    }

    /** Waits at a receive node: accepts only the messages the node allows. */
    private Behavior<Command> awaiting(LocalType t) {
        Optional<Behavior<Command>> fromEarly = consumeEarly(t);
        if (fromEarly.isPresent()) {
            return fromEarly.get();
        }
        status = () -> "is waiting for " + String.join(" or ", LocalSemantics.moves(t).stream()
                .map(m -> m.action().toString()).distinct().toList()) + describeEarlySuffix();
        // the hot path: a plain function behaviour, no builder to allocate per message
        return Behaviors.receive((ctx, command) -> {
            if (command instanceof Envelope env) {
                return onEnvelope(t, env);
            } else if (command instanceof Describe d) {
                return describe(d);
            } else if (command instanceof Start) {
                return fail(violation("received a second Start"));
            }
            return Behaviors.same();
        });
    }

    /** Waits for an asynchronous flow-cost charge; other messages wait in the stash. */
    private Behavior<Command> charging(SendPipeline.Authorized auth, LocalType next) {
        context.pipeToSelf(auth.charge(), (charge, error) -> error == null ? new Charged(charge)
                : new ChargeFailed(error));
        status = () -> "is waiting for the flow budget to charge " + auth.cost() + " for " + auth.node().label();
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(Charged.class, c -> {
                    try {
                        List<String> facts = send(auth, c.charge());
                        return facts.isEmpty() ? stash.unstashAll(advance(next)) : journaling(facts, next);
                    } catch (RoleFailure f) {
                        return fail(f.error());
                    }
                })
                .onMessage(ChargeFailed.class, f -> fail(SendPipeline.chargeFailed(auth, me, f.error()).error()))
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    private Behavior<Command> journaling(List<String> facts, LocalType next) {
        return journaling(setup.extensions().journal().record(setup.sessionId(), me, facts), facts, next);
    }

    /** Waits for a journal write to be confirmed before going on; other messages wait in the stash. */
    private Behavior<Command> journaling(CompletionStage<?> write, List<String> facts, LocalType next) {
        context.pipeToSelf(write, (ok, error) -> error == null ? new JournalWritten(next)
                : new JournalWriteFailed(facts, String.valueOf(error.getMessage())));
        status = () -> "is waiting for the journal to record " + facts;
        return Behaviors.receive(Command.class)
                .onMessage(Describe.class, this::describe)
                .onMessage(JournalWritten.class, w -> stash.unstashAll(advance(w.next())))
                .onMessage(JournalWriteFailed.class, f -> fail(new SessionError.JournalFailed(me, f.facts(),
                        f.detail())))
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    private Behavior<Command> finished() {
        if (early.values().stream().anyMatch(l -> !l.isEmpty())) {
            return fail(violation("finished its protocol with unexpected messages left: " + describeEarly()));
        }
        Object result;
        try {
            result = HandlerCalls.call(me, "result()", () -> setup.handler().result());
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        setup.session().tell(new SessionActor.RoleFinished(me, result));
        return Behaviors.receive(Command.class)
                .onMessage(Envelope.class, env -> fail(violation("received " + env.from() + "?" + env.label()
                        + " after its protocol ended")))
                .onMessage(Command.class, c -> Behaviors.same())
                .build();
    }

    private Behavior<Command> describe(Describe d) {
        d.replyTo().tell(new SessionActor.Described(me, status.get()));
        return Behaviors.same();
    }

    private String describeEarlySuffix() {
        String early = describeEarly();
        return early.isEmpty() ? "" : " (holding early " + early + ")";
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

    private Behavior<Command> onEnvelope(LocalType t, Envelope env) {
        Optional<String> rejected = Monitor.reject(env, setup.sessionId(), me, peers);
        if (rejected.isPresent()) {
            return fail(violation(rejected.get()));
        }
        List<Envelope> queued = early.get(env.from());
        List<LocalSemantics.Move> expected = Interpreter.receivesFrom(t, env.from());
        if (queued != null && !queued.isEmpty() || expected.isEmpty()) {
            if (queued == null) {
                queued = new ArrayList<>();
                early.put(env.from(), queued);
            }
            if (queued.size() >= MAX_EARLY) {
                return fail(violation("too many messages from " + env.from() + " before they are due"));
            }
            queued.add(env);
            return Behaviors.same();
        }
        return consume(t, env, expected);
    }

    private Behavior<Command> consume(LocalType t, Envelope env, List<LocalSemantics.Move> expected) {
        Optional<LocalSemantics.Move> match = expected.stream()
                .filter(m -> m.action().label().equals(env.label())).findFirst();
        if (match.isEmpty()) {
            if (t instanceof LocalType.Par) {
                early.computeIfAbsent(env.from(), k -> new ArrayList<>()).add(env);
                return Behaviors.same();
            }
            return fail(violation("expected " + String.join(" or ", expected.stream()
                    .map(m -> m.action().toString()).toList()) + " but received " + env.from() + "?" + env.label()));
        }
        try {
            ReceiveContext received = new ReceiveContext(setup.sessionId(), me, env.from(), env.label(),
                    env.payload(), env.implicit());
            HandlerCalls.call(me, "received(" + env.label() + ")", () -> {
                setup.handler().received(received);
                return null;
            });
        } catch (RoleFailure f) {
            return fail(f.error());
        }
        LocalType next = match.get().next();
        if (env.mergedFacts() != null && !env.mergedFacts().isEmpty()) {
            myFacts.addAll(env.mergedFacts());
            return journaling(setup.extensions().journal().merge(setup.sessionId(), me, env.mergedFacts()),
                    List.copyOf(env.mergedFacts()), next);
        }
        return advance(next);
    }

    /** Consumes a message that arrived early, if it is due now (each sender's oldest only: FIFO per pair). */
    private Optional<Behavior<Command>> consumeEarly(LocalType t) {
        for (Map.Entry<String, List<Envelope>> e : early.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<LocalSemantics.Move> expected = Interpreter.receivesFrom(t, e.getKey());
            if (!expected.isEmpty()) {
                return Optional.of(consume(t, e.getValue().remove(0), expected));
            }
        }
        return Optional.empty();
    }

    private String describeEarly() {
        List<String> out = new ArrayList<>();
        early.forEach((from, list) -> list.forEach(env -> out.add(from + "?" + env.label())));
        return String.join(", ", out);
    }

    private SessionError violation(String detail) {
        return new SessionError.ProtocolViolation(me, detail);
    }

    // ------------------------------------------------------------------ deciding and sending

    private String decide(LocalType.Select s) throws RoleFailure {
        int key = Decisions.loopKey(s);
        String label = Decisions.decide(setup.handler(), setup.sessionId(), me, s, loopIterations.getOrDefault(key, 0));
        if (Decisions.isLoopDecision(s)) {
            loopIterations.put(key, label.equals(s.branches().get(0).label())
                    ? loopIterations.getOrDefault(key, 0) + 1 : 0);
        }
        return label;
    }

    private SendPipeline.Authorized authorize(LocalType.Send node) throws RoleFailure {
        if (!peers.contains(node.peer().toString())) {
            throw new RoleFailure(violation("has no participant '" + node.peer() + "' to send " + node.label()
                    + " to"));
        }
        return SendPipeline.authorize(node, setup.sessionId(), me, setup.participant().role(), setup.extensions());
    }

    /** Completes the pipeline and sends; returns the journal facts still to record. */
    private List<String> send(SendPipeline.Authorized auth, FlowBudget.Charge charge) throws RoleFailure {
        LocalType.Send node = auth.node();
        String to = node.peer().toString();
        SendPipeline.Cleared cleared = SendPipeline.complete(auth, charge, me, setup.handler(), setup.extensions());
        List<String> facts = node.annotations().journalFacts();
        setup.session().tell(new SessionActor.Traced(new TraceEvent(me, to, node.label(), node.implicit(),
                cleared.cost(), facts)));
        Set<String> merged = Set.of();
        if (node.annotations().journalMerge()) {
            Set<String> all = new LinkedHashSet<>(myFacts);
            all.addAll(facts);
            merged = all;
        }
        long seq = sendSeq.merge(to, 1L, Long::sum);
        link.tell(to, new Envelope(setup.sessionId(), me, to, node.label(), seq, cleared.payload(), merged,
                node.implicit()));
        SendPipeline.sent(cleared, setup.extensions());
        myFacts.addAll(facts);
        return facts;
    }
}
