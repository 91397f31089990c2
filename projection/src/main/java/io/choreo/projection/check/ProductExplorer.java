package io.choreo.projection.check;

import io.choreo.dsl.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Explores the product of participants' {@link LocalMachine}s with bounded FIFO queues, one per ordered pair that
 * communicates. Finds deadlocks (someone unfinished and nobody can move), orphan messages (everyone finished with
 * messages left) and starvation (a participant that has not finished never acts again while others go on: a bottom
 * strongly connected component of the state graph in which it never moves).
 *
 * <p>Partial-order reduction keeps the graph small: when one participant's next steps are all enabled sends, or all
 * receives on one channel, they commute with everybody else's, so only they are explored (a persistent set); a state
 * whose reduced successors were all seen before is expanded fully (cycle proviso), so no step is postponed forever.
 */
final class ProductExplorer {
    private final List<String> names;
    private final LocalMachine[] machines;
    private final int n;
    private final int queueBound;
    private final int[][] channel;
    private final List<int[]> channelEnds = new ArrayList<>();
    private final Map<String, Integer> messageIds = new HashMap<>();
    private final Map<String, Integer> who = new HashMap<>();
    private final List<String> messages = new ArrayList<>();
    /** Per participant, state and transition: the peer's index and the message's id (looked up once, not per step). */
    private final int[][][] peerOf;
    private final int[][][] messageOf;

    private final Map<Key, Integer> index = new HashMap<>();
    private final List<int[]> configs = new ArrayList<>();
    private final List<int[]> edges = new ArrayList<>();
    private final List<int[]> edgeActors = new ArrayList<>();
    private final List<Integer> parent = new ArrayList<>();
    private final List<LocalMachine.Transition> via = new ArrayList<>();
    private final List<Integer> viaActor = new ArrayList<>();

