package io.choreo.projection.decide;

import io.choreo.projection.automata.Nfa;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.GlobalMachine.Interaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counterexample runs: the shortest global run that brings a participant's automaton and the protocol to a pair. */
final class Runs {
    private Runs() {
    }

    /** A shortest run from the start to global state {@code g} with the participant in subset state {@code s}. */
    static List<Interaction> to(GlobalMachine global, SubsetAutomaton a, int g, int s, Budget budget) {
        long target = pair(g, s);
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Interaction> via = new HashMap<>();
        Deque<Long> todo = new ArrayDeque<>();
        long start = pair(0, 0);
        parent.put(start, start);
        todo.add(start);
        while (!todo.isEmpty() && !parent.containsKey(target)) {
            long cur = todo.poll();
            budget.spend(1);
            int cg = (int) (cur >>> 32);
            int cs = (int) cur;
            for (Nfa.Edge<Interaction> e : global.edges(cg)) {
                SubsetAutomaton.Event ev = SubsetAutomaton.Event.of(a.participant(), e.label());
                Integer ns = ev == null ? Integer.valueOf(cs) : a.next(cs).get(ev);
                long nxt = pair(e.to(), ns);
                if (parent.putIfAbsent(nxt, cur) == null) {
                    via.put(nxt, e.label());
                    todo.add(nxt);
                }
            }
        }
        List<Interaction> run = new ArrayList<>();
        for (long cur = target; cur != start && parent.containsKey(cur); cur = parent.get(cur)) {
            run.add(via.get(cur));
        }
        Collections.reverse(run);
        return run;
    }

    static List<String> show(List<Interaction> run) {
        return run.stream().map(Interaction::toString).toList();
    }

    /** The choice (or, outside any, the statement) where two runs part: what the participant is not told. */
    static io.choreo.dsl.source.Span parting(List<Interaction> one, List<Interaction> other) {
        int i = 0;
        while (i < one.size() && i < other.size() && one.get(i).equals(other.get(i))) {
            i++;
        }
        Interaction first = i < one.size() ? one.get(i) : i < other.size() ? other.get(i) : null;
        if (first == null) {
            return io.choreo.dsl.source.Span.NONE;
        }
        return first.choice().isNone() ? first.span() : first.choice();
    }

    private static long pair(int g, int s) {
        return ((long) g << 32) | (s & 0xffffffffL);
    }
}
