package io.choreo.runtime.role;

import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.session.SessionProtocol;
import io.choreo.runtime.session.SessionError;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** What every role shell (in-memory, durable, simulated) does first: get its participant's compiled machine. */
public final class RoleShell {
    private RoleShell() {
    }

    /**
     * Machines by the identity of the participant's type (the sessions of a protocol share their participants'
     * types): a lock-free look-up per participant start, before {@link RoleMachine#of}'s locked cache.
     */
    private static final io.choreo.runtime.session.IdentityMemo<io.choreo.projection.local.LocalType, RoleMachine>
            MACHINES = new io.choreo.runtime.session.IdentityMemo<>(4_096);

    /**
     * The participant's compiled machine handed to {@code shell}; a type that cannot be compiled (unguarded
     * recursion, too many states) fails the session with a typed {@code ProtocolViolation}.
     */
    public static Behavior<RoleActor.Command> withMachine(RoleActor.Setup setup,
                                                Function<RoleMachine, Behavior<RoleActor.Command>> shell) {
        RoleMachine machine;
        try {
            machine = MACHINES.get(setup.participant().type(), RoleMachine::of);
        } catch (IllegalStateException e) {
            String me = setup.participant().name();
            setup.session().tell(new SessionProtocol.RoleFailed(me, new SessionError.ProtocolViolation(me,
                    e.getMessage())));
            return Behaviors.ignore();
        }
        return shell.apply(machine);
    }

}
