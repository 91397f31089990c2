package io.choreo.projection.oracle;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.LateMessage;
import io.choreo.projection.automata.EpsilonNfa;
import io.choreo.projection.automata.Nfa;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The global protocol as an automaton over interactions {@code p -> q : m} between concrete participants, built
 * directly from the core global syntax, sharing no code with projection: choices branch, {@code rec}/{@code continue}
 * loop back, loops with a count are unrolled (at most {@code maxRepeat} times), parallel blocks interleave, and
 * references to several instances expand in index order (each sender, then each receiver).
 */
public final class GlobalMachine {
    /**
     * One interaction between concrete participants. {@code thread} names the parallel branches it sits in, as
     * {@code "p1.0/p4.1"} (branch 0 of parallel block 1, inside it branch 1 of block 4); interactions of different
     * branches of one block are concurrent, even for the same participant. {@code span} is the statement it comes
     * from, {@code choice} the innermost choice around it ({@link Span#NONE} outside any).
     */
    public record Interaction(String from, String to, String message, String thread, Span span, Span choice,
                              Part part) {
        /** An interaction whose send and receive happen together (every one outside a timeout branch). */
        public Interaction(String from, String to, String message, String thread, Span span, Span choice) {
            this(from, to, message, thread, span, choice, Part.BOTH);
        }

        /** Whether the sender acts in this step. */
        public boolean sends() {
            return part != Part.RECEIVE;
        }

        /** Whether the receiver acts in this step. */
        public boolean receives() {
            return part != Part.SEND;
        }

        @Override
        public String toString() {
            return from + " -> " + to + ": " + message + (part == Part.BOTH ? "" : " (" + part.name().toLowerCase(
                    java.util.Locale.ROOT) + ")");
        }
    }

    /**
     * Which side of an interaction a step is: both, or, for a late message of a timeout branch, the send (done
     * when the branch starts: its sender cannot know the deadline passed) and the receive (where the branch
     * consumes it) apart.
     */
    public enum Part { BOTH, SEND, RECEIVE }

    private final Nfa<Interaction> nfa;

    private GlobalMachine(Nfa<Interaction> nfa) {
        this.nfa = nfa;
    }

    public List<Nfa.Edge<Interaction>> edges(int state) {
        return nfa.edges(state);
    }

    public boolean isFinal(int state) {
        return nfa.isFinal(state);
    }

    public int stateCount() {
        return nfa.stateCount();
    }

