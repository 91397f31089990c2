package io.choreo.runtime.role;

import io.choreo.runtime.observe.SessionMdc;
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
     * {@link #create}, with the session id and the participant in the logging MDC while it handles a message: by
     * default wrapped in {@link SessionMdc#participant}; in-memory participants put them there themselves.
     */
    default Behavior<RoleActor.Command> createLogged(RoleActor.Setup setup) {
        return SessionMdc.participant(setup.sessionId(), setup.participant().name(), create(setup));
    }

    /**
     * Where sessions whose participants run this way record their protocol fingerprint: nowhere for in-memory
     * participants; the journal for durable ones, so a session id cannot be reused for another protocol.
     */
    default SessionRegistry registry() {
        return SessionRegistry.none();
    }

    /**
     * Whether its participants ask the session for their peers once they are ready (durable ones do, once
     * recovered), so a placement need not send them their {@code Start} and the session can hold it back until it
     * has recorded its fingerprint.
     */
    default boolean askForPeers() {
        return false;
    }

    /**
     * Whether its participants tell the session themselves when their actor stops before the protocol ended
     * ({@code SessionProtocol.RoleStopped}), so the session need not watch them.
     */
    default boolean reportsStop() {
        return false;
    }

    /** Progress kept in memory: the testing mode. */
    static RoleBehaviors inMemory() {
        return RoleActor.BEHAVIORS;
    }
}
