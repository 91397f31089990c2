package io.choreo.runtime.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.eval.GuardException;
import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.global.Desugarer;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypes;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.extension.SendExtension;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.TraceEvent;
import io.choreo.runtime.wire.CborSerializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * One participant of a session as a typed actor. Its behaviour follows its concrete local type node by node:
 * every receive node is a distinct waiting behaviour that accepts exactly the messages the node allows; send nodes
 * run the extension pipeline (capability guard → flow charge → custom extensions → send → journal facts) and move
 * on. A monitor rejects anything off-protocol — wrong session, unknown sender, wrong label — by failing the session
 * with a typed {@link SessionError.ProtocolViolation}; nothing is silently dropped. Messages that arrive before
 * their turn (another sender is due first) wait in a per-sender FIFO.
 */
public final class RoleActor {

    /** Messages a role actor understands. */
    public interface Command extends CborSerializable {
    }

    /** Sent by the session once every participant exists: who is who. */
    public record Start(Map<String, ActorRef<Command>> peers) implements Command {
    }

    /** A protocol message from one participant to another. */
    public record Envelope(String sessionId, String from, String to, String label,
                           @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object payload, Set<String> mergedFacts,
                           boolean implicit) implements Command {
    }

    private record JournalWritten(LocalType next) implements Command {
    }

    private record JournalWriteFailed(List<String> facts, String detail) implements Command {
    }

    /** Everything a participant needs to run. */
    public record Setup(String sessionId, Participant participant, String instanceName, RoleHandler handler,
                        Extensions extensions, ActorRef<SessionActor.Command> session) {
    }

    /** Early messages kept per participant before they are due. */
    private static final int MAX_EARLY = 10_000;
    private static final int MAX_UNFOLDINGS = 10_000;

    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final Setup setup;
    private final String me;
    private final Map<String, List<Envelope>> early = new HashMap<>();
    private final Map<Integer, Integer> loopIterations = new HashMap<>();
    private final Set<String> myFacts = new LinkedHashSet<>();
    private Map<String, ActorRef<Command>> peers = Map.of();

    private RoleActor(ActorContext<Command> context, StashBuffer<Command> stash, Setup setup) {
        this.context = context;
        this.stash = stash;
        this.setup = setup;
        this.me = setup.participant().name();
    }

    public static Behavior<Command> create(Setup setup) {
        return Behaviors.setup(ctx -> Behaviors.withStash(MAX_EARLY, stash -> new RoleActor(ctx, stash, setup).idle()));
    }

    /** A failure that ends this participant (and the session) with a typed cause. */
    private static final class Failure extends Exception {
        final transient SessionError error;

        Failure(SessionError error) {
            super(error.describe(), null, false, false);
            this.error = error;
        }
    }

