package io.choreo.persistence.durable;

import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.EventRejectedException;

/**
 * How a durable participant survives journal failures: it restarts with {@link
 * io.choreo.persistence.journal.JournalRestarts#backoff}, and rejections are reported as typed errors.
 */
final class RoleRestarts {
    private RoleRestarts() {
    }

    /** Turns a journal rejection, which stops the participant, into a typed {@code JournalFailed} for the session. */
    static final class RejectionReporter extends BehaviorInterceptor<Object, Object> {
        private final RoleActor.Setup setup;

        RejectionReporter(RoleActor.Setup setup) {
            super(Object.class);
            this.setup = setup;
        }

        @Override
        public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target) {
            try {
                return target.apply(ctx, msg);
            } catch (EventRejectedException e) {
                String me = setup.participant().name();
                setup.session().tell(new SessionActor.RoleFailed(me, new SessionError.JournalFailed(me, List.of(),
                        "the journal rejected a write: " + e.getCause())));
                throw e;
            }
        }
    }
}
