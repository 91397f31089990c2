package io.choreo.persistence.durable;

import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.EventRejectedException;

/** How a durable participant survives journal failures: restarts with backoff, rejections reported as typed errors. */
final class RoleRestarts {
    private RoleRestarts() {
    }

    /**
     * The backoff after a failed journal write, from {@code choreo.persistence.restart-backoff} (min 50 ms, max 2 s,
     * random factor 0.2 by default; the simulator sets the random factor to 0 for reproducible runs).
     */
    static BackoffSupervisorStrategy backoff(ActorContext<RoleActor.Command> context) {
        com.typesafe.config.Config c = context.getSystem().settings().config();
        String path = "choreo.persistence.restart-backoff";
        if (!c.hasPath(path)) {
            return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(50), Duration.ofSeconds(2), 0.2);
        }
        com.typesafe.config.Config b = c.getConfig(path);
        return SupervisorStrategy.restartWithBackoff(b.getDuration("min"), b.getDuration("max"),
                b.getDouble("random-factor"));
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
