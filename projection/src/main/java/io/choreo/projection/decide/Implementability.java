package io.choreo.projection.decide;

import io.choreo.projection.automata.Nfa;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.GlobalMachine.Interaction;
import io.choreo.projection.decide.SubsetAutomaton.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides implementability of a global automaton (CAV 2023): each participant's subset automaton must satisfy
 * <ul>
 *   <li><b>termination</b> — a state that may be the end of the protocol has no further event (the participant
 *   knows it is done; our roles stop);</li>
 *   <li><b>send validity</b> — every send of a state is possible from every global state the participant cannot
 *   tell apart (after interactions it takes no part in);</li>
 *   <li><b>receive validity</b> — of two receives from different senders in one state, the message of the one can
 *   never be first on its channel while the protocol went the way of the other (see {@link Availability}).</li>
 * </ul>
 * Then the subset automata implement the protocol: their asynchronous product has exactly its runs and never gets
 * stuck. Polynomial in the global automaton for a fixed set of participants; bounded by the {@link Budget}.
 */
public final class Implementability {
    private final GlobalMachine global;
    private final Budget budget;
    private final Availability availability;

    private Implementability(GlobalMachine global, List<String> participants, Budget budget) {
        this.global = global;
        this.budget = budget;
        this.availability = new Availability(global, participants, budget);
    }

    /** The decision for the participants (concrete names, as in the global automaton's interactions). */
    public static Decision decide(GlobalMachine global, List<String> participants, Budget budget) {
        try {
            Implementability d = new Implementability(global, participants, budget);
            Map<String, SubsetAutomaton> automata = new LinkedHashMap<>();
            for (String p : participants) {
                SubsetAutomaton a = SubsetAutomaton.of(global, p, budget);
                Decision.NotImplementable bad = d.violation(a);
                if (bad != null) {
                    return bad;
                }
                automata.put(p, a);
            }
            return new Decision.Implementable(automata, global.stateCount());
        } catch (Budget.Exhausted e) {
            return new Decision.Inconclusive(e.getMessage(), e.raise());
        }
    }

