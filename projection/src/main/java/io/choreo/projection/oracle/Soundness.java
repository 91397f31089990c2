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

    /** Where in {@code lag} the participant's next event {@code ev} can come from: entries all before it concurrent. */
    private List<Integer> takeable(List<Integer> lag, int ev) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < lag.size(); j++) {
            if (matches(lag.get(j), ev)) {
                boolean free = true;
                for (int k = 0; k < j && free; k++) {
                    free = concurrent(lag.get(k), lag.get(j));
                }
                if (free) {
                    out.add(j);
                }
            }
        }
        return out;
    }

    /** A candidate: global state and per-participant lag, as {@code [g, lag_0…, -1, lag_1…, -1, …]}. */
    private record Cand(IntsKey key) {
        int[] data() {
            return key.data();
        }

        int g() {
            return data()[0];
        }

        List<List<Integer>> lags(int n) {
            List<List<Integer>> out = new ArrayList<>();
            List<Integer> cur = new ArrayList<>();
            int[] data = data();
            for (int i = 1; i < data.length; i++) {
                if (data[i] < 0) {
                    out.add(cur);
                    cur = new ArrayList<>();
                } else {
                    cur.add(data[i]);
                }
            }
            return out;
        }

        static Cand of(int g, List<List<Integer>> lags) {
            int size = 1;
            for (List<Integer> l : lags) {
                size += l.size() + 1;
            }
            int[] d = new int[size];
            d[0] = g;
            int i = 1;
            for (List<Integer> l : lags) {
                for (int e : l) {
                    d[i++] = e;
                }
                d[i++] = -1;
            }
            return new Cand(new IntsKey(d));
        }
    }

    /** One participant's step, written out only if a run is shown. */
    private record Step(String participant, LocalMachine.Transition t) {
        @Override
        public String toString() {
            return t.isSend() ? participant + " sends " + t.message() + " to " + t.peer()
                    : participant + " receives " + t.message() + " from " + t.peer();
        }
    }

    /** A configuration's identity: local states, queues, candidates as a set. */
    private record Key(IntsKey locals, List<List<String>> queues, Set<Cand> cands) {
    }

    /** A configuration of the participants and the global runs that explain it. */
    private record Config(int[] locals, List<List<String>> queues, Set<Cand> cands, Trace trace) {
        /** What identifies the configuration (not how it was reached): states, queues, candidates as a set. */
        Key key() {
            return new Key(new IntsKey(locals.clone()), queues, Set.copyOf(cands));
        }
    }

    Oracle.Verdict check() {
        List<List<Integer>> empty = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            empty.add(List.of());
        }
        List<List<String>> queues = new ArrayList<>();
        for (int i = 0; i < n * n; i++) {
            queues.add(List.of());
        }
        Config start = new Config(new int[n], queues, new LinkedHashSet<>(List.of(Cand.of(0, empty))), null);
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
            if (finished && c.queues().stream().allMatch(List::isEmpty)
                    && c.cands().stream().noneMatch(x -> global.isFinal(x.g()) && allEmpty(x))) {
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
                    List<String> queue = c.queues().get(slot);
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
                    List<List<String>> qs = new ArrayList<>(c.queues());
                    qs.set(slot, List.copyOf(nextQueue));
                    Config nc = new Config(locals, qs, next, trace);
                    if (seen.add(nc.key())) {
                        todo.add(nc);
                    }
                }
            }
        }
        return new Oracle.Verdict(Oracle.Kind.EQUIVALENT, "");
    }

    private boolean allEmpty(Cand c) {
        for (int i = 1; i < c.data().length; i++) {
            if (c.data()[i] >= 0) {
                return false;
            }
        }
        return true;
    }

    private static List<List<Integer>> without(List<List<Integer>> lags, int p, int j) {
        List<List<Integer>> copy = new ArrayList<>(lags);
        List<Integer> mine = new ArrayList<>(lags.get(p));
        mine.remove(j);
        copy.set(p, mine);
        return copy;
    }

    /** Whether entry {@code j} may be overtaken by later events of the participant (it is concurrent with them). */
    private boolean concurrentWithAll(List<Integer> lag, int j) {
        return !entryList.get(lag.get(j)).thread().isEmpty();
    }

    /** The candidates that explain participant {@code p} doing event {@code ev} next. */
    private Set<Cand> advance(Set<Cand> cands, int p, int ev) {
        Set<Cand> out = new LinkedHashSet<>();
        for (Cand c : cands) {
            List<List<Integer>> lags = c.lags(n);
            for (int j : takeable(lags.get(p), ev)) {
                out.add(Cand.of(c.g(), without(lags, p, j)));
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
                List<List<Integer>> lags = cur.lags(n);
                List<Integer> a = new ArrayList<>(lags.get(from));
                if (i.sends()) {
                    a.add(entry(event(i.from(), true, i.to(), i.message()), i.thread()));
                    lags.set(from, a);
                }
                List<Integer> b = new ArrayList<>(lags.get(to));
                if (i.receives()) {
                    b.add(entry(event(i.to(), false, i.from(), i.message()), i.thread()));
                    lags.set(to, b);
                }
                if ((from == p && i.sends()) || (to == p && i.receives())) {
                    List<Integer> mine = lags.get(p);
                    int last = mine.size() - 1;
                    if (takeable(mine, ev).contains(last)) {
                        out.add(Cand.of(e.to(), without(lags, p, last)));
                    }
                    if (!concurrentWithAll(mine, last)) {
                        continue;
                    }
                }
                if (a.size() > maxLag || b.size() > maxLag) {
                    pruned = true;
                    continue;
                }
                Cand next = Cand.of(e.to(), lags);
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
    }
}
