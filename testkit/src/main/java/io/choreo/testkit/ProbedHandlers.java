package io.choreo.testkit;

import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The handlers of a session under test: the application's for some roles, a probe per participant for others. */
record ProbedHandlers(Map<String, Supplier<? extends RoleHandler>> handlers, Set<String> probed,
                      Map<String, RoleProbe> probes) implements RoleHandlers {
    ProbedHandlers {
        handlers = Map.copyOf(handlers);
        probed = Set.copyOf(probed);
        probes = Map.copyOf(probes);
    }

    @Override
    public RoleHandler create(String role, String participant, String instanceName) {
        RoleProbe probe = probes.get(participant);
        if (probe != null) {
            return new ProbeHandler(probe);
        }
        Supplier<? extends RoleHandler> s = handlers.get(role);
        if (s == null) {
            throw new IllegalArgumentException("no handler or probe for role '" + role + "'");
        }
        return s.get();
    }

    @Override
    public Set<String> namedRoles() {
        Set<String> roles = new LinkedHashSet<>(handlers.keySet());
        roles.addAll(probed);
        return roles;
    }

    @Override
    public boolean servesEveryRole() {
        return false;
    }
}
