package io.choreo.runtime.handler;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Creates the handler of a participant; called once per participant when a session starts. */
@FunctionalInterface
public interface RoleHandlers {

    /**
     * @param role the declared role ({@code Followers})
     * @param participant the participant ({@code Followers[2]})
     * @param instanceName the bound instance name ({@code bindInstances}), or the participant name
     */
    RoleHandler create(String role, String participant, String instanceName);

    /** The roles this factory names a handler for; the session checks each is a role of the protocol. */
    default Set<String> namedRoles() {
        return Set.of();
    }

    /** Whether every role gets a handler; if not, a role missing from {@link #namedRoles} fails the session. */
    default boolean servesEveryRole() {
        return true;
    }

    /** Handlers that accept every default: an explicit opt-in to do-nothing handlers for every role. */
    static RoleHandlers defaults() {
        return (role, participant, name) -> new RoleHandler() {
        };
    }

    /**
     * One handler factory per role. A role of the protocol without a factory, or a factory for a role the protocol
     * does not declare, fails the session at start with {@code InvalidBindings}.
     */
    static RoleHandlers perRole(Map<String, Supplier<? extends RoleHandler>> perRole) {
        return new PerRoleHandlers(perRole, null);
    }

    /** One handler factory per role; roles without one get {@code fallback} (an explicit opt-in). */
    static RoleHandlers perRole(Map<String, Supplier<? extends RoleHandler>> perRole, RoleHandlers fallback) {
        return new PerRoleHandlers(perRole, fallback);
    }
}
