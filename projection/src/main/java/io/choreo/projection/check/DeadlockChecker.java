package io.choreo.projection.check;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.projection.local.LocalType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explores the product of the participants' local state machines with bounded FIFO queues, one per ordered pair.
 * A reachable state where someone has not finished and nobody can move is a deadlock; a final state with messages
 * still queued has orphan messages. Either is reported with the trace that reaches it from the start.
 */
public final class DeadlockChecker {
    /** Array sizes used when a protocol is checked without session bindings. */
    public static final int DEFAULT_ARRAY_SIZE = 3;
    public static final int DEFAULT_SYMBOL = 2;

    /** Queue capacity per ordered pair of participants, and the exploration limit. */
    public record Options(int queueBound, int maxStates) {
        public static final Options DEFAULT = new Options(4, 200_000);
    }

    private DeadlockChecker() {
    }

    /** Checks a compiled protocol, with arrays instantiated at the bound (or default small) sizes. */
    public static DeadlockReport check(CompiledProtocol protocol, Bindings bindings, Options options) {
        ResolvedBindings resolved = ResolvedBindings.forChecking(protocol.global(), bindings, DEFAULT_ARRAY_SIZE,
                DEFAULT_SYMBOL);
        return explore(participants(protocol, resolved), options);
    }

    /** The concrete local type of every participant: plain roles, and each instance {@code F[i]} of arrays. */
    public static Map<String, LocalType> participants(CompiledProtocol protocol, ResolvedBindings bindings) {
        Map<String, LocalType> out = new LinkedHashMap<>();
        Participants.of(protocol, bindings).forEach((name, p) -> out.put(name, p.type()));
        return out;
    }

    private record Config(List<LocalType> roles, List<List<String>> queues) {
    }

    private record Edge(Config previous, String step) {
    }

    /** Explores the given participants (name to concrete local type). */
    public static DeadlockReport explore(Map<String, LocalType> participants, Options options) {
        List<String> names = List.copyOf(participants.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int n = names.size();
        List<List<String>> emptyQueues = new ArrayList<>();
        for (int i = 0; i < n * n; i++) {
            emptyQueues.add(List.of());
        }
        Config start = new Config(participants.values().stream().map(LocalSemantics::normalize).toList(),
                List.copyOf(emptyQueues));
        Map<Config, Edge> seen = new HashMap<>();
        seen.put(start, null);
        Deque<Config> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            if (seen.size() > options.maxStates()) {
                return new DeadlockReport(DeadlockReport.Verdict.INCONCLUSIVE, List.of(), List.of(), seen.size(),
                        options.queueBound());
            }
            Config c = todo.poll();
            boolean moved = false;
            for (int p = 0; p < n; p++) {
                for (LocalSemantics.Move m : LocalSemantics.moves(c.roles().get(p))) {
                    Integer peer = index.get(m.action().peer());
                    if (peer == null) {
                        throw new IllegalArgumentException(names.get(p) + " talks to unknown participant "
                                + m.action().peer() + "; participants: " + names);
                    }
                    Config next = step(c, p, peer, m, n, options.queueBound());
                    if (next == null) {
                        continue;
                    }
                    moved = true;
                    if (!seen.containsKey(next)) {
                        String arrow = m.action().kind() == Action.Kind.SEND
                                ? names.get(p) + " -> " + names.get(peer) + ": " + m.action().label() + " (sent)"
                                : names.get(peer) + " -> " + names.get(p) + ": " + m.action().label() + " (received)";
                        seen.put(next, new Edge(c, arrow));
                        todo.add(next);
                    }
                }
            }
            if (!moved) {
                boolean allDone = c.roles().stream().allMatch(LocalSemantics::isFinished);
                boolean queuesEmpty = c.queues().stream().allMatch(List::isEmpty);
                if (!allDone || !queuesEmpty) {
                    return new DeadlockReport(allDone ? DeadlockReport.Verdict.ORPHAN_MESSAGES
                            : DeadlockReport.Verdict.DEADLOCK, trace(seen, c), stuck(c, names), seen.size(),
                            options.queueBound());
                }
            }
        }
        return new DeadlockReport(DeadlockReport.Verdict.DEADLOCK_FREE, List.of(), List.of(), seen.size(),
                options.queueBound());
    }

    private static Config step(Config c, int p, int peer, LocalSemantics.Move m, int n, int bound) {
        List<List<String>> queues = new ArrayList<>(c.queues());
        if (m.action().kind() == Action.Kind.SEND) {
            List<String> q = queues.get(p * n + peer);
            if (q.size() >= bound) {
                return null;
            }
            List<String> grown = new ArrayList<>(q);
            grown.add(m.action().label());
            queues.set(p * n + peer, List.copyOf(grown));
        } else {
            List<String> q = queues.get(peer * n + p);
            if (q.isEmpty() || !q.get(0).equals(m.action().label())) {
                return null;
            }
            queues.set(peer * n + p, List.copyOf(q.subList(1, q.size())));
        }
        List<LocalType> roles = new ArrayList<>(c.roles());
        roles.set(p, m.next());
        return new Config(List.copyOf(roles), List.copyOf(queues));
    }

    private static List<String> trace(Map<Config, Edge> seen, Config end) {
        List<String> steps = new ArrayList<>();
        for (Edge e = seen.get(end); e != null; e = seen.get(e.previous())) {
            steps.add(0, e.step());
        }
        return steps;
    }

    private static List<String> stuck(Config c, List<String> names) {
        List<String> out = new ArrayList<>();
        int n = names.size();
        for (int p = 0; p < n; p++) {
            LocalType t = c.roles().get(p);
            if (!LocalSemantics.isFinished(t)) {
                List<String> waits = LocalSemantics.moves(t).stream().map(m -> m.action().toString()).distinct().toList();
                out.add(names.get(p) + " is stuck waiting for " + String.join(" or ", waits));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                List<String> q = c.queues().get(i * n + j);
                if (!q.isEmpty()) {
                    out.add("queue " + names.get(i) + " -> " + names.get(j) + " holds " + q);
                }
            }
        }
        return out;
    }
}
