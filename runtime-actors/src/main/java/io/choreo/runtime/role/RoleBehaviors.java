package io.choreo.runtime.role;

import io.choreo.runtime.session.SessionRegistry;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Makes the actor behaviour of a participant: {@link RoleActor} (progress in memory) by default, a durable,
 * event-sourced one from the persistence module.
 */
@FunctionalInterface
public interface RoleBehaviors {

    Behavior<RoleActor.Command> create(RoleActor.Setup setup);

    /**
     * Where sessions whose participants run this way record their protocol fingerprint: nowhere for in-memory
     * participants; the journal for durable ones, so a session id cannot be reused for another protocol.
     */
    default SessionRegistry registry() {
        return SessionRegistry.none();
    }

    /** Progress kept in memory: the testing mode. */
    static RoleBehaviors inMemory() {
        return RoleActor::create;
    }
}
