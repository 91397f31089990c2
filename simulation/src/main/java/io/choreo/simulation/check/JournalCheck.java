package io.choreo.simulation.check;

import io.choreo.persistence.durable.RoleEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a participant's journal: every fact of every send (and every merged fact of every receive) is recorded
 * exactly once, and no message was consumed twice.
 */
public final class JournalCheck {
    private JournalCheck() {
    }

    public static List<String> check(String participant, List<Object> events) {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> recorded = new HashMap<>();
        Set<String> expected = new HashSet<>();
        Set<String> consumed = new HashSet<>();
        for (Object event : events) {
            if (event instanceof RoleEvent.Fact f) {
                recorded.merge(f.fact().fact(), 1, Integer::sum);
            } else if (event instanceof RoleEvent.Sent s) {
                expected.addAll(s.facts());
            } else if (event instanceof RoleEvent.Received r) {
                if (!consumed.add(r.from() + "#" + r.seq())) {
                    violations.add(participant + " consumed " + r.from() + "?" + r.label() + " #" + r.seq()
                            + " twice");
                }
            }
        }
        recorded.forEach((fact, times) -> {
            if (times > 1) {
                violations.add(participant + " recorded fact '" + fact + "' " + times + " times");
            }
        });
        for (String fact : expected) {
            if (!recorded.containsKey(fact)) {
                violations.add(participant + " sent a message with fact '" + fact + "' that was never recorded");
            }
        }
        return violations;
    }
}
