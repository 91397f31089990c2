package io.choreo.persistence.durable;

import io.choreo.runtime.role.RoleBehaviors;
import io.choreo.runtime.session.SessionSpec;

/**
 * Durable sessions: participants run as {@link DurableRole}s. To resume a session after a crash, run a session with
 * the same spec (same session id, protocol and bindings) again: every participant recovers its progress from the
 * journal and the session completes.
 */
public final class DurableSessions {
    private DurableSessions() {
    }

    public static RoleBehaviors roleBehaviors() {
        return DurableRole::create;
    }

    /** {@code spec} with durable participants. */
    public static SessionSpec durable(SessionSpec spec) {
        return spec.withRoleBehaviors(roleBehaviors());
    }
}