    private Decision.NotImplementable violation(SubsetAutomaton a) {
        for (int s = 0; s < a.stateCount(); s++) {
            Decision.NotImplementable bad = termination(a, s);
            for (Map.Entry<Event, Integer> t : a.next(s).entrySet()) {
                if (bad == null && t.getKey().send()) {
                    bad = sendValidity(a, s, t.getKey());
                }
            }
            if (bad == null) {
                bad = receiveValidity(a, s);
            }
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** The first edge of {@code g} that is the participant's event {@code ev}, or null. */
    private Nfa.Edge<Interaction> edge(int g, String p, Event ev) {
        for (Nfa.Edge<Interaction> e : global.edges(g)) {
            if (ev.equals(Event.of(p, e.label()))) {
                return e;
            }
        }
        return null;
    }

    private Decision.NotImplementable termination(SubsetAutomaton a, int s) {
        if (!a.isFinal(s) || a.next(s).isEmpty()) {
            return null;
        }
        int over = -1;
        int going = -1;
        Nfa.Edge<Interaction> step = null;
        for (int g : a.members(s)) {
            if (global.isFinal(g) && over < 0) {
                over = g;
            }
            for (Event ev : a.next(s).keySet()) {
                if (step == null && edge(g, a.participant(), ev) != null) {
                    going = g;
                    step = edge(g, a.participant(), ev);
                }
            }
        }
        List<Interaction> ended = Runs.to(global, a, over, s, budget);
        List<Interaction> goesOn = new ArrayList<>(Runs.to(global, a, going, s, budget));
        goesOn.add(step.label());
        String p = a.participant();
        return new Decision.NotImplementable(p, p + " cannot know whether the protocol is over: after "
                + show(ended) + " it is, but after " + show(goesOn.subList(0, goesOn.size() - 1)) + " " + p
                + " still has to do " + step.label() + " (line " + step.label().span().line() + "), and " + p
                + " is not told which", step.label().span(), Runs.parting(ended, goesOn),
                withLast(ended, p + " stops, or waits for " + step.label() + ": it cannot tell which"));
    }

    private Decision.NotImplementable sendValidity(SubsetAutomaton a, int s, Event send) {
        String p = a.participant();
        int[] members = a.members(s);
        Map<Integer, List<Integer>> back = new HashMap<>();
        Deque<Integer> todo = new ArrayDeque<>();
        BitSet can = new BitSet();
        for (int g : members) {
            for (Nfa.Edge<Interaction> e : global.edges(g)) {
                if (Event.of(p, e.label()) == null) {
                    back.computeIfAbsent(e.to(), x -> new ArrayList<>()).add(g);
                } else if (send.equals(Event.of(p, e.label())) && !can.get(g)) {
                    can.set(g);
                    todo.add(g);
                }
            }
        }
        budget.spend(members.length);
        while (!todo.isEmpty()) {
            for (int g : back.getOrDefault(todo.poll(), List.of())) {
                if (!can.get(g)) {
                    can.set(g);
                    todo.add(g);
                }
            }
        }
        for (int g : members) {
            if (!can.get(g)) {
                int good = can.nextSetBit(0);
                while (edge(good, p, send) == null) {
                    good = can.nextSetBit(good + 1);
                }
                Interaction act = edge(good, p, send).label();
                List<Interaction> bad = Runs.to(global, a, g, s, budget);
                List<Interaction> fine = new ArrayList<>(Runs.to(global, a, good, s, budget));
                fine.add(act);
                return new Decision.NotImplementable(p, p + " cannot know whether to send " + act.message()
                        + " to " + act.to() + ": after " + show(fine.subList(0, fine.size() - 1)) + " it must, but"
                        + " after " + show(bad) + " the protocol " + after(g) + " and never lets " + p + " send it"
                        + " there; " + p + " is told nothing that tells the two apart", act.span(),
                        Runs.parting(bad, fine), withLast(bad, act + "   <- " + p + " sends it here too, but the"
                        + " protocol " + after(g)));
            }
        }
        return mixed(a, s, send);
    }

    /**
     * Send validity where a message to the participant may be on its way (the state between an interaction's send
     * and its receive): the participant must be able to send there too, which only a concurrent parallel branch
     * allows. So a state that both sends and receives is not valid outside parallel blocks.
     */
    private Decision.NotImplementable mixed(SubsetAutomaton a, int s, Event send) {
        String p = a.participant();
        for (int g : a.members(s)) {
            for (Nfa.Edge<Interaction> e : global.edges(g)) {
                Event ev = Event.of(p, e.label());
                if (ev == null || ev.send() || sendsAlongside(g, p, send, e.label().thread())) {
                    continue;
                }
                Interaction act = firstOf(a, s, send);
                List<Interaction> run = Runs.to(global, a, g, s, budget);
                return new Decision.NotImplementable(p, p + " cannot know whether to send " + act.message() + " to "
                        + act.to() + " or to wait for " + e.label().message() + " from " + e.label().from() + ": after "
                        + show(run) + " the protocol goes on with " + e.label() + ", but " + p + " may send "
                        + act.message() + " first; it is told nothing that tells the two apart", act.span(),
                        e.label().span(), withLast(run, e.label().from() + " sends " + e.label().message() + " to " + p
                        + "; " + p + " sends " + act.message() + " to " + act.to() + " instead of receiving it"));
            }
        }
        return null;
    }

    /** Whether from {@code g}, along interactions concurrent with {@code thread}, the participant can do {@code send}. */
    private boolean sendsAlongside(int g, String p, Event send, String thread) {
        BitSet seen = new BitSet();
        Deque<Integer> todo = new ArrayDeque<>(List.of(g));
        seen.set(g);
        while (!todo.isEmpty()) {
            budget.spend(1);
            for (Nfa.Edge<Interaction> e : global.edges(todo.poll())) {
                if (!GlobalMachine.concurrent(e.label().thread(), thread)) {
                    continue;
                }
                Event ev = Event.of(p, e.label());
                if (send.equals(ev)) {
                    return true;
                }
                if (ev == null && !seen.get(e.to())) {
                    seen.set(e.to());
                    todo.add(e.to());
                }
            }
        }
        return false;
    }

    /** What the protocol does next from {@code g}, in words. */
    private String after(int g) {
        List<Nfa.Edge<Interaction>> edges = global.edges(g);
        if (edges.isEmpty()) {
            return global.isFinal(g) ? "is over" : "cannot go on";
        }
        return "goes on with " + edges.get(0).label();
    }

    private Decision.NotImplementable receiveValidity(SubsetAutomaton a, int s) {
        String p = a.participant();
        List<Event> receives = a.next(s).keySet().stream().filter(e -> !e.send()).toList();
        for (Event taken : receives) {
            for (Event other : receives) {
                if (taken.peer().equals(other.peer())) {
                    continue;
                }
                for (int g : a.members(s)) {
                    for (Nfa.Edge<Interaction> e : global.edges(g)) {
                        if (!taken.equals(Event.of(p, e.label()))) {
                            continue;
                        }
                        List<Interaction> path = availability.path(e.to(), p, other.peer(), other.message(),
                                e.label().thread());
                        if (!path.isEmpty()) {
                            List<Interaction> run = new ArrayList<>(Runs.to(global, a, g, s, budget));
                            run.add(e.label());
                            run.addAll(path);
                            Interaction wrong = path.get(path.size() - 1);
                            Interaction otherFirst = firstOf(a, s, other);
                            return new Decision.NotImplementable(p, p + " cannot tell the branches apart by the"
                                    + " messages it receives: in the run " + show(run) + " the message "
                                    + other.message() + " from " + other.peer() + " can arrive before " + p
                                    + " takes " + taken.message() + " from " + taken.peer() + ", and " + p
                                    + " would take it for the other way the protocol goes (line "
                                    + otherFirst.span().line() + ")", wrong.span(), e.label().span(),
                                    withLast(run, p + " receives " + other.message() + " from " + other.peer()
                                            + " first: the other way"));
                        }
                    }
                }
            }
        }
        return null;
    }

    private Interaction firstOf(SubsetAutomaton a, int s, Event ev) {
        for (int g : a.members(s)) {
            Nfa.Edge<Interaction> e = edge(g, a.participant(), ev);
            if (e != null) {
                return e.label();
            }
        }
        throw new IllegalStateException("no edge for " + ev);
    }

    private static List<String> withLast(List<Interaction> run, String last) {
        List<String> out = new ArrayList<>(Runs.show(run));
        out.add(last);
        return out;
    }

    private static String show(List<Interaction> run) {
        return run.isEmpty() ? "the start" : "[" + String.join("; ", Runs.show(run)) + "]";
    }
}
