package io.choreo.projection.oracle;

import io.choreo.projection.automata.Nfa;
import io.choreo.projection.check.LocalMachine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "nothing extra" direction of the {@link Oracle}: explores every asynchronous run of the participants with
 * bounded FIFO queues and keeps, alongside, every global run that explains it. A global run explains a run of the
 * participants when each participant's events are a prefix of its share of the global run; a candidate is a global
 * state plus, per participant, the events the global run has that the participant has not done yet (its lag).
 * A step no candidate explains, or a finished run no candidate completes, is behaviour the global protocol does not
 * have: a projection bug.
 */
final class Soundness {
    private final GlobalMachine global;
    private final List<String> names;
    private final LocalMachine[] machines;
    private final Map<String, Integer> who = new HashMap<>();
    private final Oracle.Options options;
    private final int n;
    private final int maxLag;
    private final Map<Event, Integer> events = new HashMap<>();
    private final Map<Entry, Integer> entries = new HashMap<>();
    private final List<Entry> entryList = new ArrayList<>();
    private final Map<Long, Boolean> concurrency = new HashMap<>();
    private boolean pruned;
    private final long deadline;
    private long work;

    Soundness(GlobalMachine global, Map<String, LocalMachine> participants, Oracle.Options options) {
        this.global = global;
        this.names = List.copyOf(participants.keySet());
        this.machines = participants.values().toArray(LocalMachine[]::new);
        this.options = options;
        this.n = names.size();
        this.maxLag = 4 * options.queueBound() + 4;
        this.deadline = System.nanoTime() + options.timeBudget().toNanos();
        for (int i = 0; i < n; i++) {
            who.put(names.get(i), i);
        }
    }

    /** One participant's event as the global run has it: send or receive, peer, message. */
    private record Event(String participant, boolean send, String peer, String message) {
    }

    /** A lag entry: an event of the global run with the parallel thread it belongs to. */
    private record Entry(int event, String thread) {
    }

    private int event(String participant, boolean send, String peer, String message) {
        return events.computeIfAbsent(new Event(participant, send, peer, message), x -> events.size());
    }

    private int entry(int event, String thread) {
        return entries.computeIfAbsent(new Entry(event, thread), x -> {
            entryList.add(x);
            return entryList.size() - 1;
        });
    }

    private boolean matches(int entry, int event) {
        return entryList.get(entry).event() == event;
    }

    private boolean concurrent(int a, int b) {
        long pair = ((long) a << 32) | (b & 0xffffffffL);
        return concurrency.computeIfAbsent(pair, x -> GlobalMachine.concurrent(entryList.get(a).thread(),
                entryList.get(b).thread()));
    }

    /**
     * Whether the participant's next event {@code ev} can come from the lag entry at {@code j} of {@code c}: it is
     * that event and every entry before it (from {@code start}) is concurrent with it.
     */
    private boolean takeable(Cand c, int start, int j, int ev) {
        int[] d = c.data();
        if (!matches(d[j], ev)) {
            return false;
        }
        for (int k = start; k < j; k++) {
            if (!concurrent(d[k], d[j])) {
                return false;
            }
        }
        return true;
    }

    /** One participant's step, written out only if a run is shown. */
    private record Step(String participant, LocalMachine.Transition t) {
        @Override
        public String toString() {
            return t.isSend() ? participant + " sends " + t.message() + " to " + t.peer()
                    : participant + " receives " + t.message() + " from " + t.peer();
        }
    }

    /** A configuration's identity: local states, non-empty queues by channel, candidates as a set. */
    private record Key(IntsKey locals, Map<Integer, List<String>> queues, Set<Cand> cands) {
    }

    /**
     * A configuration of the participants and the global runs that explain it. Only non-empty queues are kept
     * (channel {@code from * n + to} to its messages), so a step copies and hashes what is in flight, not all
     * {@code n²} channels.
     */
    private record Config(int[] locals, Map<Integer, List<String>> queues, Set<Cand> cands, Trace trace) {
        /** What identifies the configuration (not how it was reached): states, queues, candidates as a set. */
        Key key() {
            return new Key(new IntsKey(locals.clone()), queues, Set.copyOf(cands));
        }
    }

