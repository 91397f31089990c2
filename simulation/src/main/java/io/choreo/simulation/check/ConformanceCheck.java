package io.choreo.simulation.check;

import io.choreo.persistence.durable.RoleEvent;
import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a participant's recorded run against its local type, independently of the runtime that produced it: each
 * send and receive, in journal order, must be a step the local type allows at that point (choices are resolved by
 * the step taken; at a timed choice a receive takes a branch other than {@code timeout}, and a recorded timeout takes
 * that one), and a completed session must leave every type finished.
 */
public final class ConformanceCheck {
    private ConformanceCheck() {
    }

    /** The violations of {@code participant}'s run, or none. */
    public static List<String> check(String participant, LocalType type, List<Object> events, boolean completed) {
        List<String> violations = new ArrayList<>();
        LocalType t = type;
        for (Object event : events) {
            Action action;
            if (event instanceof RoleEvent.TimedOut) {
                Optional<LocalType> timeout = TimedHead.timeoutBranch(t);
                if (timeout.isEmpty()) {
                    violations.add(participant + " timed out where its type has no deadline");
                    return violations;
                }
                t = timeout.get();
                continue;
            } else if (event instanceof RoleEvent.Sent s) {
                action = new Action(Action.Kind.SEND, s.to(), s.label());
            } else if (event instanceof RoleEvent.Received r) {
                action = new Action(Action.Kind.RECEIVE, r.from(), r.label());
            } else {
                continue;
            }
            Optional<LocalSemantics.Move> move = TimedHead.moves(t).stream()
                    .filter(m -> m.action().equals(action)).findFirst();
            if (move.isEmpty()) {
                violations.add(participant + " did " + action + " where its type allows only "
                        + LocalSemantics.moves(t).stream().map(m -> m.action().toString()).distinct().toList());
                return violations;
            }
            t = move.get().next();
        }
        if (completed && !LocalSemantics.isFinished(t)) {
            violations.add(participant + " is reported finished but its type still expects "
                    + LocalSemantics.moves(t).stream().map(m -> m.action().toString()).distinct().toList());
        }
        return violations;
    }
}
