package io.choreo.projection.check;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.source.Span;
import io.choreo.projection.local.LocalType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final List<List<Transition>> out;
    private final BitSet finals;

    private LocalMachine(List<List<Transition>> out, BitSet finals) {
        this.out = out;
        this.finals = finals;
    }

    public int stateCount() {
        return out.size();
    }

    public List<Transition> transitions(int state) {
        return out.get(state);
    }

    public boolean isFinal(int state) {
        return finals.get(state);
    }

    /** Compiles a concrete local type; {@link MachineTooLarge} past {@code maxStates}. */
    public static LocalMachine of(LocalType concrete, int maxStates) {
        return of(concrete, maxStates, Integer.MAX_VALUE);
    }

    /** As {@link #of(LocalType, int)}, unrolling loops with a count at most {@code maxRepeat} times. */
    public static LocalMachine of(LocalType concrete, int maxStates, int maxRepeat) {
        Builder b = new Builder(maxStates, maxRepeat);
        int exit = b.fresh();
        int entry = b.fresh();
        for (int x : b.sequence(concrete, entry, new HashMap<>())) {
            b.eps(x, exit);
        }
        return b.eliminate(entry, exit);
    }

    /** Thrown when a machine would exceed its state budget. */
    public static final class MachineTooLarge extends RuntimeException {
        public MachineTooLarge(int states) {
            super("more than " + states + " local states", null, false, false);
        }
    }

    /** Thompson-style construction with ε-moves, then ε-elimination. */
    private static final class Builder {
        private final int maxStates;
        private final int maxRepeat;
        private final List<List<Transition>> moves = new ArrayList<>();
        private final List<int[]> eps = new ArrayList<>();
        private static final int[] NO_EPS = new int[0];

        Builder(int maxStates, int maxRepeat) {
            this.maxStates = maxStates;
            this.maxRepeat = maxRepeat;
        }

        int fresh() {
            if (moves.size() >= maxStates) {
                throw new MachineTooLarge(maxStates);
            }
            moves.add(new ArrayList<>(1));
            eps.add(NO_EPS);
            return moves.size() - 1;
        }

        void eps(int from, int to) {
            int[] old = eps.get(from);
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = to;
            eps.set(from, grown);
        }

        /** Compiles {@code t} starting at state {@code cur}; returns the states where it ends ({@code end}). */
        List<Integer> sequence(LocalType t, int cur, Map<String, Integer> env) {
            Map<String, Integer> scope = env;
            while (true) {
                if (t instanceof LocalType.Send s) {
                    int next = fresh();
                    moves.get(cur).add(new Transition(Action.Kind.SEND, s.peer().toString(), s.label(),
                            payload(s.message()), s.origin(), next));
                    cur = next;
                    t = s.cont();
                } else if (t instanceof LocalType.Recv r) {
                    int next = fresh();
                    moves.get(cur).add(new Transition(Action.Kind.RECEIVE, r.peer().toString(), r.label(),
                            payload(r.message()), r.origin(), next));
                    cur = next;
                    t = r.cont();
                } else if (t instanceof LocalType.End) {
                    return List.of(cur);
                } else if (t instanceof LocalType.Var v) {
                    Integer target = scope.get(v.variable());
                    if (target == null) {
                        throw new IllegalArgumentException("free recursion variable " + v.variable());
                    }
                    eps(cur, target);
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
                    for (int i = 0; i < Math.min(times, maxRepeat); i++) {
                        int start = fresh();
                        eps(cur, start);
                        int after = fresh();
                        for (int x : sequence(r.body(), start, scope)) {
                            eps(x, after);
                        }
                        cur = after;
                    }
                    t = r.cont();
                } else if (t instanceof LocalType.Par p) {
                    cur = product(p.branches(), cur, scope);
                    t = p.cont();
                } else {
                    throw new IllegalArgumentException("instance guards must be resolved before checking: " + t);
                }
            }
        }

        private List<Integer> branches(List<LocalType.Branch> branches, int cur, Map<String, Integer> scope) {
            List<Integer> exits = new ArrayList<>();
            for (LocalType.Branch b : branches) {
                int start = fresh();
                eps(cur, start);
                exits.addAll(sequence(b.type(), start, scope));
            }
            return exits;
        }

        /** The interleavings of parallel branches, entered from {@code cur}; returns the state after all end. */
        private int product(List<LocalType> branches, int cur, Map<String, Integer> scope) {
            List<LocalMachine> parts = new ArrayList<>();
            for (LocalType b : branches) {
                parts.add(LocalMachine.of(b, maxStates, maxRepeat));
            }
            int after = fresh();
            Map<List<Integer>, Integer> ids = new HashMap<>();
            Deque<List<Integer>> todo = new ArrayDeque<>();
            List<Integer> start = new ArrayList<>();
            parts.forEach(m -> start.add(0));
            ids.put(start, cur);
            todo.add(start);
            while (!todo.isEmpty()) {
                List<Integer> v = todo.poll();
                int id = ids.get(v);
                boolean allFinal = true;
                for (int i = 0; i < parts.size(); i++) {
                    LocalMachine m = parts.get(i);
                    allFinal &= m.isFinal(v.get(i));
                    for (Transition tr : m.transitions(v.get(i))) {
                        List<Integer> w = new ArrayList<>(v);
                        w.set(i, tr.to());
                        Integer target = ids.get(w);
                        if (target == null) {
                            target = fresh();
                            ids.put(w, target);
                            todo.add(w);
                        }
                        moves.get(id).add(new Transition(tr.kind(), tr.peer(), tr.label(), tr.payload(),
                                tr.origin(), target));
                    }
                }
                if (allFinal) {
                    eps(id, after);
                }
            }
            return after;
        }

        /** Removes ε-moves: each kept state gets the moves of its ε-closure, and is final if the closure exits. */
        LocalMachine eliminate(int entry, int exit) {
            Map<Integer, Integer> ids = new HashMap<>();
            List<List<Transition>> out = new ArrayList<>();
            BitSet finals = new BitSet();
            Deque<Integer> todo = new ArrayDeque<>();
            ids.put(entry, 0);
            out.add(null);
            todo.add(entry);
            while (!todo.isEmpty()) {
                int s = todo.poll();
                int id = ids.get(s);
                Set<Transition> moves = new LinkedHashSet<>();
                for (int c : closure(s)) {
                    if (c == exit) {
                        finals.set(id);
                    }
                    for (Transition t : this.moves.get(c)) {
                        Integer target = ids.get(t.to());
                        if (target == null) {
                            target = out.size();
                            ids.put(t.to(), target);
                            out.add(null);
                            todo.add(t.to());
                        }
                        moves.add(new Transition(t.kind(), t.peer(), t.label(), t.payload(), t.origin(), target));
                    }
                }
                out.set(id, List.copyOf(moves));
            }
            return new LocalMachine(out, finals);
        }

        private int[] stamp = new int[0];
        private int generation;

        /** The ε-closure of {@code s}; marks are generation stamps, so no per-call allocation of the state count. */
        private List<Integer> closure(int s) {
            if (stamp.length < moves.size()) {
                stamp = new int[moves.size()];
            }
            generation++;
            List<Integer> seen = new ArrayList<>();
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(s);
            stamp[s] = generation;
            while (!stack.isEmpty()) {
                int c = stack.pop();
                seen.add(c);
                for (int e : eps.get(c)) {
                    if (stamp[e] != generation) {
                        stamp[e] = generation;
                        stack.push(e);
                    }
                }
            }
            return seen;
        }
    }

    static String payload(io.choreo.dsl.ast.MessageType m) {
        return m.payload().isEmpty() ? "" : m.payload().toString();
    }
}