    ProductExplorer(Map<String, LocalMachine> participants, int queueBound) {
        this.names = List.copyOf(participants.keySet());
        this.machines = participants.values().toArray(LocalMachine[]::new);
        this.n = names.size();
        this.queueBound = queueBound;
        this.channel = new int[n][n];
        for (int[] row : channel) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < n; i++) {
            who.put(names.get(i), i);
        }
        this.peerOf = new int[n][][];
        this.messageOf = new int[n][][];
        for (int p = 0; p < n; p++) {
            peerOf[p] = new int[machines[p].stateCount()][];
            messageOf[p] = new int[machines[p].stateCount()][];
            for (int s = 0; s < machines[p].stateCount(); s++) {
                List<LocalMachine.Transition> ts = machines[p].transitions(s);
                peerOf[p][s] = new int[ts.size()];
                messageOf[p][s] = new int[ts.size()];
                for (int i = 0; i < ts.size(); i++) {
                    LocalMachine.Transition t = ts.get(i);
                    Integer q = who.get(t.peer());
                    if (q == null) {
                        throw new IllegalArgumentException(names.get(p) + " talks to unknown participant " + t.peer()
                                + "; participants: " + names);
                    }
                    int from = t.isSend() ? p : q;
                    int to = t.isSend() ? q : p;
                    if (channel[from][to] < 0) {
                        channel[from][to] = channelEnds.size();
                        channelEnds.add(new int[] {from, to});
                    }
                    peerOf[p][s][i] = q;
                    messageOf[p][s][i] = messageIds.computeIfAbsent(t.message(), m -> {
                        messages.add(m);
                        return messages.size() - 1;
                    });
                }
            }
        }
    }

    /** Explores every reachable configuration (or until a budget runs out). */
    DeadlockReport explore(DeadlockChecker.Options options, boolean reduce) {
        long deadline = System.nanoTime() + options.timeBudget().toNanos();
        int[] start = new int[n + channelEnds.size() * (queueBound + 1)];
        add(start, -1, null, -1);
        for (int c = 0; c < configs.size(); c++) {
            if (configs.size() > options.maxStates()) {
                return inconclusive("the state limit of " + options.maxStates() + " was reached");
            }
            if ((c & 1023) == 0 && System.nanoTime() > deadline) {
                return inconclusive("the time budget of " + options.timeBudget().toMillis() + " ms ran out");
            }
            int[] config = configs.get(c);
            List<int[]> enabled = enabled(config);
            if (enabled.isEmpty()) {
                DeadlockReport stuck = terminal(c, config);
                if (stuck != null) {
                    return stuck;
                }
                edges.add(new int[0]);
                edgeActors.add(new int[0]);
                continue;
            }
            List<int[]> chosen = reduce ? persistent(config, enabled) : enabled;
            int[] targets = successors(c, config, chosen);
            if (chosen != enabled && seenAny(targets)) {
                chosen = enabled;
                targets = successors(c, config, chosen);
            }
            edges.add(targets);
            int[] actors = new int[chosen.size()];
            for (int i = 0; i < actors.length; i++) {
                actors[i] = chosen.get(i)[0];
            }
            edgeActors.add(actors);
        }
        DeadlockReport starving = new Starvation(this).find();
        if (starving != null) {
            return starving;
        }
        return new DeadlockReport(DeadlockReport.Verdict.DEADLOCK_FREE, List.of(), List.of(), configs.size(),
                queueBound, Span.NONE, "");
    }

    private final java.util.BitSet fresh = new java.util.BitSet();

    private boolean seenAny(int[] targets) {
        for (int t : targets) {
            if (!fresh.get(t)) {
                return true;
            }
        }
        return false;
    }

    private int[] successors(int c, int[] config, List<int[]> chosen) {
        int[] targets = new int[chosen.size()];
        fresh.clear();
        for (int i = 0; i < chosen.size(); i++) {
            int[] e = chosen.get(i);
            LocalMachine.Transition t = machines[e[0]].transitions(config[e[0]]).get(e[1]);
            int before = configs.size();
            targets[i] = add(step(config, e[0], e[1]), c, t, e[0]);
            if (configs.size() > before) {
                fresh.set(targets[i]);
            }
        }
        return targets;
    }

    /** Enabled steps as {participant, transition index}. */
    private List<int[]> enabled(int[] config) {
        List<int[]> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            List<LocalMachine.Transition> ts = machines[p].transitions(config[p]);
            for (int i = 0; i < ts.size(); i++) {
                if (isEnabled(config, p, i)) {
                    out.add(new int[] {p, i});
                }
            }
        }
        return out;
    }

    /** Whether participant {@code p}'s transition {@code i} from its current state can be taken. */
    private boolean isEnabled(int[] config, int p, int i) {
        int q = peerOf[p][config[p]][i];
        if (machines[p].transitions(config[p]).get(i).isSend()) {
            return queueLength(config, channel[p][q]) < queueBound;
        }
        int ch = channel[q][p];
        return queueLength(config, ch) > 0 && head(config, ch) == messageOf[p][config[p]][i];
    }

    /** One participant's steps, if they form a persistent set; otherwise every enabled step. */
    private List<int[]> persistent(int[] config, List<int[]> enabled) {
        for (int p = 0; p < n; p++) {
            List<LocalMachine.Transition> ts = machines[p].transitions(config[p]);
            if (ts.isEmpty()) {
                continue;
            }
            boolean allSends = true;
            boolean oneChannel = true;
            int[] peers = peerOf[p][config[p]];
            for (int i = 0; i < ts.size(); i++) {
                boolean send = ts.get(i).isSend();
                allSends &= send && isEnabled(config, p, i);
                oneChannel &= !send && peers[i] == peers[0];
            }
            if (allSends || oneChannel) {
                List<int[]> mine = new ArrayList<>();
                for (int[] e : enabled) {
                    if (e[0] == p) {
                        mine.add(e);
                    }
                }
                if (!mine.isEmpty()) {
                    return mine;
                }
            }
        }
        return enabled;
    }

    /** Each channel's queue sits after the local states: its length, then {@code queueBound} message slots. */
    private int offset(int ch) {
        return n + ch * (queueBound + 1);
    }

    private int queueLength(int[] config, int ch) {
        return config[offset(ch)];
    }

    private int head(int[] config, int ch) {
        return config[offset(ch) + 1];
    }

    private int[] step(int[] config, int p, int i) {
        LocalMachine.Transition t = machines[p].transitions(config[p]).get(i);
        int[] next = config.clone();
        next[p] = t.to();
        int q = peerOf[p][config[p]][i];
        if (t.isSend()) {
            int off = offset(channel[p][q]);
            next[off + 1 + next[off]] = messageOf[p][config[p]][i];
            next[off]++;
        } else {
            int off = offset(channel[q][p]);
            int len = next[off];
            System.arraycopy(next, off + 2, next, off + 1, len - 1);
            next[off + len] = 0;
            next[off]--;
        }
        return next;
    }

    private int add(int[] config, int from, LocalMachine.Transition t, int actor) {
        Key key = new Key(config);
        Integer id = index.get(key);
        if (id != null) {
            return id;
        }
        id = configs.size();
        index.put(key, id);
        configs.add(config);
        parent.add(from);
        via.add(t);
        viaActor.add(actor);
        return id;
    }

    private DeadlockReport terminal(int c, int[] config) {
        boolean allDone = true;
        for (int p = 0; p < n; p++) {
            allDone &= machines[p].isFinal(config[p]);
        }
        boolean queuesEmpty = true;
        for (int ch = 0; ch < channelEnds.size(); ch++) {
            queuesEmpty &= queueLength(config, ch) == 0;
        }
        if (allDone && queuesEmpty) {
            return null;
        }
        return problem(allDone ? DeadlockReport.Verdict.ORPHAN_MESSAGES : DeadlockReport.Verdict.DEADLOCK, c, -1);
    }

    DeadlockReport problem(DeadlockReport.Verdict verdict, int c, int starving) {
        int[] config = configs.get(c);
        List<String> stuck = new ArrayList<>();
        Span location = Span.NONE;
        for (int p = 0; p < n; p++) {
            List<LocalMachine.Transition> ts = machines[p].transitions(config[p]);
            if (machines[p].isFinal(config[p]) && ts.isEmpty() || starving >= 0 && p != starving) {
                continue;
            }
            stuck.add(names.get(p) + (starving >= 0 ? " starves waiting for " : " is stuck waiting for ")
                    + String.join(" or ", ts.stream().map(Object::toString).distinct().toList()));
            if (location.isNone() && !ts.isEmpty()) {
                location = ts.get(0).origin();
            }
        }
        for (int ch = 0; ch < channelEnds.size(); ch++) {
            int len = queueLength(config, ch);
            if (len > 0) {
                List<String> held = new ArrayList<>();
                for (int i = 0; i < len; i++) {
                    held.add(messages.get(config[offset(ch) + 1 + i]));
                }
                stuck.add("queue " + names.get(channelEnds.get(ch)[0]) + " -> " + names.get(channelEnds.get(ch)[1])
                        + " holds " + held);
            }
        }
        return new DeadlockReport(verdict, trace(c), stuck, configs.size(), queueBound, location, "");
    }

    private List<String> trace(int c) {
        ArrayDeque<String> steps = new ArrayDeque<>();
        for (int at = c; parent.get(at) >= 0; at = parent.get(at)) {
            LocalMachine.Transition t = via.get(at);
            String actor = names.get(viaActor.get(at));
            steps.addFirst(t.isSend() ? actor + " -> " + t.peer() + ": " + t.label() + " (sent)"
                    : t.peer() + " -> " + actor + ": " + t.label() + " (received)");
        }
        return List.copyOf(steps);
    }

    private DeadlockReport inconclusive(String why) {
        return DeadlockReport.inconclusive(configs.size(), queueBound, why);
    }

    int size() {
        return configs.size();
    }

    int[] edges(int c) {
        return edges.get(c);
    }

    int[] edgeActors(int c) {
        return edgeActors.get(c);
    }

    int participants() {
        return n;
    }

    boolean finished(int c, int p) {
        int s = configs.get(c)[p];
        return machines[p].isFinal(s) && machines[p].transitions(s).isEmpty();
    }

    String name(int p) {
        return names.get(p);
    }

    /** A configuration as a hash key. */
    private record Key(int[] config, int hash) {
        Key(int[] config) {
            this(config, Arrays.hashCode(config));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.config, config);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
