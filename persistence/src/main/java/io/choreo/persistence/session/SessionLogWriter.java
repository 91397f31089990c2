package io.choreo.persistence.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Writes the session log: one event-sourced child per session ({@code choreo-session|<id>}), which journals the
 * session's records in order and stops once the outcome is written.
 */
final class SessionLogWriter {
    private SessionLogWriter() {
    }

    static Behavior<SessionRecord> create() {
        return Behaviors.setup(ctx -> {
            Map<String, ActorRef<SessionRecord>> live = new HashMap<>();
            Map<ActorRef<Void>, String> names = new HashMap<>();
            int[] incarnation = {0};
            return Behaviors.receive(SessionRecord.class)
                    .onMessage(SessionRecord.class, r -> {
                        ActorRef<SessionRecord> child = live.get(r.sessionId());
                        if (child == null) {
                            child = ctx.spawn(SessionEntity.create(r.sessionId()), "session-" + ++incarnation[0]
                                    + "-" + URLEncoder.encode(r.sessionId(), StandardCharsets.UTF_8));
                            ctx.watch(child);
                            live.put(r.sessionId(), child);
                            names.put(child.unsafeUpcast(), r.sessionId());
                        }
                        child.tell(r);
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        String id = names.remove(t.getRef());
                        if (id != null && live.get(id) != null && live.get(id).path().equals(t.getRef().path())) {
                            live.remove(id);
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** The journal of one session's records. */
    static final class SessionEntity extends EventSourcedBehavior<SessionRecord, SessionRecord, Integer> {
        SessionEntity(String sessionId) {
            super(PersistenceId.of("choreo-session", sessionId), SupervisorStrategy.restartWithBackoff(
                    Duration.ofMillis(50), Duration.ofSeconds(2), 0.2));
        }

        static Behavior<SessionRecord> create(String sessionId) {
            return new SessionEntity(sessionId);
        }

        @Override
        public Integer emptyState() {
            return 0;
        }

        @Override
        public CommandHandler<SessionRecord, SessionRecord, Integer> commandHandler() {
            return (state, record) -> {
                var effect = Effect().persist(record);
                return record instanceof SessionRecord.Started ? effect : effect.thenStop();
            };
        }

        @Override
        public EventHandler<Integer, SessionRecord> eventHandler() {
            return (state, record) -> state + 1;
        }

        @Override
        public Set<String> tagsFor(SessionRecord record) {
            return Set.of(SessionLog.TAG);
        }
    }
}
