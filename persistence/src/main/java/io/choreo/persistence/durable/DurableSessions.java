package io.choreo.persistence.durable;

import io.choreo.runtime.role.RoleBehaviors;
import io.choreo.runtime.session.SessionSpec;

/**
 * Durable sessions: participants run as {@link DurableRole}s. To resume a session after a crash, run a session with
 * the same spec (same session id, protocol and bindings) again: every participant recovers its progress from the
 * journal and the session completes. A session id belongs to the protocol (and bindings) it first ran: running
 * another under it fails with {@code SessionIdConflict}.
 */
public final class DurableSessions {
    private DurableSessions() {
    }

    /** Durable participants; sessions record their protocol fingerprint with {@link SessionClaim}. */
    public static RoleBehaviors roleBehaviors() {
        return new RoleBehaviors() {
            @Override
            public org.apache.pekko.actor.typed.Behavior<io.choreo.runtime.role.RoleActor.Command> create(
                    io.choreo.runtime.role.RoleActor.Setup setup) {
                return DurableRole.create(setup);
            }

            @Override
            public io.choreo.runtime.session.SessionRegistry registry() {
                return SessionClaim.registry();
            }

            @Override
            public boolean askForPeers() {
                return true;
            }
        };
    }

    /** {@code spec} with durable participants. */
    public static SessionSpec durable(SessionSpec spec) {
        return spec.withRoleBehaviors(roleBehaviors());
    }
}
