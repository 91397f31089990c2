package io.choreo.projection.decide;

import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import io.choreo.projection.automata.Nfa;
import io.choreo.projection.decide.SubsetAutomaton.Event;
import io.choreo.projection.global.Global;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.GlobalMachine.Interaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A synthesized automaton as a concrete local type the runtime runs: a state with one event is that send or receive;
 * several receives are an offer whose branches start with receives from their (possibly different) senders; several
 * sends are the participant's decision, mapped back to the protocol's {@code choice} (its branch labels, guards and
 * location, so decision handlers and loop decisions work as for merged types), nested where the automaton merged
 * nested choices. A cycle is a {@code rec}; states reached by several paths are shared subterms. Payload types and
 * annotations come from the message statements. Iterative: an explicit stack, whatever the automaton's depth.
 */
final class AutomatonTypes {
    /** Most local-type nodes built for one participant. */
    static final int MAX_NODES = 1_000_000;

    /** Thrown when the automaton cannot be written as a local type (or past {@link #MAX_NODES}). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    private record Term(LocalType type, BitSet free) {
    }

    /** One send of a decision: its event, the enclosing choices of its statement (or null), the send term. */
    private record Option(Event event, List<ChoicePaths.Step> path, LocalType send) {
    }

    private static final BitSet NONE = new BitSet();
    private static final LocalType END = new LocalType.End();

    private final GlobalMachine global;
    private final SubsetAutomaton automaton;
    private final ChoicePaths paths;
    private final LocalType[] closed;
    private final boolean[] open;
    private final boolean[] recursive;
    private int nodes;

    private AutomatonTypes(GlobalMachine global, SubsetAutomaton automaton, ChoicePaths paths) {
        this.global = global;
        this.automaton = automaton;
        this.paths = paths;
        this.closed = new LocalType[automaton.stateCount()];
        this.open = new boolean[automaton.stateCount()];
        this.recursive = new boolean[automaton.stateCount()];
    }

    /** The local type of {@code automaton}'s participant; {@link Unsupported} if it cannot be written as one. */
    static LocalType of(GlobalMachine global, SubsetAutomaton automaton, ChoicePaths paths) {
        return new AutomatonTypes(global, automaton, paths).build();
    }

    /** A state being written: its events, the terms of their targets so far, and their free variables. */
    private static final class Frame {
        final int state;
        final List<Map.Entry<Event, Integer>> steps;
        final List<LocalType> conts = new ArrayList<>();
        final BitSet free = new BitSet();

        Frame(int state, Map<Event, Integer> next) {
            this.state = state;
            this.steps = List.copyOf(next.entrySet());
        }
    }

