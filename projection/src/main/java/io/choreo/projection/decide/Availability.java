package io.choreo.projection.decide;

import io.choreo.projection.automata.Nfa;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.GlobalMachine.Interaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The causality condition of receive validity (CAV 2023, "available messages"): from a global state where the
 * participant {@code p} is still before a receive, can {@code q}'s message {@code m} reach the head of the channel
 * from {@code q} to {@code p}? The search walks the global automaton keeping the set of blocked participants —
 * {@code p}, and every participant that waits (transitively) for a message from a blocked one; a blocked sender sends
 * nothing, and the first message of {@code q} to {@code p} is the head of that FIFO channel, so the walk stops there.
 */
final class Availability {
    private final GlobalMachine global;
    private final Map<String, Integer> index;
    private final Budget budget;

    Availability(GlobalMachine global, List<String> participants, Budget budget) {
        this.global = global;
        this.budget = budget;
        this.index = new HashMap<>();
        for (int i = 0; i < participants.size(); i++) {
            index.put(participants.get(i), i);
        }
    }

    private record Node(int g, BitSet blocked) {
    }

    /**
     * The interactions from {@code from} up to and including {@code q -> p: m} when it can be first on its channel
     * while {@code p} waits, or an empty list; a message from a parallel branch concurrent with {@code thread} (the
     * branch of the receive {@code p} takes instead) is an interleaving, not a confusion.
     */
    List<Interaction> path(int from, String p, String q, String m, String thread) {
        BitSet start = new BitSet();
        start.set(index.get(p));
        int qi = index.get(q);
        Node first = new Node(from, start);
        Map<Node, Node> parent = new HashMap<>();
        Map<Node, Interaction> via = new HashMap<>();
        parent.put(first, first);
        Deque<Node> todo = new ArrayDeque<>(List.of(first));
        while (!todo.isEmpty()) {
            Node cur = todo.poll();
            budget.spend(1);
            for (Nfa.Edge<Interaction> e : global.edges(cur.g())) {
                Interaction i = e.label();
                if (i.from().equals(q) && i.to().equals(p) && i.sends()) {
                    if (i.message().equals(m) && !GlobalMachine.concurrent(i.thread(), thread)) {
                        return walk(parent, via, cur, first, i);
                    }
                    continue;
                }
                BitSet blocked = cur.blocked();
                // a late message's send and receive apart (GlobalMachine.Part) make neither side wait on the other
                if (i.part() == GlobalMachine.Part.BOTH && blocked.get(index.get(i.from()))
                        && !blocked.get(index.get(i.to()))) {
                    blocked = (BitSet) blocked.clone();
                    blocked.set(index.get(i.to()));
                }
                if (blocked.get(qi)) {
                    continue;
                }
                Node next = new Node(e.to(), blocked);
                if (parent.putIfAbsent(next, cur) == null) {
                    via.put(next, i);
                    todo.add(next);
                }
            }
        }
        return List.of();
    }

    private static List<Interaction> walk(Map<Node, Node> parent, Map<Node, Interaction> via, Node last, Node first,
                                          Interaction found) {
        List<Interaction> out = new ArrayList<>(List.of(found));
        for (Node cur = last; !cur.equals(first); cur = parent.get(cur)) {
            out.add(via.get(cur));
        }
        Collections.reverse(out);
        return out;
    }
}
