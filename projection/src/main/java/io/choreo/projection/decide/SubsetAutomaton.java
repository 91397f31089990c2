package io.choreo.projection.decide;

import io.choreo.projection.automata.Nfa;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.GlobalMachine.Interaction;
import java.nio.IntBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One participant's automaton by subset construction over its own events (CAV 2023, "subset projection"): a state
 * is the set of global states the participant cannot tell apart — closed under the interactions it takes no part
 * in — and its events lead from set to set. A state is final when it holds a final global state. Built iteratively
 * in breadth-first order, so state 0 is the start and every state's shortest event word is found first.
 */
public final class SubsetAutomaton {
    /** One of the participant's events: send to or receive from {@code peer} the message. */
    public record Event(boolean send, String peer, String message) {
        /** The participant's event in {@code i}, or null if it takes no part. */
        static Event of(String participant, Interaction i) {
            if (i.from().equals(participant)) {
                return i.sends() ? new Event(true, i.to(), i.message()) : null;
            }
            return i.to().equals(participant) && i.receives() ? new Event(false, i.from(), i.message()) : null;
        }

        @Override
        public String toString() {
            return peer + (send ? "!" : "?") + message;
        }
    }

    private final String participant;
    private final List<int[]> sets = new ArrayList<>();
    private final List<Map<Event, Integer>> next = new ArrayList<>();
    private final List<Boolean> finals = new ArrayList<>();

    private SubsetAutomaton(String participant) {
        this.participant = participant;
    }

    public String participant() {
        return participant;
    }

    public int stateCount() {
        return sets.size();
    }

    /** The global states the participant cannot tell apart in {@code state}, sorted. */
    public int[] members(int state) {
        return sets.get(state);
    }

    /** The participant's events in {@code state} and where they lead, in a stable order. */
    public Map<Event, Integer> next(int state) {
        return next.get(state);
    }

    public boolean isFinal(int state) {
        return finals.get(state);
    }

    /** The subset construction for {@code participant}, counting every member of every state against the budget. */
    static SubsetAutomaton of(GlobalMachine global, String participant, Budget budget) {
        SubsetAutomaton a = new SubsetAutomaton(participant);
        Closure closure = new Closure(global, participant);
        Map<IntBuffer, Integer> ids = new HashMap<>();
        Deque<Integer> todo = new ArrayDeque<>();
        a.intern(closure.of(new int[] {0}), ids, todo, global, budget);
        while (!todo.isEmpty()) {
            int s = todo.poll();
            Map<Event, List<Integer>> targets = new LinkedHashMap<>();
            for (int g : a.sets.get(s)) {
                for (Nfa.Edge<Interaction> e : global.edges(g)) {
                    Event ev = Event.of(participant, e.label());
                    if (ev != null) {
                        targets.computeIfAbsent(ev, x -> new ArrayList<>()).add(e.to());
                    }
                }
            }
            Map<Event, Integer> out = new LinkedHashMap<>();
            for (Map.Entry<Event, List<Integer>> t : targets.entrySet()) {
                int[] seeds = t.getValue().stream().mapToInt(Integer::intValue).toArray();
                out.put(t.getKey(), a.intern(closure.of(seeds), ids, todo, global, budget));
            }
            a.next.set(s, out);
        }
        return a;
    }

    private int intern(int[] set, Map<IntBuffer, Integer> ids, Deque<Integer> todo, GlobalMachine global,
                       Budget budget) {
        IntBuffer key = IntBuffer.wrap(set);
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        budget.spend(1 + set.length);
        id = sets.size();
        ids.put(key, id);
        sets.add(set);
        next.add(Map.of());
        boolean fin = false;
        for (int g : set) {
            fin |= global.isFinal(g);
        }
        finals.add(fin);
        todo.add(id);
        return id;
    }

    /** Closure under the interactions a participant takes no part in, with a reusable mark array. */
    static final class Closure {
        private final GlobalMachine global;
        private final String participant;
        private final int[] mark;
        private int stamp;

        Closure(GlobalMachine global, String participant) {
            this.global = global;
            this.participant = participant;
            this.mark = new int[global.stateCount()];
        }

        /** The sorted set of states reachable from {@code seeds} by silent interactions. */
        int[] of(int[] seeds) {
            stamp++;
            int[] found = new int[Math.max(4, seeds.length)];
            int size = 0;
            for (int g : seeds) {
                if (mark[g] != stamp) {
                    mark[g] = stamp;
                    found = grow(found, size);
                    found[size++] = g;
                }
            }
            for (int i = 0; i < size; i++) {
                for (Nfa.Edge<Interaction> e : global.edges(found[i])) {
                    if (Event.of(participant, e.label()) == null && mark[e.to()] != stamp) {
                        mark[e.to()] = stamp;
                        found = grow(found, size);
                        found[size++] = e.to();
                    }
                }
            }
            int[] out = Arrays.copyOf(found, size);
            Arrays.sort(out);
            return out;
        }

        private static int[] grow(int[] a, int size) {
            return size < a.length ? a : Arrays.copyOf(a, a.length * 2);
        }
    }
}
