package io.choreo.projection.decide;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.automata.Nfa;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.Oracle;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a compiled protocol at its checking sizes: arrays as the deadlock check sizes them, loops with a count
 * unrolled {@link #CHECK_REPEAT} times at most, {@code rec}, decides loops with their implicit control messages,
 * parallel blocks interleaved. An implementable protocol's projection must then conform to the synthesized
 * automata ({@link Conformance}); a projection that does not is a projection bug.
 */
public final class Decider {
    /** Iterations of a loop with a count at the checking size: the first, middle ones, and the last. */
    public static final int CHECK_REPEAT = 4;

    /** The decision, and for an implementable protocol the first participant whose projection differs, if any. */
    public record Outcome(Decision decision, String projectionDifference) {
        public boolean implementable() {
            return decision instanceof Decision.Implementable && projectionDifference == null;
        }
    }

    private Decider() {
    }

    /**
     * The decision on the global protocol alone, for one whose projection by merge failed: the participants are those
     * of its interactions at the checking sizes. Never throws.
     */
    public static Decision decideGlobal(GlobalProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        return onGlobal(protocol, bindings, options).decision();
    }

    /**
     * For a protocol the merge rejects: each participant's synthesized local type (canonical notation), when the
     * decision shows it implementable and it has no parallel block (where receive validity is exactly CAV 2023's);
     * else empty. Never throws.
     */
    public static Optional<Map<String, String>> synthesized(GlobalProtocol protocol, Bindings bindings,
                                                            DeadlockChecker.Options options) {
        GlobalDecision decided = onGlobal(protocol, bindings, options);
        if (!(decided.decision() instanceof Decision.Implementable ok) || decided.parallel()) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ok.automata().forEach((name, a) -> out.put(name, AutomatonPrinter.print(a, PRINT_LIMIT)));
        return Optional.of(out);
    }

    /**
     * The oracle run on the synthesized automata themselves (loops with a count unrolled as the decision does): an
     * independent check of a decision that the merge could not confirm. Never throws.
     */
    public static Oracle.Verdict verifySynthesized(GlobalProtocol protocol, Bindings bindings,
                                                   DeadlockChecker.Options options) {
        if (!(decideGlobal(protocol, bindings, options) instanceof Decision.Implementable ok)) {
            return new Oracle.Verdict(Oracle.Kind.INCONCLUSIVE, "not implementable");
        }
        ResolvedBindings resolved = ResolvedBindings.forChecking(protocol, bindings,
                DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
        Map<String, LocalMachine> machines = new LinkedHashMap<>();
        ok.automata().forEach((name, a) -> machines.put(name, machine(a)));
        return Oracle.verify(protocol, resolved.counts(), resolved.symbols(), machines,
                new Oracle.Options(Oracle.Options.DEFAULT.queueBound(), Oracle.Options.DEFAULT.maxStates(),
                        CHECK_REPEAT, options.timeBudget()));
    }

    /** A synthesized automaton as a state machine the deadlock check and the oracle read. */
    static LocalMachine machine(SubsetAutomaton a) {
        List<List<LocalMachine.Transition>> out = new java.util.ArrayList<>();
        java.util.BitSet ends = new java.util.BitSet();
        for (int s = 0; s < a.stateCount(); s++) {
            List<LocalMachine.Transition> ts = new java.util.ArrayList<>();
            for (Map.Entry<SubsetAutomaton.Event, Integer> t : a.next(s).entrySet()) {
                String message = t.getKey().message();
                int paren = message.indexOf('(');
                ts.add(new LocalMachine.Transition(t.getKey().send() ? Action.Kind.SEND : Action.Kind.RECEIVE,
                        t.getKey().peer(), paren < 0 ? message : message.substring(0, paren),
                        paren < 0 ? "" : message.substring(paren + 1, message.length() - 1),
                        io.choreo.dsl.source.Span.NONE, t.getValue()));
            }
            out.add(ts);
            if (ts.isEmpty()) {
                ends.set(s);
            }
        }
        return LocalMachine.of(out, ends);
    }

    /** Longest synthesized local type printed, in characters. */
    static final int PRINT_LIMIT = 20_000;

    private record GlobalDecision(Decision decision, boolean parallel) {
    }

    private static GlobalDecision onGlobal(GlobalProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        Budget budget = new Budget(options.maxStates(), options.timeBudget());
        try {
            ResolvedBindings resolved = ResolvedBindings.forChecking(protocol, bindings,
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            GlobalMachine global = GlobalMachine.of(protocol, resolved.counts(), resolved.symbols(), CHECK_REPEAT,
                    options.maxStates());
            Set<String> names = new LinkedHashSet<>();
            boolean parallel = false;
            for (int g = 0; g < global.stateCount(); g++) {
                for (Nfa.Edge<GlobalMachine.Interaction> e : global.edges(g)) {
                    names.add(e.label().from());
                    names.add(e.label().to());
                    parallel |= !e.label().thread().isEmpty();
                }
            }
            return new GlobalDecision(exactly(protocol, Implementability.decide(global, List.copyOf(names), budget)),
                    parallel);
        } catch (RuntimeException e) {
            return new GlobalDecision(inconclusive(e).decision(), false);
        }
    }

    public static Outcome decide(CompiledProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        try {
            ResolvedBindings resolved = ResolvedBindings.forChecking(protocol.global(), bindings,
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            return decide(protocol, resolved, DeadlockChecker.participants(protocol, resolved), Map.of(), options);
        } catch (BindingException e) {
            return inconclusive(e);
        }
    }

    /**
     * The decision at sizes already resolved, with the participants' concrete local types already instantiated
     * (by {@link DeadlockChecker#participants}, so the whole check instantiates them once) and, in
     * {@code compiled}, machines compiled for the deadlock check: one that unrolled every loop with a count fully
     * is the same machine at {@link #CHECK_REPEAT} and is not compiled again. Never throws.
     */
    public static Outcome decide(CompiledProtocol protocol, ResolvedBindings resolved,
                                 Map<String, LocalType> participants, Map<String, LocalMachine> compiled,
                                 DeadlockChecker.Options options) {
        Budget budget = new Budget(options.maxStates(), options.timeBudget());
        try {
            GlobalMachine global = GlobalMachine.of(protocol.global(), resolved.counts(), resolved.symbols(),
                    CHECK_REPEAT, options.maxStates());
            Decision decision = exactly(protocol.global(),
                    Implementability.decide(global, List.copyOf(participants.keySet()), budget));
            if (!(decision instanceof Decision.Implementable ok)) {
                return new Outcome(decision, null);
            }
            for (Map.Entry<String, LocalType> p : participants.entrySet()) {
                LocalMachine machine = reusable(compiled.get(p.getKey()), options);
                if (machine == null) {
                    machine = LocalMachine.of(p.getValue(), options.maxStates(), CHECK_REPEAT);
                }
                String difference = Conformance.difference(machine, ok.automata().get(p.getKey()), budget);
                if (difference != null) {
                    return new Outcome(decision, difference);
                }
            }
            return new Outcome(decision, null);
        } catch (Budget.Exhausted | Oracle.TooLarge | LocalMachine.MachineTooLarge | BindingException e) {
            return inconclusive(e);
        }
    }

    /** {@code m} if it is the machine the decision would compile (every count loop unrolled fully), else null. */
    private static LocalMachine reusable(LocalMachine m, DeadlockChecker.Options options) {
        boolean same = m != null && m.largestCount() <= Math.min(options.maxRepeat(), CHECK_REPEAT)
                && m.stateCount() <= options.maxStates();
        return same ? m : null;
    }

    /** A rejection outside the exactly decided fragment becomes {@link Decision.OutsideFragment}. */
    private static Decision exactly(GlobalProtocol protocol, Decision decision) {
        if (decision instanceof Decision.NotImplementable bad) {
            io.choreo.dsl.source.Span choice = SenderDriven.firstViolation(protocol);
            if (!choice.isNone()) {
                return new Decision.OutsideFragment(choice, bad.message());
            }
        }
        return decision;
    }

    private static Outcome inconclusive(RuntimeException e) {
        if (e instanceof Budget.Exhausted b) {
            return new Outcome(new Decision.Inconclusive(b.getMessage(), b.raise()), null);
        }
        if (e instanceof Oracle.TooLarge || e instanceof LocalMachine.MachineTooLarge) {
            return new Outcome(new Decision.Inconclusive("the state budget ran out: " + e.getMessage(),
                    "raise it with --max-states N"), null);
        }
        if (e instanceof BindingException) {
            return new Outcome(new Decision.Inconclusive("the protocol cannot be sized for checking: "
                    + e.getMessage(), "bind its arrays and symbols with --bind and --symbol"), null);
        }
        throw e;
    }
}