    Oracle.Verdict check() {
        Config start = new Config(new int[n], Map.of(), new LinkedHashSet<>(List.of(Cand.initial(n))), null);
        Set<Key> seen = new HashSet<>();
        seen.add(start.key());
        Deque<Config> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            if (seen.size() > options.maxStates()) {
                throw new Oracle.TooLarge("asynchronous exploration passed " + options.maxStates() + " states");
            }
            Config c = todo.poll();
            boolean finished = true;
            for (int p = 0; p < n; p++) {
                finished &= machines[p].isFinal(c.locals()[p]) && machines[p].transitions(c.locals()[p]).isEmpty();
            }
            if (finished && c.queues().isEmpty()
                    && c.cands().stream().noneMatch(x -> global.isFinal(x.g()) && x.allEmpty())) {
                return new Oracle.Verdict(Oracle.Kind.EXTRA_BEHAVIOUR, "after " + Trace.show(c.trace())
                        + " every participant has finished, but the global protocol is not over");
            }
            for (int p = 0; p < n; p++) {
                for (LocalMachine.Transition t : machines[p].transitions(c.locals()[p])) {
                    Integer q = who.get(t.peer());
                    if (q == null) {
                        return new Oracle.Verdict(Oracle.Kind.EXTRA_BEHAVIOUR, names.get(p) + " talks to "
                                + t.peer() + ", who is not a participant");
                    }
                    int slot = t.isSend() ? p * n + q : q * n + p;
                    List<String> queue = c.queues().getOrDefault(slot, List.of());
                    List<String> nextQueue;
                    if (t.isSend()) {
                        if (queue.size() >= options.queueBound()) {
                            continue;
                        }
                        nextQueue = new ArrayList<>(queue);
                        nextQueue.add(t.message());
                    } else {
                        if (queue.isEmpty() || !queue.get(0).equals(t.message())) {
                            continue;
                        }
                        nextQueue = queue.subList(1, queue.size());
                    }
                    Trace trace = Trace.then(c.trace(), new Step(names.get(p), t));
                    int ev = event(names.get(p), t.isSend(), t.peer(), t.message());
                    Set<Cand> next = advance(c.cands(), p, ev);
                    if (next.isEmpty()) {
                        if (pruned) {
                            throw new Oracle.TooLarge("a participant runs more than " + maxLag
                                    + " events ahead of another, and no shorter global run explains "
                                    + Trace.show(trace));
                        }
                        return new Oracle.Verdict(Oracle.Kind.EXTRA_BEHAVIOUR, "the participants can do "
                                + Trace.show(trace) + ", which the global protocol does not allow");
                    }
                    int[] locals = c.locals().clone();
                    locals[p] = t.to();
                    Map<Integer, List<String>> qs = new HashMap<>(c.queues());
                    if (nextQueue.isEmpty()) {
                        qs.remove(slot);
                    } else {
                        qs.put(slot, List.copyOf(nextQueue));
                    }
                    Config nc = new Config(locals, qs, next, trace);
                    if (seen.add(nc.key())) {
                        todo.add(nc);
                    }
                }
            }
        }
        return new Oracle.Verdict(Oracle.Kind.EQUIVALENT, "");
    }

    private static int lagSize(Cand c, int p) {
        int start = c.start(p);
        return c.end(start) - start;
    }

    /** The candidates that explain participant {@code p} doing event {@code ev} next. */
    private Set<Cand> advance(Set<Cand> cands, int p, int ev) {
        Set<Cand> out = new LinkedHashSet<>();
        for (Cand c : cands) {
            int start = c.start(p);
            int end = c.end(start);
            for (int j = start; j < end; j++) {
                if (takeable(c, start, j, ev)) {
                    out.add(c.without(j));
                }
            }
            extend(c, p, ev, out);
        }
        return out;
    }

    /** Runs the global automaton on from {@code c} until {@code p} has an event; keeps the runs where it is {@code ev}. */
    private void extend(Cand c, int p, int ev, Set<Cand> out) {
        Set<Cand> seen = new HashSet<>();
        Deque<Cand> todo = new ArrayDeque<>(List.of(c));
        seen.add(c);
        while (!todo.isEmpty()) {
            if ((++work & 4095) == 0 && System.nanoTime() > deadline) {
                throw new Oracle.TooLarge("the oracle's time budget ran out");
            }
            Cand cur = todo.poll();
            for (Nfa.Edge<GlobalMachine.Interaction> e : global.edges(cur.g())) {
                GlobalMachine.Interaction i = e.label();
                Integer from = who.get(i.from());
                Integer to = who.get(i.to());
                if (from == null || to == null) {
                    continue;
                }
                int sent = entry(event(i.from(), true, i.to(), i.message()), i.thread());
                int got = entry(event(i.to(), false, i.from(), i.message()), i.thread());
                // a late message is two halves: sent at the timeout, received where the timeout branch takes it
                Cand next = i.sends() && i.receives() ? cur.append(e.to(), from, sent, to, got)
                        : i.sends() ? cur.appendOne(e.to(), from, sent) : cur.appendOne(e.to(), to, got);
                if ((from == p && i.sends()) || (to == p && i.receives())) {
                    int start = next.start(p);
                    int last = next.end(start) - 1;
                    if (takeable(next, start, last, ev)) {
                        out.add(next.without(last));
                    }
                    if (entryList.get(next.data()[last]).thread().isEmpty()) {
                        continue;
                    }
                }
                if (lagSize(next, from) > maxLag || lagSize(next, to) > maxLag) {
                    pruned = true;
                    continue;
                }
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
    }
}