    /** Depth-first from the start with an explicit stack, whatever the automaton's depth. */
    private LocalType build() {
        Deque<Frame> stack = new ArrayDeque<>();
        Term result = enter(0, stack);
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (result != null) {
                top.conts.add(result.type());
                top.free.or(result.free());
                result = null;
            }
            if (top.conts.size() < top.steps.size()) {
                result = enter(top.steps.get(top.conts.size()).getValue(), stack);
                continue;
            }
            stack.pop();
            result = finish(top);
        }
        return result.type();
    }

    /** The term of {@code s} if it needs no frame (written already, a cycle back, or the end), else null. */
    private Term enter(int s, Deque<Frame> stack) {
        if (closed[s] != null) {
            return new Term(closed[s], NONE);
        }
        if (open[s]) {
            recursive[s] = true;
            BitSet free = new BitSet();
            free.set(s);
            return new Term(new LocalType.Var(variable(s)), free);
        }
        Map<Event, Integer> next = automaton.next(s);
        if (next.isEmpty()) {
            closed[s] = END;
            return new Term(END, NONE);
        }
        open[s] = true;
        recursive[s] = false;
        stack.push(new Frame(s, next));
        return null;
    }

    private Term finish(Frame f) {
        int s = f.state;
        LocalType body = node(s, f.steps.stream().map(Map.Entry::getKey).toList(), f.conts);
        open[s] = false;
        BitSet free = f.free;
        if (recursive[s]) {
            body = count(new LocalType.Rec(variable(s), body));
            free.clear(s);
        }
        if (free.isEmpty()) {
            closed[s] = body;
        }
        return new Term(body, free);
    }

    private LocalType node(int s, List<Event> events, List<LocalType> conts) {
        boolean sends = events.stream().allMatch(Event::send);
        if (!sends && events.stream().anyMatch(Event::send)) {
            throw new Unsupported(automaton.participant() + " may both send and receive first at one point ("
                    + events + ")");
        }
        List<LocalType> steps = new ArrayList<>();
        List<Global.Comm> comms = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Global.Comm c = comm(s, events.get(i));
            comms.add(c);
            steps.add(message(events.get(i), c, conts.get(i)));
        }
        if (steps.size() == 1) {
            return steps.get(0);
        }
        if (!sends) {
            Set<String> labels = new HashSet<>();
            boolean distinct = comms.stream().allMatch(c -> labels.add(c.message().label()));
            List<LocalType.Branch> branches = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                branches.add(new LocalType.Branch(distinct ? comms.get(i).message().label()
                        : events.get(i).toString(), Optional.empty(), steps.get(i)));
            }
            return count(new LocalType.Offer(peer(events.get(0), comms.get(0).span()), branches,
                    comms.get(0).span()));
        }
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            options.add(new Option(events.get(i), paths.path(comms.get(i).span(), comms.get(i).message().label()),
                    steps.get(i)));
        }
        return decision(options, 0, comms.get(0).span());
    }

    /**
     * The decision among {@code options}: the first choice (at or below {@code depth}) where their statements'
     * branches differ, one branch per group; without such a choice, one branch per send, labelled by the send.
     */
    private LocalType decision(List<Option> options, int depth, Span origin) {
        if (options.size() == 1) {
            return options.get(0).send();
        }
        if (options.stream().anyMatch(o -> o.path() == null)) {
            return bySend(options, origin);
        }
        int d = depth;
        while (agree(options, d)) {
            d++;
        }
        Global.Choice choice = null;
        for (Option o : options) {
            if (o.path().size() <= d || choice != null && o.path().get(d).choice() != choice) {
                return bySend(options, origin);
            }
            choice = o.path().get(d).choice();
        }
        Map<Integer, List<Option>> groups = new TreeMap<>();
        for (Option o : options) {
            groups.computeIfAbsent(o.path().get(d).branch(), k -> new ArrayList<>()).add(o);
        }
        List<LocalType.Branch> branches = new ArrayList<>();
        for (Map.Entry<Integer, List<Option>> g : groups.entrySet()) {
            Global.Branch b = choice.branches().get(g.getKey());
            branches.add(new LocalType.Branch(b.label(), b.guard(), decision(g.getValue(), d + 1, choice.span())));
        }
        return count(new LocalType.Select(branches, choice.span()));
    }

    /** Whether every option's statement is in the same branch of the same choice at {@code depth}. */
    private static boolean agree(List<Option> options, int depth) {
        ChoicePaths.Step first = options.get(0).path().size() > depth ? options.get(0).path().get(depth) : null;
        for (Option o : options) {
            if (first == null || o.path().size() <= depth || o.path().get(depth).choice() != first.choice()
                    || o.path().get(depth).branch() != first.branch()) {
                return false;
            }
        }
        return true;
    }

    private LocalType bySend(List<Option> options, Span origin) {
        Map<String, LocalType.Branch> branches = new LinkedHashMap<>();
        for (Option o : options) {
            branches.put(o.event().toString(), new LocalType.Branch(o.event().toString(), Optional.empty(), o.send()));
        }
        return count(new LocalType.Select(List.copyOf(branches.values()), origin));
    }

    private LocalType message(Event e, Global.Comm c, LocalType cont) {
        RoleRef peer = peer(e, c.span());
        return count(e.send() ? new LocalType.Send(peer, c.message(), c.annotations(), c.span(), c.implicit(), cont)
                : new LocalType.Recv(peer, c.message(), c.annotations(), c.span(), c.implicit(), cont));
    }

    /** The statement of {@code event} in state {@code s}, found through the global interactions it stands for. */
    private Global.Comm comm(int s, Event event) {
        for (int g : automaton.members(s)) {
            for (Nfa.Edge<Interaction> edge : global.edges(g)) {
                Interaction i = edge.label();
                if (event.equals(Event.of(automaton.participant(), i))) {
                    String message = i.message();
                    int paren = message.indexOf('(');
                    Global.Comm c = paths.comm(i.span(), paren < 0 ? message : message.substring(0, paren));
                    if (c != null) {
                        return c;
                    }
                }
            }
        }
        throw new Unsupported("no statement of the protocol is " + automaton.participant() + "'s " + event);
    }

    private static RoleRef peer(Event e, Span span) {
        return RoleRef.decider(e.peer(), span);
    }

    private static String variable(int state) {
        return "X" + state;
    }

    private LocalType count(LocalType t) {
        if (++nodes > MAX_NODES) {
            throw new Unsupported(automaton.participant() + "'s synthesized local type has more than " + MAX_NODES
                    + " nodes");
        }
        return t;
    }
}
