package io.choreo.projection.oracle;

import io.choreo.projection.automata.Nfa;
import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.global.GlobalProtocol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translation validation of projection: the participants' machines, run together, must behave exactly as the
 * global protocol says. Two directions, both on finite abstractions (arrays at their checking sizes, loops with a
 * count unrolled at most twice):
 * <ol>
 *   <li><b>nothing missing</b> — every run of the global automaton is a run of the participants in lock-step
 *   (each interaction a send then its receive), and when the global protocol may end, every participant has
 *   finished and knows it;</li>
 *   <li><b>nothing extra</b> ({@link Soundness}) — every asynchronous run of the participants with FIFO queues
 *   (queues bounded) is, for each participant, a prefix of its share of one global run, and every run where all
 *   participants finished completes a global run.</li>
 * </ol>
 * Budgets end in an explicit inconclusive verdict. The oracle shares no code with projection: it reads the core
 * global syntax and the projected local types only through their semantics.
 */
public final class Oracle {
    /** What the oracle found. */
    public record Verdict(Kind kind, String detail) {
        public boolean ok() {
            return kind == Kind.EQUIVALENT;
        }
    }

    public enum Kind { EQUIVALENT, MISSING_BEHAVIOUR, EXTRA_BEHAVIOUR, INCONCLUSIVE }

    /**
     * Limits.
     *
     * @param queueBound capacity of each queue in the asynchronous direction
     * @param maxStates most states explored in either direction
     * @param maxRepeat most iterations unrolled per loop with a count
     */
    public record Options(int queueBound, int maxStates, int maxRepeat, java.time.Duration timeBudget) {
        public static final Options DEFAULT = new Options(3, 200_000, 2, java.time.Duration.ofSeconds(10));
    }

    /** A budget of the global automaton or of an exploration ran out; the message says which. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private Oracle() {
    }

    /** Checks participants (name to machine) against the global protocol at the given sizes. */
    public static Verdict verify(GlobalProtocol protocol, Map<String, Integer> counts, Map<String, Integer> symbols,
                                 Map<String, LocalMachine> participants, Options options) {
        try {
            GlobalMachine global = GlobalMachine.of(protocol, counts, symbols, options.maxRepeat(),
                    options.maxStates());
            Verdict missing = lockStep(global, participants, options);
            if (!missing.ok()) {
                return missing;
            }
            return new Soundness(global, participants, options).check();
        } catch (TooLarge e) {
            return new Verdict(Kind.INCONCLUSIVE, e.getMessage());
        }
    }

    /** Direction 1: the participants can follow every global run, and finish exactly when it may end. */
    private static Verdict lockStep(GlobalMachine global, Map<String, LocalMachine> participants, Options options) {
        List<String> names = List.copyOf(participants.keySet());
        Map<String, Integer> who = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            who.put(names.get(i), i);
        }
        LocalMachine[] machines = participants.values().toArray(LocalMachine[]::new);
        Map<IntsKey, Integer> seen = new HashMap<>();
        Deque<Object[]> todo = new ArrayDeque<>();
        int[][] start = new int[machines.length][];
        Arrays.fill(start, new int[] {0});
        todo.add(new Object[] {0, start, null});
        seen.put(key(0, start), 0);
        while (!todo.isEmpty()) {
            if (seen.size() > options.maxStates()) {
                throw new TooLarge("lock-step exploration passed " + options.maxStates() + " states");
            }
            Object[] item = todo.poll();
            int g = (int) item[0];
            int[][] sets = (int[][]) item[1];
            Trace trace = (Trace) item[2];
            if (global.isFinal(g)) {
                for (int p = 0; p < machines.length; p++) {
                    for (int s : sets[p]) {
                        if (!machines[p].isFinal(s) || !machines[p].transitions(s).isEmpty()) {
                            return new Verdict(Kind.MISSING_BEHAVIOUR, "after " + Trace.show(trace) + " the protocol may end"
                                    + " but " + names.get(p) + " has not finished: it waits for "
                                    + machines[p].transitions(s));
                        }
                    }
                }
            }
            for (Nfa.Edge<GlobalMachine.Interaction> e : global.edges(g)) {
                GlobalMachine.Interaction i = e.label();
                Integer from = who.get(i.from());
                Integer to = who.get(i.to());
                if (from == null || to == null) {
                    return new Verdict(Kind.MISSING_BEHAVIOUR, "no participant plays " + i);
                }
                int[] sent = i.sends() ? move(machines[from], sets[from], true, i.to(), i.message()) : sets[from];
                Trace next = Trace.then(trace, i);
                if (sent.length == 0) {
                    return new Verdict(Kind.MISSING_BEHAVIOUR, "after " + Trace.show(trace) + " the protocol goes on with "
                            + i + " but " + i.from() + " cannot send it");
                }
                int[][] after = sets.clone();
                after[from] = sent;
                int[] received = i.receives() ? move(machines[to], after[to], false, i.from(), i.message())
                        : after[to];
                if (received.length == 0) {
                    return new Verdict(Kind.MISSING_BEHAVIOUR, "after " + Trace.show(trace) + " the protocol goes on with "
                            + i + " but " + i.to() + " cannot receive it");
                }
                after[to] = received;
                if (seen.putIfAbsent(key(e.to(), after), 0) == null) {
                    todo.add(new Object[] {e.to(), after, next});
                }
            }
        }
        return new Verdict(Kind.EQUIVALENT, "");
    }

    private static int[] move(LocalMachine m, int[] states, boolean send, String peer, String message) {
        BitSet out = new BitSet();
        for (int s : states) {
            for (LocalMachine.Transition t : m.transitions(s)) {
                if (t.isSend() == send && t.peer().equals(peer) && t.message().equals(message)) {
                    out.set(t.to());
                }
            }
        }
        return out.stream().toArray();
    }

    /** A lock-step state as one array: the global state, then each participant's set of states, each sized. */
    private static IntsKey key(int g, int[][] sets) {
        int size = 1;
        for (int[] s : sets) {
            size += s.length + 1;
        }
        int[] k = new int[size];
        k[0] = g;
        int i = 1;
        for (int[] s : sets) {
            k[i++] = s.length;
            System.arraycopy(s, 0, k, i, s.length);
            i += s.length;
        }
        return new IntsKey(k);
    }
}
