package io.choreo.runtime.role;

import org.apache.pekko.actor.typed.Behavior;

/**
 * Makes the actor behaviour of a participant: {@link RoleActor} (progress in memory) by default, a durable,
 * event-sourced one from the persistence module.
 */
@FunctionalInterface
public interface RoleBehaviors {

    Behavior<RoleActor.Command> create(RoleActor.Setup setup);

    /** Progress kept in memory: the testing mode. */
    static RoleBehaviors inMemory() {
        return RoleActor::create;
    }
}