    /** Whether interactions of threads {@code a} and {@code b} may happen in either order. */
    public static boolean concurrent(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                String bx = x[i].substring(0, Math.max(0, x[i].indexOf('.')));
                String by = y[i].substring(0, Math.max(0, y[i].indexOf('.')));
                return !bx.isEmpty() && bx.equals(by);
            }
        }
        return false;
    }

    /**
     * The automaton at the given sizes, loops with a count unrolled at most {@code maxRepeat} times;
     * {@link Oracle.TooLarge} past {@code maxStates} states.
     */
    public static GlobalMachine of(GlobalProtocol protocol, Map<String, Integer> counts, Map<String, Integer> symbols,
                                   int maxRepeat, int maxStates) {
        return new GlobalMachine(new Builder(counts, symbols, maxRepeat, maxStates, "", new int[1], Span.NONE)
                .build(protocol.body()));
    }

    private static final class Builder {
        final Map<String, Integer> counts;
        final Map<String, Integer> symbols;
        final int maxRepeat;
        final int maxStates;
        final EpsilonNfa<Interaction> nfa;
        final String thread;
        final int[] pars;
        Span choice;

        Builder(Map<String, Integer> counts, Map<String, Integer> symbols, int maxRepeat, int maxStates,
                String thread, int[] pars, Span choice) {
            this.choice = choice;
            this.thread = thread;
            this.pars = pars;
            this.counts = counts;
            this.symbols = symbols;
            this.maxRepeat = maxRepeat;
            this.maxStates = maxStates;
            this.nfa = new EpsilonNfa<>(maxStates,
                    () -> new Oracle.TooLarge("the global protocol has more than " + maxStates + " states"));
        }

        Nfa<Interaction> build(List<Global> body) {
            int entry = nfa.fresh();
            int exit = nfa.fresh();
            int end = seq(body, entry, new HashMap<>());
            if (end >= 0) {
                nfa.eps(end, exit);
            }
            return nfa.eliminate(entry, exit);
        }

        int fresh() {
            return nfa.fresh();
        }

        void eps(int from, int to) {
            nfa.eps(from, to);
        }

        /** Compiles {@code body} from {@code cur}; returns the state where it ends, or -1 if it never does. */
        int seq(List<Global> body, int cur, Map<String, Integer> recs) {
            for (Global g : body) {
                if (cur < 0) {
                    return -1;
                }
                cur = node(g, cur, recs);
            }
            return cur;
        }

        private int node(Global g, int cur, Map<String, Integer> recs) {
            if (g instanceof Global.Comm c) {
                return comm(c, cur, Part.BOTH, List.of());
            } else if (g instanceof Global.Choice c && LateMessage.of(c).isPresent()) {
                return timed(c, LateMessage.of(c).get(), cur, recs);
            } else if (g instanceof Global.Continue c) {
                eps(cur, recs.get(c.label()));
                return -1;
            } else if (g instanceof Global.Rec r) {
                Map<String, Integer> inner = new HashMap<>(recs);
                int head = fresh();
                eps(cur, head);
                inner.put(r.label(), head);
                return seq(r.body(), head, inner);
            } else if (g instanceof Global.Choice c) {
                int join = fresh();
                Span outer = choice;
                choice = c.span();
                for (Global.Branch b : c.branches()) {
                    int start = fresh();
                    eps(cur, start);
                    int end = seq(b.body(), start, recs);
                    if (end >= 0) {
                        eps(end, join);
                    }
                }
                choice = outer;
                return join;
            } else if (g instanceof Global.Repeat r) {
                int times = Math.min(value(r.count()), maxRepeat);
                for (int i = 0; i < times && cur >= 0; i++) {
                    cur = seq(r.body(), cur, recs);
                }
                return cur;
            } else if (g instanceof Global.Par p) {
                return interleave(p.branches(), cur);
            }
            throw new IllegalArgumentException("unknown global node " + g);
        }

        /** The steps of {@code c} from {@code cur}, for the senders {@code only} (every one if empty). */
        private int comm(Global.Comm c, int cur, Part part, List<String> only) {
            for (String from : expand(c.from())) {
                for (String to : expand(c.to())) {
                    if (!from.equals(to) && (only.isEmpty() || only.contains(from))) {
                        int next = fresh();
                        nfa.move(cur, new Interaction(from, to, c.message().label()
                                + (c.message().payload().isEmpty() ? "" : "(" + c.message().payload() + ")"),
                                thread, c.span(), choice, part), next);
                        cur = next;
                    }
                }
            }
            return cur;
        }

        /**
         * A timed choice with one awaited message (a gather from k senders is k links): at each link the next
         * awaited message arrives, or the deadline passes; then the senders not heard yet send (they cannot know),
         * the timeout branch runs, and consumes their messages where it says.
         */
        private int timed(Global.Choice c, LateMessage late, int cur, Map<String, Integer> recs) {
            int join = fresh();
            Span outer = choice;
            choice = c.span();
            List<String> senders = expand(late.awaited().from());
            List<Global> timeout = late.timeout().body();
            for (int k = 0; k <= senders.size(); k++) {
                List<String> unheard = senders.subList(k, senders.size());
                if (!unheard.isEmpty()) {
                    int t = comm(late.awaited(), cur, Part.SEND, unheard);
                    t = seq(timeout.subList(0, late.position()), t, recs);
                    t = t < 0 ? t : comm(late.consumed(), t, Part.RECEIVE, unheard);
                    t = t < 0 ? t : seq(timeout.subList(late.position() + 1, timeout.size()), t, recs);
                    if (t >= 0) {
                        eps(t, join);
                    }
                }
                if (k < senders.size()) {
                    cur = comm(late.awaited(), cur, Part.BOTH, List.of(senders.get(k)));
                }
            }
            List<Global> vote = late.branch().body();
            int end = seq(vote.subList(1, vote.size()), cur, recs);
            if (end >= 0) {
                eps(end, join);
            }
            choice = outer;
            return join;
        }

        private int interleave(List<List<Global>> branches, int cur) {
            List<Nfa<Interaction>> parts = new ArrayList<>();
            int block = ++pars[0];
            for (int b = 0; b < branches.size(); b++) {
                parts.add(new Builder(counts, symbols, maxRepeat, maxStates, thread + "/p" + block + "." + b, pars,
                        choice).build(branches.get(b)));
            }
            return nfa.interleave(parts, cur);
        }

        private List<String> expand(RoleRef ref) {
            Integer count = counts.get(ref.role());
            RoleRef.Index index = ref.index();
            if (count == null || index instanceof RoleRef.Index.None) {
                return List.of(ref.role());
            }
            if (index instanceof RoleRef.Index.At at) {
                return List.of(ref.role() + "[" + at.index() + "]");
            }
            int from = 0;
            int to = count;
            if (index instanceof RoleRef.Index.Range range) {
                from = value(range.from());
                to = value(range.to());
            }
            List<String> out = new ArrayList<>();
            for (int i = from; i < to; i++) {
                out.add(ref.role() + "[" + i + "]");
            }
            return out;
        }

        private int value(Bound b) {
            if (b instanceof Bound.Literal l) {
                return l.value();
            }
            Integer v = symbols.get(((Bound.Symbol) b).name());
            if (v == null) {
                throw new Oracle.TooLarge("symbol " + b + " is not bound");
            }
            return v;
        }
    }
}
