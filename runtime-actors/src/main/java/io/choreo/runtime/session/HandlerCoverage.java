package io.choreo.runtime.session;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.handler.RoleHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks at session start that the handlers name exactly the protocol's roles (unless a default is opted into). */
final class HandlerCoverage {
    private HandlerCoverage() {
    }

    static List<String> problems(RoleHandlers handlers, Map<String, Participant> participants) {
        if (handlers.namedRoles().isEmpty() && handlers.servesEveryRole()) {
            return List.of();   // one handler factory for every role: nothing to check, at every session start
        }
        Set<String> roles = new TreeSet<>();
        participants.values().forEach(p -> roles.add(p.role()));
        List<String> problems = new ArrayList<>();
        for (String named : new TreeSet<>(handlers.namedRoles())) {
            if (!roles.contains(named)) {
                problems.add("a handler is given for role '" + named + "', which the protocol does not declare "
                        + "(roles: " + String.join(", ", roles) + ")");
            }
        }
        if (!handlers.servesEveryRole()) {
            for (String role : roles) {
                if (!handlers.namedRoles().contains(role)) {
                    problems.add("no handler for role '" + role + "': give one, or opt into do-nothing handlers "
                            + "with withRoleHandlers(handlers, RoleHandlers.defaults())");
                }
            }
        }
        return problems;
    }
}
