package io.choreo.runtime.handler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** A handler factory per role name, with an optional fallback for the roles it does not name. */
record PerRoleHandlers(Map<String, Supplier<? extends RoleHandler>> perRole, RoleHandlers fallback)
        implements RoleHandlers {
    PerRoleHandlers {
        perRole = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perRole));
    }

    @Override
    public RoleHandler create(String role, String participant, String instanceName) {
        Supplier<? extends RoleHandler> s = perRole.get(role);
        if (s != null) {
            return s.get();
        }
        if (fallback == null) {
            throw new IllegalArgumentException("no handler for role '" + role + "'");
        }
        return fallback.create(role, participant, instanceName);
    }

    @Override
    public Set<String> namedRoles() {
        return perRole.keySet();
    }

    @Override
    public boolean servesEveryRole() {
        return fallback != null;
    }
}