    // ------------------------------------------------------------------ states

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, start -> {
                    peers = Map.copyOf(start.peers());
                    return stash.unstashAll(advance(setup.participant().type()));
                })
                .onMessage(Command.class, this::stashOrFail)
                .build();
    }

    /** Runs sends and decisions until the type waits for a message, finishes or fails. */
    private Behavior<Command> advance(LocalType type) {
        LocalType t = type;
        try {
            while (true) {
                t = resolveChoices(t, 0);
                if (LocalSemantics.isFinished(t)) {
                    return finished();
                }
                List<LocalSemantics.Move> moves = LocalSemantics.moves(t);
                Optional<LocalSemantics.Move> send = moves.stream()
                        .filter(m -> m.action().kind() == Action.Kind.SEND).findFirst();
                if (send.isEmpty()) {
                    return awaiting(t);
                }
                LocalType.Send node = (LocalType.Send) send.get().step();
                List<String> facts = send(node);
                if (!facts.isEmpty()) {
                    return journaling(record(facts), facts, send.get().next());
                }
                t = send.get().next();
            }
        } catch (Failure f) {
            return fail(f.error);
        }
    }

    /** Waits at a receive node: accepts only the messages the node allows. */
    private Behavior<Command> awaiting(LocalType t) {
        Optional<Behavior<Command>> fromEarly = consumeEarly(t);
        if (fromEarly.isPresent()) {
            return fromEarly.get();
        }
        return Behaviors.receive(Command.class)
                .onMessage(Envelope.class, env -> onEnvelope(t, env))
                .onMessage(Start.class, s -> fail(violation("received a second Start")))
                .build();
    }

    /** Waits for a journal write to be confirmed before going on; other messages wait in the stash. */
    private Behavior<Command> journaling(CompletionStage<?> write, List<String> facts, LocalType next) {
        context.pipeToSelf(write, (ok, error) -> error == null ? new JournalWritten(next)
                : new JournalWriteFailed(facts, String.valueOf(error.getMessage())));
        return Behaviors.receive(Command.class)
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
            result = setup.handler().result();
        } catch (RuntimeException e) {
            return fail(new SessionError.HandlerFailed(me, "result(): " + e));
        }
        setup.session().tell(new SessionActor.RoleFinished(me, result));
        return Behaviors.receive(Command.class)
                .onMessage(Envelope.class, env -> fail(violation("received " + env.from() + "?" + env.label()
                        + " after its protocol ended")))
                .build();
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
        if (!setup.sessionId().equals(env.sessionId()) || !me.equals(env.to())) {
            return fail(violation("received " + env.label() + " addressed to " + env.to() + " of session "
                    + env.sessionId()));
        }
        if (!peers.containsKey(env.from()) || env.from().equals(me)) {
            return fail(violation("received " + env.label() + " from '" + env.from()
                    + "', who is not a participant of this session"));
        }
        List<Envelope> queued = early.computeIfAbsent(env.from(), k -> new ArrayList<>());
        if (!queued.isEmpty() || expectedFrom(t, env.from()).isEmpty()) {
            if (queued.size() >= MAX_EARLY) {
                return fail(violation("too many messages from " + env.from() + " before they are due"));
            }
            queued.add(env);
            return Behaviors.same();
        }
        return consume(t, env);
    }

    /** The receive moves of {@code t} from {@code peer}. */
    private static List<LocalSemantics.Move> expectedFrom(LocalType t, String peer) {
        return LocalSemantics.moves(t).stream()
                .filter(m -> m.action().kind() == Action.Kind.RECEIVE && m.action().peer().equals(peer)).toList();
    }

    private Behavior<Command> consume(LocalType t, Envelope env) {
        List<LocalSemantics.Move> expected = expectedFrom(t, env.from());
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
            setup.handler().received(new ReceiveContext(setup.sessionId(), me, env.from(), env.label(),
                    env.payload(), env.implicit()));
        } catch (RuntimeException e) {
            return fail(new SessionError.HandlerFailed(me, "received(" + env.label() + "): " + e));
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
        for (Iterator<Map.Entry<String, List<Envelope>>> it = early.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Envelope>> e = it.next();
            if (e.getValue().isEmpty() || expectedFrom(t, e.getKey()).isEmpty()) {
                continue;
            }
            Envelope oldest = e.getValue().remove(0);
            return Optional.of(consume(t, oldest));
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

    // ------------------------------------------------------------------ choices and loops

    /** Unfolds recursion and loops and lets the handler pick internal-choice branches, until an action is next. */
    private LocalType resolveChoices(LocalType type, int depth) throws Failure {
        if (depth > MAX_UNFOLDINGS) {
            throw new Failure(violation("recursion does not reach any action"));
        }
        LocalType t = LocalSemantics.normalize(type);
        if (t instanceof LocalType.Rec r) {
            return resolveChoices(LocalTypes.substitute(r.body(), r.variable(), r), depth + 1);
        } else if (t instanceof LocalType.Repeat r) {
            int n = ((io.choreo.dsl.ast.Bound.Literal) r.count()).value();
            LocalType rest = new LocalType.Repeat(new io.choreo.dsl.ast.Bound.Literal(n - 1), r.body(), r.cont());
            return resolveChoices(LocalTypes.replaceEnd(r.body(), rest), depth + 1);
        } else if (t instanceof LocalType.Select s) {
            return resolveChoices(branch(s).type(), depth + 1);
        } else if (t instanceof LocalType.Par p) {
            List<LocalType> branches = new ArrayList<>();
            for (LocalType b : p.branches()) {
                branches.add(resolveChoices(b, depth + 1));
            }
            LocalType par = new LocalType.Par(branches, p.cont());
            return LocalSemantics.isFinished(par) ? resolveChoices(p.cont(), depth + 1) : par;
        }
        return t;
    }

    private LocalType.Branch branch(LocalType.Select s) throws Failure {
        List<String> labels = s.branches().stream().map(LocalType.Branch::label).toList();
        int line = s.origin().line();
        String label;
        try {
            if (labels.equals(List.of(Desugarer.CONTINUE_BRANCH, Desugarer.DONE_BRANCH))) {
                int key = s.origin().offset();
                int iteration = loopIterations.getOrDefault(key, 0);
                boolean more = setup.handler().continueLoop(new LoopContext(setup.sessionId(), me, iteration, line));
                loopIterations.put(key, more ? iteration + 1 : 0);
                label = more ? Desugarer.CONTINUE_BRANCH : Desugarer.DONE_BRANCH;
            } else {
                label = setup.handler().choose(new ChoiceContext(setup.sessionId(), me, s.branches().stream()
                        .map(b -> new ChoiceContext.Option(b.label(), b.guard())).toList(), line));
            }
        } catch (GuardException e) {
            throw new Failure(new SessionError.HandlerFailed(me, "guard of the choice at line " + line + ": "
                    + e.getMessage()));
        } catch (RuntimeException e) {
            throw new Failure(new SessionError.HandlerFailed(me, "choice at line " + line + ": " + e));
        }
        for (LocalType.Branch b : s.branches()) {
            if (b.label().equals(label)) {
                return b;
            }
        }
        throw new Failure(new SessionError.HandlerFailed(me, "chose '" + label + "' at line " + line
                + ", which is not one of " + labels));
    }

    // ------------------------------------------------------------------ sending

    /** Runs the extension pipeline and sends; returns the journal facts still to record. */
    private List<String> send(LocalType.Send node) throws Failure {
        String to = node.peer().toString();
        ActorRef<Command> peer = peers.get(to);
        Annotations a = node.annotations();
        int line = node.origin().line();
        SendContext ctx = new SendContext(setup.sessionId(), me, setup.participant().role(), to, node.message(), a,
                line, node.implicit());
        Extensions ext = setup.extensions();
        if (peer == null) {
            throw new Failure(violation("has no participant '" + to + "' to send " + node.label() + " to"));
        }
        if (a.guardCapability().isPresent() && !ext.capabilities().allows(ctx, a.guardCapability().get())) {
            throw new Failure(new SessionError.CapabilityDenied(me, node.label(), line, a.guardCapability().get()));
        }
        long cost = a.effectiveFlowCost();
        if (cost > 0) {
            FlowBudget.Charge charge = ext.budget().tryCharge(ctx, cost);
            if (!charge.granted()) {
                throw new Failure(new SessionError.BudgetExhausted(me, node.label(), line, cost, charge.remaining()));
            }
        }
        Object payload;
        try {
            for (SendExtension custom : ext.custom()) {
                Optional<String> denial = custom.beforeSend(ctx);
                if (denial.isPresent()) {
                    refund(ctx, cost);
                    throw new Failure(new SessionError.ExtensionDenied(me, node.label(), line, custom.name(),
                            denial.get()));
                }
            }
            payload = node.implicit() ? null : setup.handler().payload(ctx);
        } catch (RuntimeException e) {
            refund(ctx, cost);
            throw new Failure(new SessionError.HandlerFailed(me, "payload for " + node.label() + ": " + e));
        }
        List<String> facts = a.journalFacts();
        setup.session().tell(new SessionActor.Traced(new TraceEvent(me, to, node.label(), node.implicit(), cost,
                facts)));
        Set<String> merged = Set.of();
        if (a.journalMerge()) {
            Set<String> all = new LinkedHashSet<>(myFacts);
            all.addAll(facts);
            merged = all;
        }
        peer.tell(new Envelope(setup.sessionId(), me, to, node.label(), payload, merged, node.implicit()));
        for (SendExtension custom : ext.custom()) {
            custom.afterSend(ctx);
        }
        myFacts.addAll(facts);
        return facts;
    }

    private void refund(SendContext ctx, long cost) {
        if (cost > 0) {
            setup.extensions().budget().refund(ctx, cost);
        }
    }

    private CompletionStage<?> record(List<String> facts) {
        return setup.extensions().journal().record(setup.sessionId(), me, facts);
    }
}
