package io.choreo.projection.automata;

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
import java.util.function.Supplier;

/**
 * An automaton under construction, with ε-moves: states are added one by one up to a budget (past it, the given
 * exception is thrown), parallel parts are joined by {@link #interleave}, and {@link #eliminate} gives the
 * equivalent {@link Nfa} of the states reachable from an entry.
 *
 * @param <L> what an edge is labelled with
 */
public final class EpsilonNfa<L> {
    private static final int[] NONE = new int[0];

    private final int maxStates;
    private final Supplier<? extends RuntimeException> tooLarge;
    private final List<List<Nfa.Edge<L>>> moves = new ArrayList<>();
    private final List<int[]> eps = new ArrayList<>();
    private int[] stamp = new int[0];
    private int generation;

    public EpsilonNfa(int maxStates, Supplier<? extends RuntimeException> tooLarge) {
        this.maxStates = maxStates;
        this.tooLarge = tooLarge;
    }

    /** A new state. */
    public int fresh() {
        if (moves.size() >= maxStates) {
            throw tooLarge.get();
        }
        moves.add(new ArrayList<>(1));
        eps.add(NONE);
        return moves.size() - 1;
    }

    public void move(int from, L label, int to) {
        moves.get(from).add(new Nfa.Edge<>(label, to));
    }

    public void eps(int from, int to) {
        int[] old = eps.get(from);
        int[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = to;
        eps.set(from, grown);
    }

    /** The interleavings of {@code parts}, entered from {@code cur}; returns the state reached when all are final. */
    public int interleave(List<Nfa<L>> parts, int cur) {
        int after = fresh();
        Map<List<Integer>, Integer> ids = new HashMap<>();
        Deque<List<Integer>> todo = new ArrayDeque<>();
        List<Integer> start = new ArrayList<>();
        parts.forEach(p -> start.add(0));
        ids.put(start, cur);
        todo.add(start);
        while (!todo.isEmpty()) {
            List<Integer> v = todo.poll();
            int id = ids.get(v);
            boolean allFinal = true;
            for (int i = 0; i < parts.size(); i++) {
                Nfa<L> part = parts.get(i);
                allFinal &= part.isFinal(v.get(i));
                for (Nfa.Edge<L> e : part.edges(v.get(i))) {
                    List<Integer> w = new ArrayList<>(v);
                    w.set(i, e.to());
                    Integer target = ids.get(w);
                    if (target == null) {
                        target = fresh();
                        ids.put(w, target);
                        todo.add(w);
                    }
                    move(id, e.label(), target);
                }
            }
            if (allFinal) {
                eps(id, after);
            }
        }
        return after;
    }

    /** Removes ε-moves: each kept state gets the moves of its ε-closure, and is final if the closure holds {@code exit}. */
    public Nfa<L> eliminate(int entry, int exit) {
        Map<Integer, Integer> ids = new HashMap<>();
        List<List<Nfa.Edge<L>>> out = new ArrayList<>();
        BitSet finals = new BitSet();
        Deque<Integer> todo = new ArrayDeque<>();
        ids.put(entry, 0);
        out.add(null);
        todo.add(entry);
        while (!todo.isEmpty()) {
            int s = todo.poll();
            int id = ids.get(s);
            Set<Nfa.Edge<L>> kept = new LinkedHashSet<>();
            for (int c : closure(s)) {
                if (c == exit) {
                    finals.set(id);
                }
                for (Nfa.Edge<L> e : moves.get(c)) {
                    Integer target = ids.get(e.to());
                    if (target == null) {
                        target = out.size();
                        ids.put(e.to(), target);
                        out.add(null);
                        todo.add(e.to());
                    }
                    kept.add(new Nfa.Edge<>(e.label(), target));
                }
            }
            out.set(id, List.copyOf(kept));
        }
        return new Nfa<>(out, finals);
    }

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
