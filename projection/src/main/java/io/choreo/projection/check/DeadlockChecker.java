package io.choreo.projection.check;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.Participants;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks that a protocol's participants, run together with bounded FIFO queues, never deadlock, never leave orphan
 * messages and never starve anyone. Each participant's concrete local type is compiled to a {@link LocalMachine};
 * the {@link ProductExplorer} explores their product with partial-order reduction. Arrays are explored at small
 * sizes (see {@link ResolvedBindings#forChecking}) and loops with a count are unrolled at most
 * {@link Options#maxRepeat()} times: iterations repeat the same exchange, so two show how one hands over to the
 * next. State and time budgets end in an explicit {@link DeadlockReport.Verdict#INCONCLUSIVE inconclusive}.
 */
public final class DeadlockChecker {
    /** Array sizes used when a protocol is checked without session bindings. */
    public static final int DEFAULT_ARRAY_SIZE = 3;
    public static final int DEFAULT_SYMBOL = 2;

    /**
     * Exploration limits.
     *
     * @param queueBound capacity of each queue
     * @param maxStates most product states explored
     * @param timeBudget longest exploration
     * @param maxRepeat most iterations of a loop with a count that are unrolled
     */
    public record Options(int queueBound, int maxStates, Duration timeBudget, int maxRepeat) {
        public static final Options DEFAULT = new Options(4, 1_000_000, Duration.ofSeconds(10), 2);

        public Options(int queueBound, int maxStates) {
            this(queueBound, maxStates, DEFAULT.timeBudget(), DEFAULT.maxRepeat());
        }

        public Options withTimeBudget(Duration budget) {
            return new Options(queueBound, maxStates, budget, maxRepeat);
        }
    }

    /** Most states of one participant's machine. */
    private static final int MAX_LOCAL_STATES = 200_000;

    private DeadlockChecker() {
    }

    /**
     * Checks a compiled protocol, with arrays instantiated at the bound (or default small) sizes. Never throws for a
     * protocol that compiled: binding problems come back as an {@link DeadlockReport.Verdict#INCONCLUSIVE} report
     * that says why.
     */
    public static DeadlockReport check(CompiledProtocol protocol, Bindings bindings, Options options) {
        ResolvedBindings resolved;
        try {
            resolved = ResolvedBindings.forChecking(protocol.global(), bindings, DEFAULT_ARRAY_SIZE,
                    DEFAULT_SYMBOL);
        } catch (io.choreo.projection.bind.BindingException e) {
            return notExplored(String.join("; ", e.problems()), options);
        }
        return explore(participants(protocol, resolved), options);
    }

    /** The concrete local type of every participant: plain roles, and each instance {@code F[i]} of arrays. */
    public static Map<String, LocalType> participants(CompiledProtocol protocol, ResolvedBindings bindings) {
        Map<String, LocalType> out = new LinkedHashMap<>();
        Participants.of(protocol, bindings).forEach((name, p) -> out.put(name, p.type()));
        return out;
    }

    /** Explores the given participants (name to concrete local type). */
    public static DeadlockReport explore(Map<String, LocalType> participants, Options options) {
        return io.choreo.projection.LargeStack.call(() -> exploreHere(participants, options));
    }

    private static DeadlockReport exploreHere(Map<String, LocalType> participants, Options options) {
        Map<String, LocalMachine> machines;
        try {
            machines = machines(participants, options);
        } catch (LocalMachine.MachineTooLarge e) {
            return notExplored("a participant has " + e.getMessage(), options);
        }
        return exploreMachines(machines, options);
    }

    /**
     * Explores participants already compiled by {@link #machines} (so a caller that also runs the oracle compiles
     * them once). Run it on a large stack, as {@link #explore} does.
     */
    public static DeadlockReport exploreMachines(Map<String, LocalMachine> machines, Options options) {
        return new ProductExplorer(machines, options.queueBound()).explore(options, true);
    }

    /** Every participant's machine, loops with a count unrolled at most {@code options.maxRepeat()} times. */
    public static Map<String, LocalMachine> machines(Map<String, LocalType> participants, Options options) {
        Map<String, LocalMachine> machines = new LinkedHashMap<>();
        participants.forEach((name, type) -> machines.put(name,
                LocalMachine.of(type, MAX_LOCAL_STATES, options.maxRepeat())));
        return machines;
    }

    /** Explores without partial-order reduction (to test the reduction against). */
    public static DeadlockReport exploreFully(Map<String, LocalType> participants, Options options) {
        return new ProductExplorer(machines(participants, options), options.queueBound()).explore(options, false);
    }

    private static DeadlockReport notExplored(String why, Options options) {
        return DeadlockReport.inconclusive(0, options.queueBound(), why);
    }
}
