package io.choreo.projection.decide;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.automata.Nfa;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.Oracle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        Budget budget = new Budget(options.maxStates(), options.timeBudget());
        try {
            ResolvedBindings resolved = ResolvedBindings.forChecking(protocol, bindings,
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            GlobalMachine global = GlobalMachine.of(protocol, resolved.counts(), resolved.symbols(), CHECK_REPEAT,
                    options.maxStates());
            Set<String> names = new LinkedHashSet<>();
            for (int g = 0; g < global.stateCount(); g++) {
                for (Nfa.Edge<GlobalMachine.Interaction> e : global.edges(g)) {
                    names.add(e.label().from());
                    names.add(e.label().to());
                }
            }
            return Implementability.decide(global, List.copyOf(names), budget);
        } catch (RuntimeException e) {
            return inconclusive(e).decision();
        }
    }

    public static Outcome decide(CompiledProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        Budget budget = new Budget(options.maxStates(), options.timeBudget());
        try {
            ResolvedBindings resolved = ResolvedBindings.forChecking(protocol.global(), bindings,
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            GlobalMachine global = GlobalMachine.of(protocol.global(), resolved.counts(), resolved.symbols(),
                    CHECK_REPEAT, options.maxStates());
            Map<String, LocalType> participants = DeadlockChecker.participants(protocol, resolved);
            Decision decision = Implementability.decide(global, List.copyOf(participants.keySet()), budget);
            if (!(decision instanceof Decision.Implementable ok)) {
                return new Outcome(decision, null);
            }
            for (Map.Entry<String, LocalType> p : participants.entrySet()) {
                LocalMachine machine = LocalMachine.of(p.getValue(), options.maxStates(), CHECK_REPEAT);
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
