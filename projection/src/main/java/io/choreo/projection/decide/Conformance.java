package io.choreo.projection.decide;

import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.decide.SubsetAutomaton.Event;
import java.util.ArrayDeque;
import java.nio.IntBuffer;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a projected state machine (the one the runtime runs) has exactly the event words of the participant's
 * synthesized automaton: both determinized, walked in lock-step, compared on the events each state allows and on
 * ending (the participant ends where it has nothing more to do, also while others go on forever). An implementable protocol whose projection conforms runs as written.
 */
final class Conformance {
    private Conformance() {
    }

    /** An event word as a chain sharing its prefix; written out only for a difference. */
    private record Word(Word previous, Event last) {
        @Override
        public String toString() {
            Deque<String> out = new ArrayDeque<>();
            for (Word w = this; w != null && w.last() != null; w = w.previous()) {
                out.addFirst(w.last().toString());
            }
            return "[" + String.join("; ", out) + "]";
        }
    }

    private record Node(int[] local, int s, Word word) {
    }

    /** The first difference, in words, or null when they conform. */
    static String difference(LocalMachine machine, SubsetAutomaton a, Budget budget) {
        Set<Key> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.add(new Node(new int[] {0}, 0, new Word(null, null)));
        seen.add(key(new int[] {0}, 0));
        while (!todo.isEmpty()) {
            Node node = todo.poll();
            budget.spend(1 + node.local().length);
            Map<Event, Set<Integer>> steps = new LinkedHashMap<>();
            boolean fin = false;
            for (int l : node.local()) {
                fin |= machine.isFinal(l);
                for (LocalMachine.Transition t : machine.transitions(l)) {
                    steps.computeIfAbsent(new Event(t.isSend(), t.peer(), t.message()), x -> new TreeSet<>())
                            .add(t.to());
                }
            }
            Set<Event> needed = a.next(node.s()).keySet();
            if (fin != needed.isEmpty() || !steps.keySet().equals(needed)) {
                return "after " + node.word() + " the projection of " + a.participant() + " allows "
                        + steps.keySet() + (fin ? " and may end" : "") + ", the protocol " + needed;
            }
            for (Map.Entry<Event, Set<Integer>> st : steps.entrySet()) {
                int[] next = st.getValue().stream().mapToInt(Integer::intValue).toArray();
                int ns = a.next(node.s()).get(st.getKey());
                if (seen.add(key(next, ns))) {
                    todo.add(new Node(next, ns, new Word(node.word(), st.getKey())));
                }
            }
        }
        return null;
    }

    private record Key(int s, IntBuffer local) {
    }

    private static Key key(int[] local, int s) {
        return new Key(s, IntBuffer.wrap(local));
    }
}
