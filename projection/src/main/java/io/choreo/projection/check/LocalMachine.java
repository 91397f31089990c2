package io.choreo.projection.check;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.source.Span;
import io.choreo.projection.automata.EpsilonNfa;
import io.choreo.projection.automata.Nfa;
import io.choreo.projection.local.LocalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine of a concrete local type, built structurally in one pass (no residual terms, no hashing of
 * types): integer states, state 0 the start, each transition one send or receive. Loops with a count are unrolled
 * (check with clamped counts), parallel branches become their product. Sequences are walked iteratively, so the
 * length of a protocol costs no stack; only nesting of blocks (bounded by the parser) recurses.
 */
public final class LocalMachine {
    /** One step: send to or receive from {@code peer} the message {@code label} with its payload types. */
    public record Transition(Action.Kind kind, String peer, String label, String payload, Span origin, int to) {
        public boolean isSend() {
            return kind == Action.Kind.SEND;
        }

        /** The message as it travels: label and payload types. */
        public String message() {
            return payload.isEmpty() ? label : label + "(" + payload + ")";
        }

        @Override
        public String toString() {
            return peer + (isSend() ? "!" : "?") + label;
        }
    }

    /** A step without its target: what an edge of the underlying automaton is labelled with. */
    private record Step(Action.Kind kind, String peer, String label, String payload, Span origin) {
    }

    private final Nfa<Step> nfa;
    private final List<List<Transition>> out;
    private final int largestCount;

    private LocalMachine(Nfa<Step> nfa) {
        this(nfa, 0);
    }

    private LocalMachine(Nfa<Step> nfa, int largestCount) {
        this.largestCount = largestCount;
        this.nfa = nfa;
        this.out = new ArrayList<>(nfa.stateCount());
        for (int s = 0; s < nfa.stateCount(); s++) {
            List<Transition> ts = new ArrayList<>();
            for (Nfa.Edge<Step> e : nfa.edges(s)) {
                Step st = e.label();
                ts.add(new Transition(st.kind(), st.peer(), st.label(), st.payload(), st.origin(), e.to()));
            }
            out.add(List.copyOf(ts));
        }
    }

    /**
     * The largest count of a loop with a count in the compiled type (0 if none): a machine compiled with
     * {@code maxRepeat >= largestCount()} unrolled every such loop fully, and is the same for any larger
     * {@code maxRepeat}.
     */
    public int largestCount() {
        return largestCount;
    }

    public int stateCount() {
        return out.size();
    }

    public List<Transition> transitions(int state) {
        return out.get(state);
    }

    public boolean isFinal(int state) {
        return nfa.isFinal(state);
    }

    /** Compiles a concrete local type; {@link MachineTooLarge} past {@code maxStates}. */
    public static LocalMachine of(LocalType concrete, int maxStates) {
        return of(concrete, maxStates, Integer.MAX_VALUE);
    }

    /** As {@link #of(LocalType, int)}, unrolling loops with a count at most {@code maxRepeat} times. */
    public static LocalMachine of(LocalType concrete, int maxStates, int maxRepeat) {
        Builder b = new Builder(maxStates, maxRepeat);
        int exit = b.nfa.fresh();
        int entry = b.nfa.fresh();
        for (int x : b.sequence(concrete, entry, new HashMap<>())) {
            b.nfa.eps(x, exit);
        }
        return new LocalMachine(b.nfa.eliminate(entry, exit), b.largestCount);
    }

    /**
     * A machine from explicit transitions, state 0 the start (e.g. an automaton synthesized by the decision);
     * {@code ends} are the states where it may end.
     */
    public static LocalMachine of(List<List<Transition>> transitions, java.util.BitSet ends) {
        int states = transitions.size() + 1;
        EpsilonNfa<Step> nfa = new EpsilonNfa<>(states, () -> new MachineTooLarge(states));
        for (int s = 0; s < states; s++) {
            nfa.fresh();
        }
        int exit = states - 1;
        for (int s = 0; s < transitions.size(); s++) {
            for (Transition t : transitions.get(s)) {
                nfa.move(s, new Step(t.kind(), t.peer(), t.label(), t.payload(), t.origin()), t.to());
            }
            if (ends.get(s)) {
                nfa.eps(s, exit);
            }
        }
        return new LocalMachine(nfa.eliminate(0, exit));
    }

