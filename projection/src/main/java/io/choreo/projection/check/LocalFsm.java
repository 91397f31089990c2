package io.choreo.projection.check;

import io.choreo.projection.local.LocalType;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finite state machine of a concrete local type: state 0 is the start, each transition one action.
 *
 * @param stateCount number of states
 * @param transitions every transition
 * @param finals states where the participant has finished
 * @param residuals the local type that remains in each state (index = state)
 */
public record LocalFsm(int stateCount, List<Transition> transitions, Set<Integer> finals, List<LocalType> residuals) {

    public record Transition(int from, Action action, int to) {
    }

    /** Builds the machine by exploring every reachable residual type (at most {@code maxStates}). */
    public static LocalFsm of(LocalType concrete, int maxStates) {
        Map<LocalType, Integer> ids = new HashMap<>();
        List<Transition> transitions = new ArrayList<>();
        Set<Integer> finals = new LinkedHashSet<>();
        Deque<LocalType> todo = new ArrayDeque<>();
        LocalType start = LocalSemantics.normalize(concrete);
        ids.put(start, 0);
        todo.add(start);
        while (!todo.isEmpty() && ids.size() <= maxStates) {
            LocalType t = todo.poll();
            int id = ids.get(t);
            if (LocalSemantics.isFinished(t)) {
                finals.add(id);
            }
            for (LocalSemantics.Move m : LocalSemantics.moves(t)) {
                Integer target = ids.get(m.next());
                if (target == null) {
                    target = ids.size();
                    ids.put(m.next(), target);
                    todo.add(m.next());
                }
                transitions.add(new Transition(id, m.action(), target));
            }
        }
        LocalType[] residuals = new LocalType[ids.size()];
        ids.forEach((type, id) -> residuals[id] = type);
        return new LocalFsm(ids.size(), List.copyOf(transitions), Set.copyOf(finals), List.of(residuals));
    }
}
