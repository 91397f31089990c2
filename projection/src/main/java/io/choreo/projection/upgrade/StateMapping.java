package io.choreo.projection.upgrade;

import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.upgrade.UpgradeReport.BlockedState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The state-by-state mapping of one participant's old machine onto its new one (see {@link UpgradeCheck}): the
 * synchronous product from the two starts, the pairs whose futures differ, and the old states they block. Iterative
 * throughout; the product is bounded by a pair budget.
 */
final class StateMapping {
    /** Most actions of a history shown; earlier ones are elided. */
    private static final int HISTORY_SHOWN = 8;

    private final List<BlockedState> blocked;

    private StateMapping(List<BlockedState> blocked) {
        this.blocked = blocked;
    }

    List<BlockedState> blocked() {
        return blocked;
    }

    /** The mapping, or empty if the product has more than {@code maxPairs} pairs. */
    static Optional<StateMapping> of(LocalMachine older, LocalMachine newer, int maxPairs) {
        Map<Long, Integer> ids = new HashMap<>();
        List<int[]> pairs = new ArrayList<>();
        List<List<int[]>> predecessors = new ArrayList<>();   // (pair, old transition index) into each pair
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        ids.put(0L, 0);
        pairs.add(new int[] {0, 0});
        predecessors.add(new ArrayList<>());
        todo.add(0);
        List<String> reasons = new ArrayList<>();
        reasons.add(null);
        ArrayDeque<Integer> bad = new ArrayDeque<>();
        while (!todo.isEmpty()) {
            int id = todo.poll();
            int s = pairs.get(id)[0];
            int t = pairs.get(id)[1];
            String differs = difference(older, s, newer, t);
            if (differs != null) {
                reasons.set(id, differs);
                bad.add(id);
            }
            List<LocalMachine.Transition> from = older.transitions(s);
            for (int i = 0; i < from.size(); i++) {
                LocalMachine.Transition a = from.get(i);
                for (LocalMachine.Transition b : newer.transitions(t)) {
                    if (!key(a).equals(key(b))) {
                        continue;
                    }
                    long code = (long) a.to() * newer.stateCount() + b.to();
                    Integer next = ids.get(code);
                    if (next == null) {
                        if (pairs.size() >= maxPairs) {
                            return Optional.empty();
                        }
                        next = pairs.size();
                        ids.put(code, next);
                        pairs.add(new int[] {a.to(), b.to()});
                        predecessors.add(new ArrayList<>());
                        reasons.add(null);
                        todo.add(next);
                    }
                    predecessors.get(next).add(new int[] {id, i});
                }
            }
        }
        // a pair is unsafe if it differs or can reach one that does: nearest difference first
        while (!bad.isEmpty()) {
            int id = bad.poll();
            for (int[] p : predecessors.get(id)) {
                if (reasons.get(p[0]) == null) {
                    String step = key(older.transitions(pairs.get(p[0])[0]).get(p[1]));
                    String later = reasons.get(id);
                    reasons.set(p[0], later.startsWith("after ") ? "after " + step + ", " + later.substring(6)
                            : "after " + step + ": " + later);
                    bad.add(p[0]);
                }
            }
        }
        String[] stateReason = new String[older.stateCount()];
        boolean[] paired = new boolean[older.stateCount()];
        for (int id = 0; id < pairs.size(); id++) {
            int s = pairs.get(id)[0];
            paired[s] = true;
            if (reasons.get(id) != null && stateReason[s] == null) {
                stateReason[s] = reasons.get(id);
            }
        }
        String[] history = histories(older);
        List<BlockedState> blocked = new ArrayList<>();
        for (int s = 0; s < older.stateCount(); s++) {
            if (history[s] == null) {
                continue;   // unreachable in the old machine: no participant is persisted there
            }
            String reason = !paired[s] ? "the new version cannot replay this journal" : stateReason[s];
            if (reason != null) {
                blocked.add(UpgradeCheck.blocked(s, history[s], next(older, s), reason));
            }
        }
        return Optional.of(new StateMapping(List.copyOf(blocked)));
    }

    /** An action as journals record it: direction, peer, label and payload types. */
    private static String key(LocalMachine.Transition t) {
        return t.peer() + (t.isSend() ? "!" : "?") + t.message();
    }

    private static Set<String> keys(LocalMachine m, int state) {
        return m.transitions(state).stream().map(StateMapping::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** How the two states differ at once, or null if they offer the same next actions and end alike. */
    private static String difference(LocalMachine older, int s, LocalMachine newer, int t) {
        if (older.isFinal(s) != newer.isFinal(t)) {
            return older.isFinal(s) ? "the old version may end here, the new one does not"
                    : "the new version may end here, the old one does not";
        }
        Set<String> before = keys(older, s);
        Set<String> after = keys(newer, t);
        if (before.equals(after)) {
            return null;
        }
        Set<String> gone = new TreeSet<>(before);
        gone.removeAll(after);
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        return "the new version " + (gone.isEmpty() ? "" : "drops " + String.join(", ", gone))
                + (gone.isEmpty() || added.isEmpty() ? "" : " and ") + (added.isEmpty() ? "" : "adds "
                + String.join(", ", added));
    }

    /** What the participant does next in the old version. */
    private static String next(LocalMachine m, int state) {
        String actions = m.transitions(state).stream().map(t -> key(t) + " (line " + t.origin().line() + ")")
                .distinct().collect(Collectors.joining(" | "));
        return actions.isEmpty() ? "end" : (m.isFinal(state) ? "end | " : "") + actions;
    }

    /** The shortest journal to each old state (null if unreachable), by breadth-first search. */
    private static String[] histories(LocalMachine m) {
        int[] parent = new int[m.stateCount()];
        String[] via = new String[m.stateCount()];
        int[] depth = new int[m.stateCount()];
        Arrays.fill(parent, -2);
        parent[0] = -1;
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(0));
        while (!todo.isEmpty()) {
            int s = todo.poll();
            for (LocalMachine.Transition t : m.transitions(s)) {
                if (parent[t.to()] == -2) {
                    parent[t.to()] = s;
                    via[t.to()] = key(t);
                    depth[t.to()] = depth[s] + 1;
                    todo.add(t.to());
                }
            }
        }
        String[] out = new String[m.stateCount()];
        for (int s = 0; s < m.stateCount(); s++) {
            if (parent[s] == -2) {
                continue;
            }
            ArrayDeque<String> steps = new ArrayDeque<>();
            for (int x = s; parent[x] >= 0 && steps.size() < HISTORY_SHOWN; x = parent[x]) {
                steps.addFirst(via[x]);
            }
            out[s] = steps.isEmpty() ? "start"
                    : (depth[s] > HISTORY_SHOWN ? "… " : "") + String.join("; ", steps);
        }
        return out;
    }
}