    /** Thrown when a machine would exceed its state budget. */
    public static final class MachineTooLarge extends RuntimeException {
        public MachineTooLarge(int states) {
            super("more than " + states + " local states", null, false, false);
        }
    }

    /** Thompson-style construction over the local type's structure. */
    private static final class Builder {
        private final int maxStates;
        private final int maxRepeat;
        private final EpsilonNfa<Step> nfa;
        private int largestCount;

        Builder(int maxStates, int maxRepeat) {
            this.maxStates = maxStates;
            this.maxRepeat = maxRepeat;
            this.nfa = new EpsilonNfa<>(maxStates, () -> new MachineTooLarge(maxStates));
        }

        private int step(int cur, Action.Kind kind, io.choreo.dsl.ast.RoleRef peer, String label,
                         io.choreo.dsl.ast.MessageType message, Span origin) {
            int next = nfa.fresh();
            nfa.move(cur, new Step(kind, peer.toString(), label, payload(message), origin), next);
            return next;
        }

        /** Compiles {@code t} starting at state {@code cur}; returns the states where it ends ({@code end}). */
        List<Integer> sequence(LocalType t, int cur, Map<String, Integer> env) {
            Map<String, Integer> scope = env;
            while (true) {
                if (t instanceof LocalType.Send s) {
                    cur = step(cur, Action.Kind.SEND, s.peer(), s.label(), s.message(), s.origin());
                    t = s.cont();
                } else if (t instanceof LocalType.Recv r) {
                    cur = step(cur, Action.Kind.RECEIVE, r.peer(), r.label(), r.message(), r.origin());
                    t = r.cont();
                } else if (t instanceof LocalType.End) {
                    return List.of(cur);
                } else if (t instanceof LocalType.Var v) {
                    Integer target = scope.get(v.variable());
                    if (target == null) {
                        throw new IllegalArgumentException("free recursion variable " + v.variable());
                    }
                    nfa.eps(cur, target);
                    return List.of();
                } else if (t instanceof LocalType.Rec r) {
                    scope = new HashMap<>(scope);
                    scope.put(r.variable(), cur);
                    t = r.body();
                } else if (t instanceof LocalType.Select s) {
                    return branches(s.branches(), cur, scope);
                } else if (t instanceof LocalType.Offer o) {
                    return branches(o.branches(), cur, scope);
                } else if (t instanceof LocalType.Repeat r) {
                    int times = r.count() instanceof Bound.Literal l ? l.value() : -1;
                    if (times < 0) {
                        throw new IllegalArgumentException("loop count " + r.count() + " is not bound");
                    }
                    largestCount = Math.max(largestCount, times);
                    for (int i = 0; i < Math.min(times, maxRepeat); i++) {
                        int start = nfa.fresh();
                        nfa.eps(cur, start);
                        int after = nfa.fresh();
                        for (int x : sequence(r.body(), start, scope)) {
                            nfa.eps(x, after);
                        }
                        cur = after;
                    }
                    t = r.cont();
                } else if (t instanceof LocalType.Par p) {
                    List<Nfa<Step>> parts = new ArrayList<>();
                    for (LocalType b : p.branches()) {
                        LocalMachine part = LocalMachine.of(b, maxStates, maxRepeat);
                        largestCount = Math.max(largestCount, part.largestCount);
                        parts.add(part.nfa);
                    }
                    cur = nfa.interleave(parts, cur);
                    t = p.cont();
                } else {
                    throw new IllegalArgumentException("instance guards must be resolved before checking: " + t);
                }
            }
        }

        private List<Integer> branches(List<LocalType.Branch> branches, int cur, Map<String, Integer> scope) {
            List<Integer> exits = new ArrayList<>();
            for (LocalType.Branch b : branches) {
                int start = nfa.fresh();
                nfa.eps(cur, start);
                exits.addAll(sequence(b.type(), start, scope));
            }
            return exits;
        }
    }

    static String payload(io.choreo.dsl.ast.MessageType m) {
        return m.payload().isEmpty() ? "" : m.payload().toString();
    }
}
